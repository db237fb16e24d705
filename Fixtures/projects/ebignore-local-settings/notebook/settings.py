SECRET_KEY = 'notebook-demo-key-c41a'
DEBUG = False
ALLOWED_HOSTS = ['notes.example.com']

INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]

ROOT_URLCONF = 'notebook.urls'
WSGI_APPLICATION = 'notebook.wsgi.application'

# Local overrides (not deployed: .ebignore leaves this file out of the bundle).
try:
    from .local import *  # noqa: F401,F403
except ImportError:
    pass
