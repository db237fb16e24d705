import EBCheckCore

/// DJ004: SECURE_SSL_REDIRECT without SECURE_PROXY_SSL_HEADER behind the load balancer.
public struct SSLRedirectWithoutProxyHeaderRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "DJ004", name: "ssl-redirect-without-proxy-header", severity: .warning,
    summary:
      "SECURE_SSL_REDIRECT is on but SECURE_PROXY_SSL_HEADER is not set, so HTTPS visitors loop.",
    rationale: """
      The load balancer terminates TLS and forwards plain HTTP with X-Forwarded-Proto: https. \
      Without SECURE_PROXY_SSL_HEADER Django thinks every request is insecure and redirects \
      HTTPS visitors to HTTPS forever.
      """,
    fix: """
      SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https'), when every request comes \
      through the load balancer (which sets the header). The fix is unsafe (`ebcheck fix \
      --unsafe-fixes`): on a single-instance environment, or wherever clients reach Django \
      directly, a client can send the header itself.
      """,
    fixable: true, fixIsUnsafe: true,
    triggering: [
      ExampleRepo.django(
        settings:
          "ALLOWED_HOSTS = ['*']\n↓SECURE_SSL_REDIRECT = True\nSECURE_REDIRECT_EXEMPT = [r'^health/$']\n"
      ).saying("SECURE_PROXY_SSL_HEADER is not set")
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings:
          "ALLOWED_HOSTS = ['*']\nSECURE_SSL_REDIRECT = True\nSECURE_REDIRECT_EXEMPT = [r'^health/$']\nSECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\n"
      ),
      ExampleRepo.django(
        settings:
          "ALLOWED_HOSTS = ['*']\r\nSECURE_SSL_REDIRECT = True  # ebcheck: ignore[DJ004,HC002] 프록시\r\n"
      ),
    ],
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header"])

  /// Why the fix waits for `--unsafe-fixes`.
  package static let unsafeReason =
    "only safe behind a proxy that sets X-Forwarded-Proto on every request (the load balancer does); on a single-instance environment, or wherever a client reaches Django directly, anyone can send the header and Django would treat plain HTTP as HTTPS"

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.djangoApps.compactMap { app in
      guard case .known(let redirect) = app.secureSSLRedirect, redirect.value,
        let location = redirect.location, case .known(let header) = app.secureProxySSLHeader,
        !header.value, let file = context.files[location.file]
      else { return nil }
      return diagnostic(
        "SECURE_SSL_REDIRECT is on but SECURE_PROXY_SSL_HEADER is not set: behind the load balancer every HTTPS request looks insecure and redirects forever",
        at: location,
        fix: Fix(
          title: "trust the load balancer's X-Forwarded-Proto", applicability: .unsafe,
          edits: [
            file.insertLine(
              "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')", after: location.span)
          ], reason: Self.unsafeReason),
        help: "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')")
    }
  }
}
