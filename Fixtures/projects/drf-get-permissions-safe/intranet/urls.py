"""URL configuration for intranet project."""
from django.contrib import admin
from django.urls import include, path

from core import views

urlpatterns = [
    path('admin/', admin.site.urls),
    path('health/', views.HealthView.as_view(), name='health'),
]
