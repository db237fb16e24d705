from django.http import HttpResponse


def health(request):
    # Written for an older checker: the exact string no longer matches.
    if request.META.get('HTTP_USER_AGENT') == 'ELB-HealthChecker/1.0':
        return HttpResponse('ok')
    return HttpResponse('forbidden', status=403)
