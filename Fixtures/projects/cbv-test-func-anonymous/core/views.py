from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import JsonResponse
from django.views import View


class HealthView(UserPassesTestMixin, View):
    def test_func(self):
        # Read-only requests are open to everyone, monitoring included.
        return self.request.method in ('GET', 'HEAD')

    def get(self, request):
        return JsonResponse({'status': 'ok'})
