from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response


class StatusViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]

    def list(self, request):
        return Response([{'component': 'api'}])

    def retrieve(self, request, pk=None):
        return Response({'component': pk})

    @action(detail=False, methods=['get'], permission_classes=[AllowAny])
    def health(self, request):
        return Response({'status': 'ok'})
