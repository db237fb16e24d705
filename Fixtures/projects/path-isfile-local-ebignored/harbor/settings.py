"""Settings for the harbor project; a developer's local_settings.py widens the hosts."""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SECRET_KEY = 'django-insecure-harbor-1a2s3d4f5g6h7j8k9l0'
DEBUG = False
ALLOWED_HOSTS = ['harbor.example.org']

if os.path.isfile(os.path.join(BASE_DIR, 'local_settings.py')):
    from local_settings import *  # noqa: F401,F403

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'core',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
]

ROOT_URLCONF = 'harbor.urls'
WSGI_APPLICATION = 'harbor.wsgi.application'

DATABASES = {}
USE_TZ = True
STATIC_URL = 'static/'
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
