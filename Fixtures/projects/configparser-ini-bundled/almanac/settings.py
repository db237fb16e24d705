"""Settings for the almanac project, read from an INI file beside manage.py."""
from configparser import ConfigParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

config = ConfigParser()
config.read(BASE_DIR / 'deploy.ini')

SECRET_KEY = config.get('django', 'secret_key')
DEBUG = config.getboolean('django', 'debug', fallback=False)
ALLOWED_HOSTS = config.get('django', 'allowed_hosts').split()

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

ROOT_URLCONF = 'almanac.urls'
WSGI_APPLICATION = 'almanac.wsgi.application'

DATABASES = {}
USE_TZ = True
STATIC_URL = 'static/'
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
