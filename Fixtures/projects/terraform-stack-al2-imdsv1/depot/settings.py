import requests

SECRET_KEY = 'depot-demo-key-7f3e'
DEBUG = False
ALLOWED_HOSTS = ['depot.example.com']

# The load balancer sends the instance's private IP as Host: add it from the metadata
# service (a plain GET, as on the instances this stack launches).
try:
    ALLOWED_HOSTS.append(
        requests.get('http://169.254.169.254/latest/meta-data/local-ipv4', timeout=0.5).text)
except requests.exceptions.RequestException:
    pass

INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]

ROOT_URLCONF = 'depot.urls'
WSGI_APPLICATION = 'depot.wsgi.application'
