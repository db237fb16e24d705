from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ['almanac.example.com']
