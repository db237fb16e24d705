# In-place changes through helpers, aliases and nested containers
ALLOWED_HOSTS = ["a.example.com"]


def add_host(hosts, host):
    hosts.append(host)


def add_global():
    ALLOWED_HOSTS.append("c.example.com")


add_host(ALLOWED_HOSTS, "b.example.com")
add_global()

LOGGING = {"handlers": {}}
handlers = LOGGING["handlers"]
handlers["console"] = {"class": "logging.StreamHandler"}

MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
ALIAS = MIDDLEWARE
ALIAS += ["django.middleware.common.CommonMiddleware"]

CONFIG = {"hosts": ["x"]}
CONFIG["hosts"].append("y")
CONFIG["hosts"].insert(0, "w")
NESTED = [[1], [2]]
NESTED[0].append(3)
ROOT_URLCONF = "mutation.urls"
