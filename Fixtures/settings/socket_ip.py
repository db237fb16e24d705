import socket

DEBUG = False

ALLOWED_HOSTS = [
    "portal.example.com",
    socket.gethostbyname(socket.gethostname()),
]
ROOT_URLCONF = "portal.urls"
