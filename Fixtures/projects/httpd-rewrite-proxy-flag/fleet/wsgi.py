"""WSGI entry point for the fleet site."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fleet.settings")

application = get_wsgi_application()
