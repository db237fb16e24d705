"""Settings for the gazette project; the site section of site.ini names the status route."""
import os
from configparser import ConfigParser

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

config = ConfigParser()
config.read([os.path.join(BASE_DIR, 'site.ini'), os.path.join(BASE_DIR, 'site.local.ini')])
site = config['site']

SECRET_KEY = site['secret_key']
DEBUG = site.getboolean('debug', False)
ALLOWED_HOSTS = site.get('hosts', '*').split()
STATUS_ROUTE = site.get('status_route', 'health/')

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

ROOT_URLCONF = 'gazette.urls'
WSGI_APPLICATION = 'gazette.wsgi.application'

DATABASES = {}
USE_TZ = True
STATIC_URL = 'static/'
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
