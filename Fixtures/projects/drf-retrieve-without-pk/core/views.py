from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from core.models import StoredTable


class StoredTableSerializer(serializers.ModelSerializer):
    class Meta:
        model = StoredTable
        fields = ['name', 'type']


class StatusView(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    queryset = StoredTable.objects.all()
    serializer_class = StoredTableSerializer
