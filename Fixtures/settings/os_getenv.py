import os

SECRET_KEY = os.getenv("SECRET_KEY", "insecure")
DEBUG = os.getenv("DEBUG") == "True"
ALLOWED_HOSTS = [os.getenv("APP_HOST", "localhost")]
DB_NAME = os.environ.get("RDS_DB_NAME", "app")
DB_PORT = int(os.environ.get("RDS_PORT", "5432"))
REGION = os.environ["AWS_REGION"]
ROOT_URLCONF = "app.urls"
