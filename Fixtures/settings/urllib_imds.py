from urllib.request import urlopen

ALLOWED_HOSTS = [".example.net"]

try:
    ALLOWED_HOSTS.append(
        urlopen("http://instance-data/latest/meta-data/local-ipv4", timeout=1).read().decode()
    )
except Exception:
    pass

DEBUG = False
ROOT_URLCONF = "net.urls"
