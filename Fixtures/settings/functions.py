def build_hosts(domain, extra=None):
    hosts = [domain, "www." + domain]
    if extra:
        hosts.append(extra)
    return hosts


def flag(value):
    return value


ALLOWED_HOSTS = build_hosts("func.example.com")
DEBUG = flag(False)
SITE_NAME = "func"
ROOT_URLCONF = SITE_NAME + ".urls"
