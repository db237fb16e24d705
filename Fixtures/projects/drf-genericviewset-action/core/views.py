from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.models import StoredTable


class StoredTableSerializer(serializers.ModelSerializer):
    class Meta:
        model = StoredTable
        fields = ['name', 'type']


class ServiceViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = StoredTable.objects.all()
    serializer_class = StoredTableSerializer

    @action(detail=False, authentication_classes=[], permission_classes=[AllowAny])
    def health(self, request):
        return Response({'status': 'ok'})
