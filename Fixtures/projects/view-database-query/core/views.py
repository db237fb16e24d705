from django.db import connection
from django.http import HttpResponse


def health(request):
    with connection.cursor() as cursor:
        cursor.execute('SELECT 1')
    return HttpResponse('ok')
