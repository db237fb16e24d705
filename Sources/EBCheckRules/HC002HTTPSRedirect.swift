import EBCheckCore
import EBCheckSimulation

/// HC002: an HTTPS redirect (301) answers the plain-HTTP health checker.
public struct HTTPSRedirectRule: Rule {
  public init() {}

  private static let apacheProxy =
    "  aws:elasticbeanstalk:environment:proxy:\n    ProxyServer: apache\n"

  public let description = RuleDescription(
    id: "HC002", name: "health-check-https-redirect", severity: .error,
    summary:
      "SECURE_SSL_REDIRECT (or an nginx or Apache rule) answers the plain-HTTP health check with a 301.",
    rationale: """
      The load balancer terminates TLS and checks instances over plain HTTP without \
      X-Forwarded-Proto, so `request.is_secure()` is False and SecurityMiddleware redirects \
      the check to https://. Redirects are not followed: the 301 fails a matcher of 200.
      """,
    fix: """
      Exempt the health path: `SECURE_REDIRECT_EXEMPT = [r'^health/$']` (the pattern is matched \
      against the path without its leading slash), or answer it from a middleware placed before \
      SecurityMiddleware. For an Apache `RewriteRule`, add \
      `RewriteCond %{HTTP_USER_AGENT} !^ELB-HealthChecker` before the rule's conditions.
      """,
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n↓SECURE_SSL_REDIRECT = True\n"
      ).saying("redirects the application load balancer's check of /health/ to HTTPS (301)"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n", ebextensionsExtra: apacheProxy,
        files: [
          ".platform/httpd/conf.d/https.conf":
            "# HTTPS 강제\n<Location \"/\">\n  RewriteEngine On\n  RewriteCond %{HTTP:X-Forwarded-Proto} !https\n  ↓RewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]\n</Location>\n"
        ]
      ).saying("Apache httpd redirects"),
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings:
          "ALLOWED_HOSTS = ['*']\nSECURE_SSL_REDIRECT = True\nSECURE_REDIRECT_EXEMPT = [r'^health/$']\n"
      ),
      ExampleRepo.django(
        settings:
          "ALLOWED_HOSTS = ['*']\r\nSECURE_SSL_REDIRECT = True  # ebcheck: ignore[HC002]\r\n"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n", ebextensionsExtra: apacheProxy,
        files: [
          ".platform/httpd/conf.d/https.conf":
            "<Location \"/\">\r\n  RewriteEngine On\r\n  RewriteCond %{HTTP_USER_AGENT} !^ELB-HealthChecker\r\n  RewriteCond %{HTTP:X-Forwarded-Proto} !https\r\n  RewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]\r\n</Location>\r\n"
        ]),
    ],
    references: [
      "https://docs.djangoproject.com/en/stable/ref/settings/#secure-redirect-exempt",
      "https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      guard case .httpsRedirect(let by, let at) = prediction.verdict,
        let location = at ?? prediction.fallbackLocation(context)
      else { return nil }
      let path = prediction.path ?? "/"
      return diagnostic(
        "\(by) redirects \(prediction.subject) to HTTPS (\(prediction.status ?? 301)); the checker speaks plain HTTP and does not follow redirects",
        at: location, related: prediction.pathRelated,
        fix: by == "SecurityMiddleware"
          ? exemptFix(context, prediction, path: path)
            ?? HealthMiddlewareFix(context: context).make(for: prediction)
          : by == "Apache httpd" && at != nil
            ? HttpdRedirectFix.make(rule: location, files: context.files) : nil,
        help: by == "Apache httpd"
          ? "exempt the checker: RewriteCond %{HTTP_USER_AGENT} !^ELB-HealthChecker before the RewriteRule"
          : "exempt the health path: SECURE_REDIRECT_EXEMPT = [r'\(Self.exemptPattern(path))']",
        trace: prediction.trace)
    }
  }

  package static func exemptPattern(_ path: String) -> String {
    "^" + String(path.drop { $0 == "/" }) + "$"
  }

  /// Adds `SECURE_REDIRECT_EXEMPT` after the `SECURE_SSL_REDIRECT` line.
  package func exemptFix(_ context: LintContext, _ prediction: HealthCheckPrediction, path: String)
    -> Fix?
  {
    guard let app = context.environment(of: prediction).django,
      case .known(let redirect) = app.secureSSLRedirect, let location = redirect.location,
      let file = context.files[location.file]
    else { return nil }
    let pattern = Self.exemptPattern(path)
    if case .known(let exempt) = app.secureRedirectExempt, exempt.location != nil {
      return nil
    }
    return Fix(
      title: "exempt \(path) from SECURE_SSL_REDIRECT",
      applicability: .safe,
      edits: [file.insertLine("SECURE_REDIRECT_EXEMPT = [r'\(pattern)']", after: location.span)])
  }
}
