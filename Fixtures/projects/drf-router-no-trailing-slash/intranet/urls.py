"""URL configuration for intranet project."""
from django.contrib import admin
from django.urls import include, path
from rest_framework import routers

from core import views

router = routers.SimpleRouter(trailing_slash=False)
router.register('status', views.StatusViewSet, basename='status')

urlpatterns = [
    path('admin/', admin.site.urls),
    path('api/', include(router.urls)),
]
