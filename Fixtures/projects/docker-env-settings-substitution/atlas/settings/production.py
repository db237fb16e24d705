from .base import *  # noqa: F401,F403

ALLOWED_HOSTS = ['atlas.example.org', '.elasticbeanstalk.com']
