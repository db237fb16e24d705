from decouple import Csv, config

SECRET_KEY = config("SECRET_KEY")
DEBUG = config("DEBUG", default=False, cast=bool)
ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="localhost,127.0.0.1", cast=Csv())
CACHE_TIMEOUT = config("CACHE_TIMEOUT", default=300, cast=int)
EMAIL_HOST = config("EMAIL_HOST", default="smtp.example.com")
ROOT_URLCONF = "core.urls"
SECURE_SSL_REDIRECT = config("SECURE_SSL_REDIRECT", default=False, cast=bool)
