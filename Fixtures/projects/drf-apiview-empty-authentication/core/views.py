from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView


class PingView(APIView):
    """Liveness for the load balancer; no credentials are read."""

    authentication_classes = []
    permission_classes = (permissions.IsAuthenticated,)

    def get(self, request):
        return Response({'alive': True})
