DEFAULT_HOSTS = ["localhost", "127.0.0.1"]
EXTRA_HOSTS = ("admin.example.com",)

ALLOWED_HOSTS = DEFAULT_HOSTS + list(EXTRA_HOSTS)
ALLOWED_HOSTS += ["app.example.com"]
ALLOWED_HOSTS.append("api.example.com")
ALLOWED_HOSTS.extend(["cdn.example.com", "static.example.com"])
ALLOWED_HOSTS.insert(0, "first.example.com")

DOMAINS = ["example.com", "example.org"]
SUBDOMAINS = ["www." + d for d in DOMAINS]
WILDCARDS = [f".{domain}" for domain in DOMAINS if domain.endswith(".com")]

MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
)
MIDDLEWARE = ("health.middleware.HealthCheckMiddleware",) + MIDDLEWARE
ROOT_URLCONF = "concat.urls"
