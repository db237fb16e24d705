"""URL configuration for intranet project."""
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from core.views import TableViewSet

router = DefaultRouter()
router.register(r'tables', TableViewSet)

urlpatterns = [
    path('api/', include(router.urls)),
]
