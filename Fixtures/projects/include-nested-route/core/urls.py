from django.urls import path

from . import views

app_name = 'core'

urlpatterns = [
    path('status/health/', views.health, name='health'),
]
