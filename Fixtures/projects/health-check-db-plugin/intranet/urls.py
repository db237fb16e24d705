"""URL configuration for intranet project."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path('admin/', admin.site.urls),
    path('ht/', include('health_check.urls')),
]
