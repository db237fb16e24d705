from django.http import HttpResponse


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        agent = request.headers.get('user-agent', '')
        if 'ELB-HealthChecker' in agent:
            return HttpResponse('healthy', content_type='text/plain')
        return self.get_response(request)
