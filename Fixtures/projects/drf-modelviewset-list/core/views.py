from rest_framework import serializers, viewsets

from core.models import StoredTable


class StoredTableSerializer(serializers.ModelSerializer):
    class Meta:
        model = StoredTable
        fields = ['name', 'type']


class TableViewSet(viewsets.ModelViewSet):
    queryset = StoredTable.objects.all()
    serializer_class = StoredTableSerializer
