from django.http import HttpResponse
from django.views import View


class HealthView(View):
    def get(self, request):
        return HttpResponse('ok')
