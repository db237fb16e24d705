from rest_framework import routers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response


class PlaceViewSet(viewsets.ViewSet):
    permission_classes = [AllowAny]

    def list(self, request):
        return Response([])


places_router = routers.SimpleRouter()
places_router.register('places', PlaceViewSet, basename='place')
