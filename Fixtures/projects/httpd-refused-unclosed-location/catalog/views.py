from django.http import HttpResponse, JsonResponse


def storefront_home(request):
    return HttpResponse("<h1>Storefront</h1>")


def health(request):
    return JsonResponse({"status": "ok"})
