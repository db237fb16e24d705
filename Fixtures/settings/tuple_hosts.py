DEBUG = False
ALLOWED_HOSTS = (
    "tuple.example.com",
    "www.tuple.example.com",
)
ALLOWED_HOSTS += ("extra.example.com",)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ROOT_URLCONF = "tuple.urls"
