from django.http import HttpResponse


def health(request):
    return HttpResponse('maintenance', status=503)
