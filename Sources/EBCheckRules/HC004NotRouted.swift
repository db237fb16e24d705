import EBCheckCore

/// HC004: the health-check path is not routed, so Django answers 404.
public struct NotRoutedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC004", name: "health-check-path-not-routed", severity: .error,
    summary: "No URL pattern matches the health-check path, so Django answers 404.",
    rationale: """
      Beanstalk checks `/` unless HealthCheckPath says otherwise, and many projects route \
      nothing at `/` (startproject only routes `admin/`). A 404 fails the default matcher of 200.
      """,
    fix: "Route a cheap view at the health path, or answer it from a middleware placed first.",
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        urls:
          "from django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [path('admin/', admin.site.urls)]\n"
      )
    ],
    nonTriggering: [
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\r\n",
        urls:
          "from django.contrib import admin\r\nfrom django.urls import path\r\n\r\nurlpatterns = [path('admin/', admin.site.urls)]  # ebcheck: ignore[HC004]\r\n",
        healthPath: nil),
    ],
    references: ["https://docs.djangoproject.com/en/stable/topics/http/urls/"])

  public func check(_ context: LintContext) -> [Diagnostic] {
    let fixes = HealthMiddlewareFix(context: context)
    return eachPrediction(context) { prediction in
      guard case .notRouted(let path, let urlconf) = prediction.verdict,
        let location = prediction.check?.path.location ?? urlconf
          ?? prediction.fallbackLocation(context)
      else { return nil }
      var related: [RelatedLocation] = []
      if let urlconf, urlconf != location {
        related.append(RelatedLocation(urlconf, "urlpatterns"))
      }
      let fix = fixes.make(for: prediction)
      return diagnostic(
        "no URL pattern matches the health check path \(path): Django answers 404",
        at: location, related: related, fix: fix,
        help: fix == nil
          ? "route a view at \(path), or answer it from a middleware placed first (`ebcheck generate middleware`)"
          : "route a view at \(path), or answer it from a middleware (`ebcheck fix`)",
        trace: prediction.trace)
    }
  }
}
