"""Settings of the old site: served only behind the internal load balancer."""
SECRET_KEY = 'legacy-not-secret-4c1e0b'
DEBUG = False
ALLOWED_HOSTS = ['*']
INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.auth']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]
ROOT_URLCONF = 'legacy.urls'
