from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse


@permission_required('core.view_status', raise_exception=True)
def health(request):
    return HttpResponse('ok')
