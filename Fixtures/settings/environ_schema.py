import environ

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, []),
    WORKERS=(int, 2),
)

DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
WORKERS = env("WORKERS")
SECRET_KEY = env.str("SECRET_KEY", default="changeme")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", False)
INTERNAL_IPS = env.list("INTERNAL_IPS", default=["127.0.0.1"])
ROOT_URLCONF = "schema.urls"
