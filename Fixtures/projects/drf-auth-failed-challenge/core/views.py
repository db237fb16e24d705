from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response


class DeviceKeyAuthentication(BaseAuthentication):
    """Every request must carry the device key header."""

    def authenticate(self, request):
        key = request.META.get('HTTP_X_DEVICE_KEY')
        if not key:
            raise exceptions.AuthenticationFailed('device key missing')
        return None

    def authenticate_header(self, request):
        return 'DeviceKey'


@api_view(['GET'])
@authentication_classes([DeviceKeyAuthentication])
@permission_classes([AllowAny])
def health(request):
    return Response({'status': 'ok'})
