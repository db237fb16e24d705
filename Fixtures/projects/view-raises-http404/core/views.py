from django.conf import settings
from django.http import Http404, HttpResponse


def health(request):
    if not settings.DEBUG:
        raise Http404("health endpoint disabled in production")
    return HttpResponse("ok")
