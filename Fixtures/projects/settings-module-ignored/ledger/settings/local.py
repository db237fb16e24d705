from .base import *

SECRET_KEY = 'ledger-local-only-0c3d'
DEBUG = True
ALLOWED_HOSTS = ['*']
