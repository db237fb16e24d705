from django.http import HttpResponse
from django.urls import include, path

from shop.api_urls import api_patterns


def home(request):
    return HttpResponse('shop home')


urlpatterns = [
    path('', home),
    path('api/', include((api_patterns, 'api'))),
]
