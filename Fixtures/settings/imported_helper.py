from helpers.aws import get_private_ip

ALLOWED_HOSTS = ["helper.example.com"]
ip = get_private_ip()
if ip:
    ALLOWED_HOSTS.append(ip)
DEBUG = False
ROOT_URLCONF = "helper.urls"
