from django.http import HttpResponse


def ready(request):
    return HttpResponse('ready', content_type='text/plain')
