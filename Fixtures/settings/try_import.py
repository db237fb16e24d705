DEBUG = False
ALLOWED_HOSTS = ["try.example.com"]

try:
    import debug_toolbar_not_in_repo  # noqa
    INSTALLED_APPS = ["debug_toolbar"]
except ImportError:
    INSTALLED_APPS = []

try:
    from helpers.aws import get_private_ip
    HAVE_HELPERS = True
except ImportError:
    HAVE_HELPERS = False

try:
    import os
    HAVE_OS = True
except ImportError:
    HAVE_OS = False

ROOT_URLCONF = "try.urls"
