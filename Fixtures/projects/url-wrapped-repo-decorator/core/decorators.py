from functools import wraps

from django.http import HttpResponse


def answers_load_balancer(view_func):
    """Short-circuit the load balancer's checker before the wrapped view runs."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        if request.META.get('HTTP_USER_AGENT', '').startswith('ELB-HealthChecker'):
            return HttpResponse('healthy')
        return view_func(request, *args, **kwargs)

    return wrapper
