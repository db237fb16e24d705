from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views import View


@login_not_required
class HealthView(View):
    def get(self, request):
        return JsonResponse({"status": "ok"})
