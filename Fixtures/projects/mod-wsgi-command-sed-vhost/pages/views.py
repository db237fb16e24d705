from django.http import HttpResponse


def home(request):
    return HttpResponse("<h1>Atlas</h1>")


def health(request):
    return HttpResponse("ok", content_type="text/plain")
