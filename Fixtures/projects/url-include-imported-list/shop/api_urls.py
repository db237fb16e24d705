from django.http import JsonResponse
from django.urls import path


def health(request):
    return JsonResponse({'status': 'ok'})


def products(request):
    return JsonResponse({'products': []})


api_patterns = [
    path('health/', health, name='health'),
    path('products/', products, name='products'),
]
