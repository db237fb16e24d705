import EBCheckCore

/// Builds small example repositories for rule descriptions: a startproject-like `mysite`.
package enum ExampleRepo {
  package static let defaultMiddleware = """
    MIDDLEWARE = [
        'django.middleware.security.SecurityMiddleware',
        'django.contrib.sessions.middleware.SessionMiddleware',
        'django.middleware.common.CommonMiddleware',
        'django.middleware.csrf.CsrfViewMiddleware',
        'django.contrib.auth.middleware.AuthenticationMiddleware',
        'django.contrib.messages.middleware.MessageMiddleware',
        'django.middleware.clickjacking.XFrameOptionsMiddleware',
    ]
    """

  package static let healthURLs = """
    from django.contrib import admin
    from django.http import HttpResponse
    from django.urls import path


    def health(request):
        return HttpResponse("ok")


    urlpatterns = [
        path('admin/', admin.site.urls),
        path('health/', health),
    ]
    """

  package static let wsgi = """
    import os

    from django.core.wsgi import get_wsgi_application

    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')
    application = get_wsgi_application()
    """

  package static func ebextensions(healthPath: String? = "/health/", extra: String = "") -> String {
    var text = """
      option_settings:
        aws:elasticbeanstalk:container:python:
          WSGIPath: mysite.wsgi:application

      """
    if let healthPath {
      text += """
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: \(healthPath)

        """
    }
    return text + extra
  }

  /// A repository whose settings are `settings` (appended after sane defaults).
  package static func django(
    settings: String, urls: String = healthURLs, healthPath: String? = "/health/",
    ebextensionsExtra: String = "", files: [String: String] = [:], env: [String: String] = [:]
  ) -> RuleExample {
    var all: [String: String] = [
      "mysite/__init__.py": "",
      "mysite/settings.py": """
      SECRET_KEY = 'example'
      DEBUG = False
      ROOT_URLCONF = 'mysite.urls'
      \(defaultMiddleware)

      """ + settings,
      "mysite/urls.py": urls,
      "mysite/wsgi.py": wsgi,
      ".ebextensions/django.config": ebextensions(healthPath: healthPath, extra: ebextensionsExtra),
    ]
    all.merge(files) { $1 }
    return RuleExample(all, env: env)
  }
}
