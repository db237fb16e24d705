import os

DEBUG = os.environ.get("DJANGO_DEBUG", "") != "False"

if DEBUG:
    ALLOWED_HOSTS = ["*"]
    SECURE_SSL_REDIRECT = False
else:
    ALLOWED_HOSTS = [".example.com"]
    SECURE_SSL_REDIRECT = True

ALLOWED_HOSTS = ALLOWED_HOSTS + ["health.internal"]
APPEND_SLASH = True
PREPEND_WWW = False
ROOT_URLCONF = "debugdriven.urls"
