"""Leaves the admin pages in the default language; elsewhere LocaleMiddleware applies."""
from django.middleware.locale import LocaleMiddleware
from django.utils.translation import deactivate


class SiteLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path.startswith('/admin/'):
            deactivate()
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        if request.path.startswith('/admin/'):
            return response
        return super().process_response(request, response)
