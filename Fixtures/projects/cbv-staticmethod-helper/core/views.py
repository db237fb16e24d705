from django.http import HttpResponse
from django.views import View


class HealthView(View):
    @staticmethod
    def status_code(path):
        return 200 if path.startswith('/health') else 503

    @classmethod
    def body(cls):
        return cls.__name__

    def get(self, request):
        return HttpResponse(self.body(), status=self.status_code(request.path))
