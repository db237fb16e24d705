"""URL configuration for intranet project: the status page is guarded where it is routed."""
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import path

from core import views

urlpatterns = [
    path('admin/', admin.site.urls),
    path('health/', login_required(views.health), name='health'),
]
