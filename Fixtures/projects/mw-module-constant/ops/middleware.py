from django.http import HttpResponse

HEALTH_CHECK_PATH = '/health/'
HEALTH_CHECK_PATHS = (HEALTH_CHECK_PATH, HEALTH_CHECK_PATH.rstrip('/'))


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_CHECK_PATHS:
            return HttpResponse('ok')
        return self.get_response(request)
