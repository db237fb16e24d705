from .base import *  # noqa: F401,F403

DEBUG = False

ALLOWED_HOSTS = ['app.example.org', 'www.app.example.org']

CSRF_TRUSTED_ORIGINS = ['https://app.example.org']
