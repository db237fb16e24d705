from django.http import HttpResponse
from django.urls import path


def alive(request):
    return HttpResponse('alive')


urlpatterns = [path('alive/', alive)]
