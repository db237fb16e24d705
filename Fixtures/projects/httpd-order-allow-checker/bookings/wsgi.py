"""WSGI entry point for the bookings site."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bookings.settings")

application = get_wsgi_application()
