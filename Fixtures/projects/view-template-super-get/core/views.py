from django.views.generic import TemplateView


class HealthView(TemplateView):
    # The template was moved to another app and never shipped with this one.
    template_name = 'core/health.html'

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response['Cache-Control'] = 'no-store'
        return response
