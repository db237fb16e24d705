"""The pre-2024 single-app site, kept until the redirects are retired."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'legacy.settings')

application = get_wsgi_application()
