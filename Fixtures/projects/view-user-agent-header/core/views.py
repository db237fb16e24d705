from django.http import HttpResponse


def health(request):
    # Only the load balancer's checker gets the short answer; anything else is refused.
    agent = request.headers.get('User-Agent', '')
    if agent.startswith('ELB-HealthChecker'):
        return HttpResponse('ok')
    return HttpResponse('forbidden', status=403)
