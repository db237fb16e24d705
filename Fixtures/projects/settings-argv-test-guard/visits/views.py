from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse


def health(request):
    """Liveness for the load balancer: no database, no session."""
    return JsonResponse({"status": "ok"})


@login_required
def upcoming(request):
    return HttpResponse("Upcoming visits")
