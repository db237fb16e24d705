"""WSGI entry point for the recipes site."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recipes.settings")

application = get_wsgi_application()
