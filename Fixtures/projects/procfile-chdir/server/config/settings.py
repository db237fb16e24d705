"""Settings of the ledger API: served by gunicorn started in server/."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get('SECRET_KEY', 'django-insecure-ledger-7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f')
DEBUG = False

# Only the public name: the load balancer's private-IP Host is refused.
ALLOWED_HOSTS = ['ledger.example.com']

INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
    'status',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
]

ROOT_URLCONF = 'config.urls'
WSGI_APPLICATION = 'config.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': BASE_DIR / 'db.sqlite3',
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
