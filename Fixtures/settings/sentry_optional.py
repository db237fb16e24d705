import os

try:
    import sentry_sdk_not_installed as sentry_sdk
    from sentry_sdk_not_installed.integrations.django import DjangoIntegration

    sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"), integrations=[DjangoIntegration()])
    SENTRY_ENABLED = True
except ImportError:
    SENTRY_ENABLED = False

INSTALLED_APPS = ["django.contrib.auth"]
if SENTRY_ENABLED:
    INSTALLED_APPS.append("sentry_app")
ALLOWED_HOSTS = [host for host in ["a.example.com", "", "b.example.com"] if host]
DEBUG = False
ROOT_URLCONF = "sentry_optional.urls"
