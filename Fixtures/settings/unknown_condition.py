import os
import sys

if "test" in sys.argv:
    DEBUG = False
    ALLOWED_HOSTS = ["same.example.com"]
else:
    DEBUG = False
    ALLOWED_HOSTS = ["other.example.com"]

if os.environ.get("FEATURE_FLAG"):
    CACHE_TTL = 60
else:
    CACHE_TTL = 60

ROOT_URLCONF = "cond.urls"
