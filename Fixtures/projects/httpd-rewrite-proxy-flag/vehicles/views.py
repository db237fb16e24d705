from django.http import HttpResponse, JsonResponse


def fleet_home(request):
    return HttpResponse("<h1>Fleet</h1>")


def health(request):
    return JsonResponse({"status": "ok"})
