from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / '.env')

SECRET_KEY = env.str('SECRET_KEY', default='notes-dev-key-41c8')
DEBUG = env.bool('DEBUG', default=False)

# Space-separated; empty entries (double spaces, a trailing space) are dropped.
ALLOWED_HOSTS = list(filter(None, env.str('ALLOWED_HOSTS', default='*').split(' ')))
CSRF_TRUSTED_ORIGINS = list(filter(None, env.str('CSRF_TRUSTED_ORIGINS', default='').split(' ')))

INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
    'django.contrib.sessions',
    'pages',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
]

ROOT_URLCONF = 'notes.urls'
WSGI_APPLICATION = 'notes.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': BASE_DIR / 'db.sqlite3',
    }
}
