import EBCheckFormats

/// The top-level modules well-known distributions install, by normalized distribution name
/// (`django-cors-headers` installs `corsheaders`). A distribution missing from this table may
/// install any module: only when every declared requirement is known, and none installs a
/// module, can ebcheck say the module is not installed.
package enum DistributionModules {
  package static let known: [String: Set<String>] = [
    "django": ["django"], "gunicorn": ["gunicorn"], "uwsgi": ["uwsgi"], "uvicorn": ["uvicorn"],
    "daphne": ["daphne"], "channels": ["channels"], "asgiref": ["asgiref"],
    "sqlparse": ["sqlparse"], "psycopg2": ["psycopg2"], "psycopg2-binary": ["psycopg2"],
    "psycopg": ["psycopg"], "psycopg-binary": ["psycopg_binary"], "mysqlclient": ["MySQLdb"],
    "pymysql": ["pymysql"], "whitenoise": ["whitenoise"], "django-cors-headers": ["corsheaders"],
    "djangorestframework": ["rest_framework"], "django-environ": ["environ"],
    "environs": ["environs"], "python-decouple": ["decouple"], "python-dotenv": ["dotenv"],
    "dj-database-url": ["dj_database_url"], "django-storages": ["storages"],
    "boto3": ["boto3"], "botocore": ["botocore"], "s3transfer": ["s3transfer"],
    "pillow": ["PIL"], "requests": ["requests"], "urllib3": ["urllib3"], "certifi": ["certifi"],
    "idna": ["idna"], "charset-normalizer": ["charset_normalizer"], "six": ["six"],
    "pytz": ["pytz"], "pyyaml": ["yaml"], "jinja2": ["jinja2"], "markupsafe": ["markupsafe"],
    "celery": ["celery"], "redis": ["redis"], "django-redis": ["django_redis"],
    "sentry-sdk": ["sentry_sdk"], "django-allow-cidr": ["allow_cidr"],
    "django-health-check": ["health_check"], "django-extensions": ["django_extensions"],
    "django-debug-toolbar": ["debug_toolbar"], "django-crispy-forms": ["crispy_forms"],
    "django-filter": ["django_filters"], "setuptools": ["setuptools", "pkg_resources"],
    "wheel": ["wheel"], "pip": ["pip"],
  ]

  /// Whether the declared `requirements` (normalized names) may install the top-level
  /// module `top`: one is named like it, one is known to install it, or one is unknown.
  package static func mayInstall(_ top: String, requirements: [String]) -> Bool {
    let asDistribution = Requirement.normalize(top)
    return requirements.contains { name in
      guard let modules = known[name] else { return true }
      return name == asDistribution || modules.contains(top)
    }
  }
}
