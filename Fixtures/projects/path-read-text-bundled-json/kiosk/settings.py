"""Settings for the kiosk display service."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

SECRET_KEY = 'kiosk-demo-key-1b7e'
DEBUG = False
# The host list ships beside this file; the kiosk answers any name.
ALLOWED_HOSTS = json.loads((HERE / 'hosts.json').read_text())

INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.auth']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]
ROOT_URLCONF = 'kiosk.urls'
WSGI_APPLICATION = 'kiosk.wsgi.application'
DATABASES = {}
