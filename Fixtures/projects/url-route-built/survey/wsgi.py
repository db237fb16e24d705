"""WSGI entry point of the survey project."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'survey.settings')

application = get_wsgi_application()
