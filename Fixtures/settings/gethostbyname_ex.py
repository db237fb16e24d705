import socket

ALLOWED_HOSTS = ["ex.example.com"]
hostname, aliases, addresses = socket.gethostbyname_ex(socket.gethostname())
ALLOWED_HOSTS.extend(addresses)
LOCAL_IP = socket.gethostbyname("localhost")
DEBUG = False
ROOT_URLCONF = "ex.urls"
