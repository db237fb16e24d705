from django.http import HttpResponse


def status(request):
    return HttpResponse("ok", content_type="text/plain")
