"""URL configuration for intranet project."""
from django.contrib import admin
from django.http import HttpResponse
from django.urls import path

from core import views

urlpatterns = [
    path('admin/', admin.site.urls),
    path('', views.home, name='home'),
    # The load balancer only needs a 200: no template, no database.
    path('health/', lambda request: HttpResponse('ok', content_type='text/plain'), name='health'),
]
