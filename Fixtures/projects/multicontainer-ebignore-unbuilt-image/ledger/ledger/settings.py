"""Settings for ledger, the bookkeeping API."""
SECRET_KEY = 'django-insecure-ledger-3f9a7c2e1d0b8a6f5e4d3c2b1a0f9e8d'
DEBUG = False
ALLOWED_HOSTS = ['*']
INSTALLED_APPS = ['django.contrib.contenttypes', 'entries']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]
ROOT_URLCONF = 'ledger.urls'
DATABASES = {}
USE_TZ = True
