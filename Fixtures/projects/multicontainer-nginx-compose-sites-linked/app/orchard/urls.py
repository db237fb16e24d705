from django.urls import path

from harvest import views

urlpatterns = [
    path('health/', views.health, name='health'),
]
