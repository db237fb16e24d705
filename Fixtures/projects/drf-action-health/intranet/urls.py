"""URL configuration for intranet project."""
from django.urls import include, path
from rest_framework import routers

from core.views import StatusViewSet

router = routers.SimpleRouter()
router.register('status', StatusViewSet, basename='status')

urlpatterns = [
    path('api/', include(router.urls)),
]
