from django.urls import path

from catalog import views

urlpatterns = [
    path('status/', views.status),
]
