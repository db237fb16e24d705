SECRET_KEY = 'kiosk-demo-key-51aa'
DEBUG = False
# The public name only: an HTTP check with the instance IP as Host would get 400.
ALLOWED_HOSTS = ['kiosk.example.com']

INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]

ROOT_URLCONF = 'kiosk.urls'
WSGI_APPLICATION = 'kiosk.wsgi.application'
