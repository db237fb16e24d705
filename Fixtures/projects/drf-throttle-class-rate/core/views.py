from rest_framework.decorators import api_view, throttle_classes
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle


class ProbeThrottle(AnonRateThrottle):
    # Thirty probes an hour ought to be plenty.
    rate = '30/hour'


@api_view(['GET'])
@throttle_classes([ProbeThrottle])
def health(request):
    return Response({'status': 'ok'})
