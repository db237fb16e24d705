"""Settings for clinicbook (appointments for a small clinic)."""
import os
import sys
from pathlib import Path
from socket import gaierror, gethostbyname, gethostname

BASE_DIR = Path(__file__).resolve().parent.parent

# `manage.py test` builds a throw-away database and must not resolve the machine's name.
TESTING = "test" in sys.argv

SECRET_KEY = os.environ.get("CLINICBOOK_SECRET_KEY", "insecure-local-key-7d2f9a41c6e8b305")

DEBUG = os.environ.get("CLINICBOOK_DEBUG", "off") == "on"

ALLOWED_HOSTS = ["clinicbook.example.net", "localhost", "127.0.0.1"]

if not DEBUG and not TESTING:
    # The load balancer's health checker addresses the instance by its private IP.
    try:
        ALLOWED_HOSTS.append(gethostbyname(gethostname()))
    except gaierror:
        pass

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "visits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "clinicbook.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

WSGI_APPLICATION = "clinicbook.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / ("test.sqlite3" if TESTING else "db.sqlite3"),
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
