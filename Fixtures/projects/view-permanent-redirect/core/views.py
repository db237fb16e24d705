from django.http import HttpResponsePermanentRedirect


def health(request):
    return HttpResponsePermanentRedirect('/status/')
