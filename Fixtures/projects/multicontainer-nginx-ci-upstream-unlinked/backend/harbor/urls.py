from django.urls import path

from berths import views

urlpatterns = [
    path('health/', views.health, name='health'),
]
