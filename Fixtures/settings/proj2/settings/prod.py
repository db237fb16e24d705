from proj2.settings.base import *
from helpers.aws import get_private_ip

ALLOWED_HOSTS = ALLOWED_HOSTS + ["proj2.example.com"]
PRIVATE_IP = get_private_ip()
if PRIVATE_IP:
    ALLOWED_HOSTS.append(PRIVATE_IP)
