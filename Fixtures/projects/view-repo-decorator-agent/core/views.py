from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from .decorators import answers_load_balancer


@answers_load_balancer
@login_required
def health(request):
    return HttpResponse('status page for staff')
