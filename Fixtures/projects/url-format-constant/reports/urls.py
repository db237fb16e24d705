from django.http import HttpResponse
from django.urls import path

from reports.constants import API_PREFIX, API_VERSION

BASE = API_PREFIX.format(API_VERSION)


def health(request):
    return HttpResponse('ok')


def summary(request):
    return HttpResponse('summary')


urlpatterns = [
    path('{}health/'.format(BASE), health),
    path(BASE + 'summary/', summary),
]
