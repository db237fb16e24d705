from .base import *

DEBUG = False
ALLOWED_HOSTS.extend(["staging.example.com"])

try:
    from .missing_overrides import *
except ImportError:
    STAGING_FALLBACK = True
