from rest_framework.authentication import BaseAuthentication
from rest_framework.decorators import api_view, authentication_classes
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.response import Response


class SignedHeaderAuthentication(BaseAuthentication):
    def authenticate(self, request):
        signature = request.headers.get('X-Signature', '')
        if signature == '':
            raise AuthenticationFailed('unsigned request')
        return None


@api_view(['GET'])
@authentication_classes([SignedHeaderAuthentication])
def health(request):
    return Response({'status': 'ok'})
