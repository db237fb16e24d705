from django.http import HttpResponse


def health_check_middleware(get_response):
    health_paths = {'/health', '/health/'}

    def middleware(request):
        if request.path in health_paths:
            return HttpResponse('ok')
        return get_response(request)

    return middleware
