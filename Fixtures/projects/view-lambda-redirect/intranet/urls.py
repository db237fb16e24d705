"""URL configuration for intranet project."""
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import path

from core import views

urlpatterns = [
    path('admin/', admin.site.urls),
    # Visitors land on the start page — and so does the health checker.
    path('', lambda r: HttpResponseRedirect('landing/')),
    path('landing/', views.home, name='home'),
]
