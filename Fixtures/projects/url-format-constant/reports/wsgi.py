"""WSGI entry point of the reports project."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'reports.settings')

application = get_wsgi_application()
