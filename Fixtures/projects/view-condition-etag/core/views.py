from django.http import HttpResponse
from django.views.decorators.http import condition

HEALTH_VERSION = 'catalog-health-1'


def health_etag(request):
    return '"%s"' % HEALTH_VERSION


@condition(etag_func=health_etag)
def health(request):
    return HttpResponse('ok', content_type='text/plain')
