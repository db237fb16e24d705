from django.http import HttpResponse


def health(request):
    """Load balancer health check: cheap, no database."""
    return HttpResponse("ok", content_type="text/plain")
