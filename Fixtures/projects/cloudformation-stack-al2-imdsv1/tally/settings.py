import requests

SECRET_KEY = 'tally-demo-key-9e02'
DEBUG = False
ALLOWED_HOSTS = ['tally.example.net']

# The checker's Host is the instance's private IP: read it from instance metadata.
_metadata = requests.get('http://169.254.169.254/latest/meta-data/local-ipv4', timeout=1)
if _metadata.status_code == 200:
    ALLOWED_HOSTS.append(_metadata.text)

INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]

ROOT_URLCONF = 'tally.urls'
WSGI_APPLICATION = 'tally.wsgi.application'
