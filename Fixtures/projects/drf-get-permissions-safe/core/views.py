from rest_framework.permissions import AllowAny, IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView


class HealthView(APIView):
    def get_permissions(self):
        # Anyone may read the status; changing it needs an administrator.
        if self.request.method == 'GET':
            return [AllowAny()]
        return [IsAdminUser()]

    def get(self, request):
        return Response({'status': 'ok'})

    def post(self, request):
        return Response({'status': 'reset'})
