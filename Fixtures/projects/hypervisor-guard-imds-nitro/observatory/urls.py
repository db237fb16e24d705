from django.http import JsonResponse
from django.urls import path


def status(request):
    return JsonResponse({'ok': True})


urlpatterns = [path('status/', status)]
