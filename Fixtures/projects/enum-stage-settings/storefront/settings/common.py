import os
from enum import Enum
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


class Stage(Enum):
    NONE = None
    WORKSTATION = 'workstation'
    REVIEW = 'review'
    LAUNCH = 'launch'


# Beanstalk sets STOREFRONT_STAGE in .ebextensions; laptops default to the workstation.
STAGE = Stage(os.getenv('STOREFRONT_STAGE', Stage.WORKSTATION.value))

SECRET_KEY = 'storefront-not-a-secret-7d1e'
DEBUG = False
ALLOWED_HOSTS = ['*']

INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
    'django.contrib.sessions',
    'catalog',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
]

ROOT_URLCONF = 'storefront.urls'
WSGI_APPLICATION = 'storefront.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': BASE_DIR / 'db.sqlite3',
    }
}

USE_TZ = True
