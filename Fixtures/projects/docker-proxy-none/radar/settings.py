SECRET_KEY = 'radar-demo-key-5d71'
DEBUG = False
ALLOWED_HOSTS = ['radar.example.com']

INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]

ROOT_URLCONF = 'radar.urls'
WSGI_APPLICATION = 'radar.wsgi.application'
