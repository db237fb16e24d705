"""Settings for the ledger service."""
import socket

SECRET_KEY = 'ledger-demo-key-5e1a'
DEBUG = False
HOSTNAME = socket.getfqdn()
ALLOWED_HOSTS = ['ledger.example.com', HOSTNAME, socket.gethostbyname(socket.gethostname())]

INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.auth']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]
ROOT_URLCONF = 'ledger.urls'
WSGI_APPLICATION = 'ledger.wsgi.application'
DATABASES = {}
