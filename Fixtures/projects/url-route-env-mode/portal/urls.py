import os

from django.http import HttpResponse
from django.urls import path


def health(request):
    return HttpResponse('ok')


HEALTH_ROUTE = 'status/' if os.environ.get('SITE_MODE') == 'legacy' else 'health/'

urlpatterns = [
    path(HEALTH_ROUTE, health, name='health'),
]
