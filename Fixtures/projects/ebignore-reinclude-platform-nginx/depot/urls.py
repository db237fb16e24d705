from django.urls import path

from inventory import views

urlpatterns = [
    path('health/', views.health),
    path('stock/', views.stock),
]
