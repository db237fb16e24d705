"""URL configuration for intranet project."""
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from core import views

urlpatterns = [
    path('admin/', admin.site.urls),
    path('health/', RedirectView.as_view(url='/status/'), name='health'),
]
