from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["split.example.com"]
ALLOWED_HOSTS += [".elasticbeanstalk.com"]
MIDDLEWARE.insert(0, "splitproj.middleware.HealthCheckMiddleware")
INSTALLED_APPS += ["storages"]

try:
    from .local_settings import *  # noqa
except ImportError:
    pass
