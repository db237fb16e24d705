import os

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")
DEBUG = os.environ.get("DEBUG") == "1"

# Later on somebody pinned the values
ALLOWED_HOSTS = ["pinned.example.com"]
DEBUG = False
ROOT_URLCONF = "pinned.urls"
