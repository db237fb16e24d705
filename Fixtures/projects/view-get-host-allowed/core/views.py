from django.http import JsonResponse


def health(request):
    return JsonResponse({'status': 'ok', 'served_by': request.get_host()})
