from django.http import HttpResponse
from django.urls import path


def health(request):
    return HttpResponse('ok')


def about(request):
    return HttpResponse('about the catalog')


PAGES = [
    {'route': 'health/', 'view': health, 'internal': True},
    {'route': 'about/', 'view': about, 'internal': False},
]

urlpatterns = [path(page['route'], page['view']) for page in PAGES if not page['internal']]
