from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def health(request):
    # Status pings are posted by the monitoring agent; a GET is refused by the decorator.
    return JsonResponse({'status': 'ok'})
