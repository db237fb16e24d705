"""
Django settings for studio project.

"""

import os
import socket
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = 'django-insecure-studio-0a9s8d7f6g5h4j3k2l1qwertyuiopzxcvbnm'


DEBUG = os.environ.get('STUDIO_DEBUG', 'false').lower() == 'true'


def instance_addresses():
    """This instance's addresses: the private one, and the public one when it has it."""
    try:
        private_ip = socket.gethostbyname(socket.gethostname())
        try:
            public_ip = requests.get(
                'http://169.254.169.254/latest/meta-data/public-ipv4', timeout=0.5
            ).text
        except requests.RequestException:
            public_ip = None
        return {private_ip, public_ip} if public_ip else {private_ip}
    except OSError:
        return set()


ALLOWED_HOSTS = ['studio.example.com', 'localhost']
ALLOWED_HOSTS.extend(instance_addresses())

if DEBUG:
    SECURE_SSL_REDIRECT = False
    ALLOWED_HOSTS.extend(['*'])
else:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True


# Application definition

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'core',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

ROOT_URLCONF = 'studio.urls'

TEMPLATES = [
    {
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'DIRS': [],
        'APP_DIRS': True,
        'OPTIONS': {
            'context_processors': [
                'django.template.context_processors.debug',
                'django.template.context_processors.request',
                'django.contrib.auth.context_processors.auth',
                'django.contrib.messages.context_processors.messages',
            ],
        },
    },
]

WSGI_APPLICATION = 'studio.wsgi.application'


# Database
# https://docs.djangoproject.com/en/5.1/ref/settings/#databases

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': BASE_DIR / 'db.sqlite3',
    }
}


# Internationalization
# https://docs.djangoproject.com/en/5.1/topics/i18n/

LANGUAGE_CODE = 'en-us'

TIME_ZONE = 'UTC'

USE_I18N = True

USE_TZ = True


# Static files (CSS, JavaScript, Images)
# https://docs.djangoproject.com/en/5.1/howto/static-files/

STATIC_URL = 'static/'
STATIC_ROOT = BASE_DIR / 'static'

DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
