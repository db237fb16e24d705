"""A developer's overrides (never deployed: see .ebignore)."""
DEBUG = True
ALLOWED_HOSTS = ['*']
