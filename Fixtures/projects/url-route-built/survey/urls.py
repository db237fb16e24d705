from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path

STATUS = 'status/'


def health(request):
    return HttpResponse('ok')


def report(request):
    return HttpResponse('report')


urlpatterns = [
    re_path(r'^' + settings.SITE_PREFIX + 'reports/$', report),
    path(f'{settings.SITE_PREFIX}{STATUS}', health),
    path('{}{}'.format(settings.SITE_PREFIX, 'ping/'), health),
]
