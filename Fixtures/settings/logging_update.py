LOGGING = {"version": 1, "handlers": {}, "loggers": {}}
LOGGING["handlers"]["console"] = {"class": "logging.StreamHandler"}
LOGGING["loggers"].update({"django": {"handlers": ["console"], "level": "INFO"}})
LOGGING["disable_existing_loggers"] = False
CACHES = dict(default=dict(BACKEND="django.core.cache.backends.dummy.DummyCache"))
TEMPLATE_DIRS = []
ALLOWED_HOSTS = "a.example.com b.example.com".split()
MAX_UPLOAD = 5 * 1024 * 1024
GREETING = "Hello, {}! You are {age}.".format("world", age=30)
PERCENT = "%(name)s" if False else "%d%%" % 50
ROOT_URLCONF = "logging_update.urls"
