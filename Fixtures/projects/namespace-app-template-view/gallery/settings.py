"""Settings for the gallery site (a small museum's online exhibits)."""
import os
import socket
from pathlib import Path

import health_check

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("GALLERY_SECRET_KEY", "not-for-production-93b1f0c2d7e4a658")
DEBUG = False

# The checker's Host is the instance's private IP.
ALLOWED_HOSTS = ["gallery.example.museum", socket.gethostbyname(socket.gethostname())]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "health_check",
    "exhibits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "gallery.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [
            "exhibits/templates/overrides/",
            # health_check's own folder, so its pages can be overridden by name
            os.path.dirname(health_check.__file__),
        ],
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

WSGI_APPLICATION = "gallery.wsgi.application"

DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
}

USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "static"
