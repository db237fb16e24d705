from django.urls import path

from maps import views

urlpatterns = [
    path('health/', views.health, name='health'),
]
