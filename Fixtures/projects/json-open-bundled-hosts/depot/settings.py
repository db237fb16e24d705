"""Settings for the depot inventory site; the service description is committed JSON."""
import json
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

with open(os.path.join(BASE_DIR, 'deploy', 'service.json')) as handle:
    SERVICE = json.load(handle)

SECRET_KEY = 'depot-demo-key-aa41'
DEBUG = SERVICE['debug']
ALLOWED_HOSTS = SERVICE['hosts']

INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.auth']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]
ROOT_URLCONF = 'depot.urls'
WSGI_APPLICATION = 'depot.wsgi.application'
DATABASES = {}
