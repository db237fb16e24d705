import logging

from django.http import HttpResponse

logger = logging.getLogger(__name__)


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.get_host()
        if request.path == '/health/':
            logger.debug('health check via %s', host)
            return HttpResponse('ok')
        return self.get_response(request)
