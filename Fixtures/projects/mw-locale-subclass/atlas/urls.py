from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path


def health(request):
    return HttpResponse('ok')


def about(request):
    return HttpResponse('about')


urlpatterns = [
    path('health/', health),
] + i18n_patterns(
    path('about/', about),
)
