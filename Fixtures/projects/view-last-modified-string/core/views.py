from django.http import HttpResponse
from django.views.decorators.http import last_modified

DEPLOYED_AT = '2024-05-01T12:00:00Z'


def health_changed(request):
    # A string, where last_modified() expects a datetime.
    return DEPLOYED_AT


@last_modified(health_changed)
def health(request):
    return HttpResponse('ok', content_type='text/plain')
