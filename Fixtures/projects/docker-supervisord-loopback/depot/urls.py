from django.urls import path

from parcels import views

urlpatterns = [
    path('health/', views.health, name='health'),
]
