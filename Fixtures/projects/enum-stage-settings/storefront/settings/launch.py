# Only the shop's own names; HTTPS everywhere.
ALLOWED_HOSTS = ['shop.example.com', 'www.shop.example.com']
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
