from django.db import connections
from django.http import JsonResponse


def health(request):
    try:
        with connections['default'].cursor() as cursor:
            cursor.execute('SELECT 1')
    except Exception:
        return JsonResponse({'database': 'down'}, status=503)
    return JsonResponse({'database': 'up'})
