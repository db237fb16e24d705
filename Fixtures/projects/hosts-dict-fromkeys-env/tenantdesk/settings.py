import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False

DEFAULT_LOCAL_HOSTS = ["localhost", "127.0.0.1"]
configured_hosts = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
    if host.strip()
]
# Keep the order the operator wrote, drop repeats (« hôtes » listed twice).
ALLOWED_HOSTS = list(dict.fromkeys(configured_hosts + DEFAULT_LOCAL_HOSTS))

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "health",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "tenantdesk.urls"
WSGI_APPLICATION = "tenantdesk.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}
