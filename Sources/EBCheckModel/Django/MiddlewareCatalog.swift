import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// What each middleware does to the health check: Django's own and common packages by
/// import path, the repository's own by running them (`MiddlewareExecutor`).
package struct MiddlewareCatalog {
  package let modules: PythonModules

  package static let known: [String: MiddlewareKind] = [
    "django.middleware.security.SecurityMiddleware": .security,
    "django.middleware.common.CommonMiddleware": .common,
    "django.contrib.auth.middleware.LoginRequiredMiddleware": .loginRequired,
    "allow_cidr.middleware.AllowCIDRMiddleware": .allowCIDR,
    "django.contrib.sessions.middleware.SessionMiddleware": .passThrough,
    "django.middleware.csrf.CsrfViewMiddleware": .passThrough,
    "django.contrib.auth.middleware.AuthenticationMiddleware": .passThrough,
    "django.contrib.auth.middleware.RemoteUserMiddleware": .passThrough,
    "django.contrib.messages.middleware.MessageMiddleware": .passThrough,
    "django.middleware.clickjacking.XFrameOptionsMiddleware": .passThrough,
    "django.middleware.gzip.GZipMiddleware": .passThrough,
    "django.middleware.http.ConditionalGetMiddleware": .passThrough,
    "django.middleware.locale.LocaleMiddleware": .locale,
    "django.middleware.cache.UpdateCacheMiddleware": .passThrough,
    "django.middleware.cache.FetchFromCacheMiddleware": .passThrough,
    "django.contrib.sites.middleware.CurrentSiteMiddleware": .hostChecking,
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware": .notFoundFallback(
      "a flat page stored in the database"),
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware": .notFoundFallback(
      "a redirect stored in the database"),
    "wagtail.contrib.redirects.middleware.RedirectMiddleware": .notFoundFallback(
      "a Wagtail redirect stored in the database"),
    "whitenoise.middleware.WhiteNoiseMiddleware": .passThrough,
    "corsheaders.middleware.CorsMiddleware": .passThrough,
    "debug_toolbar.middleware.DebugToolbarMiddleware": .passThrough,
    "django_prometheus.middleware.PrometheusBeforeMiddleware": .passThrough,
    "django_prometheus.middleware.PrometheusAfterMiddleware": .passThrough,
    "simple_history.middleware.HistoryRequestMiddleware": .passThrough,
    "csp.middleware.CSPMiddleware": .passThrough,
    // Documented as changing nothing a GET health check sees: request attributes (htmx,
    // camel-case query parameters), revisions only for unsafe methods, exception handling.
    "django_htmx.middleware.HtmxMiddleware": .passThrough,
    "djangorestframework_camel_case.middleware.CamelCaseMiddleWare": .passThrough,
    "reversion.middleware.RevisionMiddleware": .passThrough,
    "social_django.middleware.SocialAuthExceptionMiddleware": .passThrough,
    "allauth.account.middleware.AccountMiddleware": .passThrough,
    "hijack.middleware.HijackUserMiddleware": .passThrough,
    // django-user-agents: adds a lazily parsed `request.user_agent`, nothing else.
    "django_user_agents.middleware.UserAgentMiddleware": .passThrough,
    // pyrollbar (`rollbar/contrib/django/middleware.py`, 0.13 to 1.x): without
    // ROLLBAR['access_token'] (or with `enabled` false) the constructor raises
    // MiddlewareNotUsed and Django drops it; otherwise `__call__` only sets the reporting
    // session around `get_response`, `process_response` returns the response, and
    // `process_exception` reports and returns None (Django's own handler still answers).
    // The 404 variants report a 404 and return the same response.
    "rollbar.contrib.django.middleware.RollbarNotifierMiddleware": .passThrough,
    "rollbar.contrib.django.middleware.RollbarNotifierMiddlewareExcluding404": .passThrough,
    "rollbar.contrib.django.middleware.RollbarNotifierMiddlewareOnly404": .passThrough,
    // django-elb-health-check-middleware 0.1: any User-Agent starting with "ELB-" gets 200.
    "elb_health_check.middleware.ELBHealthCheckMiddleware": .userAgentResponder(
      prefix: "ELB-", status: 200),
  ]

  /// Run-time context for the repository's middleware; nil reads none of them.
  package var executor: MiddlewareExecutorHandle?
  /// Normalized names of the declared requirements (packages a path may come from); nil
  /// when the repository declares none (then nothing says what is installed).
  package var requirements: [String]?

  package init(
    modules: PythonModules, executor: MiddlewareExecutorHandle? = nil, requirements: [String]? = nil
  ) {
    self.modules = modules
    self.executor = executor
    self.requirements = requirements
  }

  /// Top-level modules that ship with Django or are installed with it.
  package static let bundledModules: Set<String> = ["django", "asgiref", "sqlparse"]

  package func kind(of path: String) -> MiddlewareKind {
    if let known = Self.known[path] { return known }
    let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 2, !parts.contains(where: \.isEmpty) else {
      return .notLoadable(reason: "'\(path)' is not a dotted path to a middleware")
    }
    let moduleName = parts.dropLast().joined(separator: ".")
    if modules.path(of: moduleName) != nil, let executor {
      return .custom(CustomMiddleware(path: path, executor: executor))
    }
    let top = parts[0]
    if modules.path(of: top) != nil {
      // The package is the repository's, the module is not in it.
      return .notLoadable(reason: "no module named '\(moduleName)' in the repository")
    }
    if Self.bundledModules.contains(top) || mayBeInstalled(top) { return .unknown }
    return .notLoadable(
      reason: "no module named '\(top)': not in the repository nor in the requirements")
  }

  /// Whether some declared requirement may provide the top-level module `top`.
  package func mayBeInstalled(_ top: String) -> Bool {
    guard let requirements else { return true }
    return DistributionModules.mayInstall(top, requirements: requirements)
  }
}
