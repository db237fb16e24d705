import os

# Settings saved on Windows with CRLF line endings
DEBUG = os.environ.get("DEBUG", "0") == "1"
ALLOWED_HOSTS = [
    "crlf.example.com",
    "localhost",
]
SECRET_KEY = os.environ["SECRET_KEY"]
LONG_TEXT = """line one
line two"""
ROOT_URLCONF = "crlf.urls"
