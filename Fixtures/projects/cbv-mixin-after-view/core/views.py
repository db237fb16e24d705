from django.http import HttpResponse, HttpResponseRedirect
from django.views import View


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            return HttpResponseRedirect('/accounts/login/')
        return super().dispatch(request, *args, **kwargs)


class HealthView(View, StaffOnlyMixin):
    # The mixin comes after View: View.dispatch is found first, the check never runs.
    def get(self, request):
        return HttpResponse('ok')
