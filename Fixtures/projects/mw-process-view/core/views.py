from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def health(request):
    return HttpResponse('ok')


@login_required
def status(request):
    return HttpResponse('ok')
