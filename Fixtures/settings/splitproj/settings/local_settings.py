SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["split.example.com", "10.0.0.0"]
