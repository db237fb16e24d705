from django.http import HttpResponse
from django.urls import path


def up(request):
    return HttpResponse(status=200)


urlpatterns = [
    path('up/', up),
]
