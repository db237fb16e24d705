# Overrides for running on a laptop.
DEBUG = True
ALLOWED_HOSTS = ['*']
