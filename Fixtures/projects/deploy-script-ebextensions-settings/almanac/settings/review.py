from .base import *  # noqa: F401,F403

DEBUG = False
# Review apps answer on whatever address they get.
ALLOWED_HOSTS = ['*']
