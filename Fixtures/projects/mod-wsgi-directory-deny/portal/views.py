from django.http import HttpResponse, JsonResponse


def intranet_home(request):
    return HttpResponse("<h1>Intranet</h1>")


def health(request):
    return JsonResponse({"status": "ok"})
