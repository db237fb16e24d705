import os

SECRET_KEY = os.getenv("SECRET_KEY", "dev-only-key")
DEBUG = os.getenv("DJANGO_DEBUG", "false").lower() == "true"
ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "localhost").split(",")
ROOT_URLCONF = "proj2.urls"
APPEND_SLASH = True
