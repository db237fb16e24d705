import os

RAW_HOSTS = "a.example.com, b.example.com ,c.example.com"
ALLOWED_HOSTS = [h.strip() for h in RAW_HOSTS.split(",")]
ENV_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost 127.0.0.1").split(" ")
CSRF_TRUSTED_ORIGINS = os.environ.get("CSRF_ORIGINS", "").split(",")
DEBUG = os.environ.get("DEBUG", "False").lower() in ("true", "1", "yes")
MODE = " Production ".strip().lower()
UPPER = "abc".upper()
ROOT_URLCONF = "strip.urls"
