from django.http import JsonResponse


def status(request):
    """Answered to the load balancer and to uptime monitors."""
    return JsonResponse({"status": "up"})
