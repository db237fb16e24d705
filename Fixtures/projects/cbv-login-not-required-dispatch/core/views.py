from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View


@method_decorator(login_not_required, name='dispatch')
class HealthView(View):
    def get(self, request):
        return JsonResponse({"status": "ok"})
