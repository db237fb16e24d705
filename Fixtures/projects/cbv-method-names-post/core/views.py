from django.http import HttpResponse
from django.views import View


class HealthView(View):
    http_method_names = ['post']

    def get(self, request):
        return HttpResponse('ok')

    def post(self, request):
        return HttpResponse('ok')
