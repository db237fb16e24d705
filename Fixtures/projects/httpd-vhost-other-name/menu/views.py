from django.http import HttpResponse, JsonResponse


def bakery_home(request):
    return HttpResponse("<h1>Bakery</h1>")


def health(request):
    return JsonResponse({"status": "ok"})
