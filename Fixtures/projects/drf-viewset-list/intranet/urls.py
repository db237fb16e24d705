"""URL configuration for intranet project."""
from django.urls import include, path
from rest_framework import routers

from core.views import ItemViewSet

router = routers.SimpleRouter()
router.register('items', ItemViewSet, basename='item')

urlpatterns = [
    path('api/', include(router.urls)),
]
