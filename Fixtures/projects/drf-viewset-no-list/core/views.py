from rest_framework import viewsets
from rest_framework.response import Response


class ItemViewSet(viewsets.ViewSet):
    def create(self, request):
        return Response({'created': True}, status=201)

    def retrieve(self, request, pk=None):
        return Response({'name': pk})
