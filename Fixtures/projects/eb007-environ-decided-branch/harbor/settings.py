"""Settings for the harbor scheduling service."""
from runtime_config import values

SECRET_KEY = values.get('HARBOR_SECRET', 'harbor-development-key')
DEBUG = False
ALLOWED_HOSTS = ['harbor.example.org', values['HARBOR_PUBLIC_HOST']]

INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.auth']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]
ROOT_URLCONF = 'harbor.urls'
WSGI_APPLICATION = 'harbor.wsgi.application'
DATABASES = {}
