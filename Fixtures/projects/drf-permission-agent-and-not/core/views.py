from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import BasePermission, IsAdminUser
from rest_framework.response import Response


class FromLoadBalancer(BasePermission):
    def has_permission(self, request, view):
        return request.headers.get('User-Agent', '').startswith('ELB-HealthChecker')


@api_view(['GET'])
@permission_classes([~FromLoadBalancer & ~IsAdminUser])
def health(request):
    return Response({'status': 'ok'})
