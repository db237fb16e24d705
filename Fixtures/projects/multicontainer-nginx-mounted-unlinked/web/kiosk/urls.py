from django.urls import path

from tickets import views

urlpatterns = [
    path('health/', views.health, name='health'),
]
