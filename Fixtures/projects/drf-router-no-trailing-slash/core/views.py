from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response


class StatusViewSet(viewsets.ViewSet):
    permission_classes = [AllowAny]

    def list(self, request):
        return Response({'status': 'ok'})
