import EBCheckCore

/// HC003: CommonMiddleware's APPEND_SLASH or PREPEND_WWW redirect answers the health check.
public struct SlashOrWWWRedirectRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC003", name: "health-check-slash-or-www-redirect", severity: .error,
    summary: "APPEND_SLASH, PREPEND_WWW or i18n_patterns makes Django redirect the health check.",
    rationale: """
      With APPEND_SLASH (the default), `/health` redirects to `/health/` when only the slashed \
      route exists; with PREPEND_WWW every request to the bare IP redirects to `www.<IP>`. The \
      checker does not follow redirects, so a matcher of 200 fails.
      """,
    fix: "Make HealthCheckPath exactly the routed path, trailing slash included.",
    fixable: true,
    triggering: [
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n", healthPath: "/health"),
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n↓PREPEND_WWW = True\n"),
    ],
    nonTriggering: [
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n", healthPath: "/health/"),
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\r\nAPPEND_SLASH = True\r\n"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']  # 모든 호스트\nPREPEND_WWW = True  # ebcheck: ignore[HC003]\n"),
    ],
    references: [
      "https://docs.djangoproject.com/en/stable/ref/settings/#append-slash",
      "https://docs.djangoproject.com/en/stable/ref/settings/#prepend-www",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      switch prediction.verdict {
      case .slashRedirect(let target, let at):
        let pathOption = prediction.check?.path.location
        guard let location = pathOption ?? at ?? prediction.fallbackLocation(context) else {
          return nil
        }
        let edits = prediction.check.map {
          OptionEdits.setHealthPath(
            of: $0, to: target, context: context,
            configuration: context.configuration(of: context.environment(of: prediction)))
        }
        let fix = edits.flatMap { $0.isEmpty ? nil : $0 }.map {
          Fix(title: "check \(target), the path Django routes", applicability: .safe, edits: $0)
        }
        return diagnostic(
          "APPEND_SLASH redirects \(prediction.path ?? "/") to \(target) (301): the health check path must match the route exactly",
          at: location, related: at.map { [RelatedLocation($0, "APPEND_SLASH")] } ?? [], fix: fix,
          help: "set HealthCheckPath to \(target)", trace: prediction.trace)
      case .localeRedirect(let target, let at):
        guard
          let location = prediction.check?.path.location ?? at
            ?? prediction.fallbackLocation(context)
        else {
          return nil
        }
        return diagnostic(
          "LocaleMiddleware redirects \(prediction.path ?? "/") to \(target) (302): the health path sits under i18n_patterns",
          at: location, related: at.map { [RelatedLocation($0, "LocaleMiddleware")] } ?? [],
          fix: HealthMiddlewareFix(context: context).make(for: prediction),
          help: "route the health view outside i18n_patterns, or check \(target)",
          trace: prediction.trace)
      case .wwwRedirect(let at):
        guard let location = at ?? prediction.fallbackLocation(context) else { return nil }
        return diagnostic(
          "PREPEND_WWW redirects \(prediction.subject) to www.<instance IP> (301)",
          at: location, related: prediction.pathRelated,
          fix: HealthMiddlewareFix(context: context).make(for: prediction),
          help:
            "answer the health path from a middleware placed before CommonMiddleware (`ebcheck generate middleware`)",
          trace: prediction.trace)
      default:
        return nil
      }
    }
  }
}
