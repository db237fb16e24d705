"""Settings in the style of Two Scoops of Django: a helper that insists on env vars."""
import os

from django.core.exceptions import ImproperlyConfigured


def get_env_variable(var_name, default=None):
    """Get the environment variable or return exception."""
    try:
        return os.environ[var_name]
    except KeyError:
        if default is not None:
            return default
        error_msg = "Set the %s environment variable" % var_name
        raise ImproperlyConfigured(error_msg)


SECRET_KEY = get_env_variable("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = get_env_variable("DJANGO_ALLOWED_HOSTS", "localhost").split(",")
DEBUG = get_env_variable("DJANGO_DEBUG", "False") == "True"
if "RDS_HOSTNAME" in os.environ:
    DATABASE_HOST = os.environ["RDS_HOSTNAME"]
else:
    DATABASE_HOST = "localhost"
ROOT_URLCONF = "scoops.urls"
