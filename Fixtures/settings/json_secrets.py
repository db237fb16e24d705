import json
import os

BASE_DIR = os.path.dirname(os.path.abspath(__file__))

with open(os.path.join(BASE_DIR, "secrets.json")) as handle:
    secrets = json.load(handle)

SECRET_KEY = secrets["SECRET_KEY"]
ALLOWED_HOSTS = secrets.get("ALLOWED_HOSTS", [])
DEBUG = False
ROOT_URLCONF = "secret.urls"
