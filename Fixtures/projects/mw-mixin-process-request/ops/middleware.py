from django.http import JsonResponse
from django.utils.deprecation import MiddlewareMixin


class HealthCheckMiddleware(MiddlewareMixin):
    def process_request(self, request):
        if request.method == 'GET' and request.path == '/health/':
            return JsonResponse({'status': 'ok'})
        return None
