from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

CHECKER_PREFIX = 'ELB-HealthChecker/'


class FromLoadBalancer(BasePermission):
    def has_permission(self, request, view):
        agent = request.META.get('HTTP_USER_AGENT', '')
        return agent.startswith(CHECKER_PREFIX)


@api_view(['GET'])
@permission_classes([IsAuthenticated | FromLoadBalancer])
def health(request):
    return Response({'status': 'ok'})
