"""Settings for the ledger project: one file for a developer's checkout and the deployment."""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# A developer exports LOCAL_BASE_DIR as the folder of their checkout; the deployed copy
# lives somewhere else, so it reads the live host list.
LOCAL = True if BASE_DIR == os.environ.get('LOCAL_BASE_DIR') else False

SECRET_KEY = 'django-insecure-ledger-6f5e4d3c2b1a0z9y8x7w6v5u4t3s2r1q'
DEBUG = LOCAL

ALLOWED_HOSTS = os.environ.get('LOCAL_HOSTS' if LOCAL else 'LIVE_HOSTS', 'ledger.example.org').split(',')

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

ROOT_URLCONF = 'ledger.urls'
WSGI_APPLICATION = 'ledger.wsgi.application'

DATABASES = {}
USE_TZ = True
STATIC_URL = 'static/'
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
