from django.http import HttpResponse, JsonResponse


def health(request):
    """Load balancer health check: cheap, no database."""
    return HttpResponse("ok", content_type="text/plain")


def index(request):
    return JsonResponse({"service": "up"})
