import requests

IMDS = "http://169.254.169.254"
session = requests.Session()

ALLOWED_HOSTS = ["session.example.com", "localhost"]
try:
    ALLOWED_HOSTS += [session.get(f"{IMDS}/latest/meta-data/local-ipv4", timeout=0.5).text.strip()]
except requests.exceptions.RequestException:
    pass

DEBUG = False
ROOT_URLCONF = "session.urls"
