from django.urls import path

from stones import views

urlpatterns = [
    path('health/', views.health, name='health'),
]
