"""URL configuration for intranet project."""
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import path

from core import views

urlpatterns = [
    path('admin/', admin.site.urls),
    # Staff-only status page; DRF itself would let anyone read it.
    path('health/', login_required(views.HealthView.as_view()), name='health'),
]
