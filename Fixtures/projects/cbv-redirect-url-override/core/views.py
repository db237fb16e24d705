from django.views.generic import RedirectView


class HealthView(RedirectView):
    def get_redirect_url(self, *args, **kwargs):
        return '/status/'
