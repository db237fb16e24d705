"""URL configuration for intranet project: staff-only status page, open to the balancer."""
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import path

from core import views
from core.decorators import answers_load_balancer

urlpatterns = [
    path('admin/', admin.site.urls),
    path('health/', answers_load_balancer(login_required(views.health)), name='health'),
]
