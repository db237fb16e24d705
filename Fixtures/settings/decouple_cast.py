from decouple import config, Csv

DEBUG = config("DEBUG", cast=bool, default=True)
ALLOWED_HOSTS = config("ALLOWED_HOSTS", cast=Csv())
PORT = config("PORT", cast=int, default=8000)
ADMINS_EMAIL = config("ADMINS_EMAIL", default="admin@example.com")
ROOT_URLCONF = config("ROOT_URLCONF", default="cast.urls")
