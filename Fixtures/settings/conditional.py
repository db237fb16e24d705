import os

ENVIRONMENT = os.environ.get("ENVIRONMENT", "development")

if ENVIRONMENT == "production":
    DEBUG = False
    ALLOWED_HOSTS = ["prod.example.com"]
elif ENVIRONMENT == "staging":
    DEBUG = False
    ALLOWED_HOSTS = ["staging.example.com"]
else:
    DEBUG = True
    ALLOWED_HOSTS = ["*"]

if DEBUG:
    INTERNAL_IPS = ["127.0.0.1"]

SECURE_SSL_REDIRECT = not DEBUG
ROOT_URLCONF = "site.urls"
