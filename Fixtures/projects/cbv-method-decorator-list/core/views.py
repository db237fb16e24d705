from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache


@method_decorator([login_required, never_cache], name='dispatch')
class HealthView(View):
    def get(self, request):
        return HttpResponse('ok')
