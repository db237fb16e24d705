import EBCheckCore

/// DJ002: `DEBUG = True` in the deployed settings.
public struct DebugEnabledRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "DJ002", name: "debug-enabled", severity: .warning,
    summary: "DEBUG is True in the settings the environment runs.",
    rationale: """
      DEBUG pages leak settings and code to anyone. It also hides the health-check outage \
      locally: with DEBUG and an empty ALLOWED_HOSTS Django allows localhost, while production \
      (DEBUG off) answers 400 to everything.
      """,
    fix: "Read DEBUG from the environment with a False default.",
    fixable: false,
    triggering: [
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n↓DEBUG = True\n").saying(
        "DEBUG is True in the deployed settings")
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: "import os\nALLOWED_HOSTS = ['*']\nDEBUG = os.environ.get('DEBUG') == '1'\n"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\r\nDEBUG = True  # ebcheck: ignore[DJ002] 개발용\r\n"),
    ],
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#debug"])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.djangoApps.compactMap { app in
      guard case .known(let debug) = app.debug, debug.value, let location = debug.location else {
        return nil
      }
      // Values of an open variable the settings branch on that turn DEBUG off.
      var off: [String] = []
      for environment in context.environments
      where environment.django?.settingsFile == app.settingsFile {
        for scenario in environment.djangoScenarios {
          if case .known(let value) = scenario.app.debug, !value.value,
            !off.contains(scenario.assumption.label)
          {
            off.append(scenario.assumption.label)
          }
        }
      }
      let condition =
        off.isEmpty ? "" : " unless \(off.joined(separator: " or ")) (then it is False)"
      return diagnostic(
        "DEBUG is True in the deployed settings \(app.settingsModule)\(condition)", at: location,
        help: "DEBUG = os.environ.get('DJANGO_DEBUG') == '1'")
    }
  }
}
