import EBCheckCore

/// DJ001: `ALLOWED_HOSTS = ['*']` in the deployed settings.
public struct WildcardHostsRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "DJ001", name: "allowed-hosts-wildcard", severity: .warning,
    summary: "ALLOWED_HOSTS contains '*', which turns Host validation off for every request.",
    rationale: """
      `'*'` makes health checks pass by accepting any Host, including forged ones used for \
      password-reset poisoning and cache poisoning. The health check only needs one path answered.
      """,
    fix:
      "List your domains and answer the health path from a middleware placed first (`ebcheck generate middleware`).",
    fixable: false,
    triggering: [
      ExampleRepo.django(settings: "ALLOWED_HOSTS = [↓'*']\n").saying("ALLOWED_HOSTS contains '*'"),
      ExampleRepo.django(
        settings: "import os\n↓ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '*').split(',')\n"),
    ],
    nonTriggering: [
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['.example.com']  # 도메인\n"),
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']  # ebcheck: ignore[DJ001]\r\n"),
    ],
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts"])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.djangoApps.compactMap { app in
      guard case .known(let hosts) = app.allowedHosts else { return nil }
      for entry in hosts.value {
        if case .pattern("*", let at) = entry, let location = at ?? hosts.location {
          return diagnostic(
            "ALLOWED_HOSTS contains '*': Host validation is off for every request",
            at: location,
            help: "list your domains and answer the health path from a middleware placed first")
        }
      }
      return nil
    }
  }
}
