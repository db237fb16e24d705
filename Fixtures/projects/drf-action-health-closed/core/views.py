from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response


class StatusViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]

    def retrieve(self, request, pk=None):
        return Response({'component': pk})

    @action(detail=False, url_path='ping')
    def health(self, request):
        return Response({'status': 'ok'})
