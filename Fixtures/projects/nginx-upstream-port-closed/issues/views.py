from django.http import HttpResponse, JsonResponse


def tracker_home(request):
    return HttpResponse("<h1>Tracker</h1>")


def health(request):
    return JsonResponse({"status": "ok"})
