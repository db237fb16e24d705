from django.http import HttpResponse
from django.urls import path


def health(request):
    return HttpResponse('ok')


def about(request):
    return HttpResponse('about the catalog')


PAGES = (
    ('health/', health, 'health'),
    ('about/', about, 'about'),
)

urlpatterns = [path(route, view, name=name) for route, view, name in PAGES]
