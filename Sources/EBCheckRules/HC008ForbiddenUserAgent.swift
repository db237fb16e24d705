import EBCheckCore
import EBCheckSimulation

/// HC008: DISALLOWED_USER_AGENTS blocks the health checker (403).
public struct ForbiddenUserAgentRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC008", name: "health-check-user-agent-forbidden", severity: .error,
    summary:
      "A DISALLOWED_USER_AGENTS pattern matches `ELB-HealthChecker/2.0`, so Django answers 403.",
    rationale: """
      CommonMiddleware refuses user agents matching DISALLOWED_USER_AGENTS before anything else. \
      A broad bot pattern such as `checker` or `health` also blocks the load balancer.
      """,
    fix:
      "Narrow the pattern so it does not match `ELB-HealthChecker/2.0`, or answer the health path from a middleware placed first.",
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings:
          "import re\nALLOWED_HOSTS = ['*']\n↓DISALLOWED_USER_AGENTS = [re.compile(r'Checker')]\n")
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings:
          "import re\r\nALLOWED_HOSTS = ['*']\r\nDISALLOWED_USER_AGENTS = [re.compile(r'^BadBot')]\r\n"
      ),
      ExampleRepo.django(
        settings:
          "import re\nALLOWED_HOSTS = ['*']  # 모두\nDISALLOWED_USER_AGENTS = [re.compile(r'Checker')]  # ebcheck: ignore[HC008]\n"
      ),
    ],
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#disallowed-user-agents"])

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      guard case .forbiddenUserAgent(let at) = prediction.verdict,
        let location = at ?? prediction.fallbackLocation(context)
      else { return nil }
      return diagnostic(
        "DISALLOWED_USER_AGENTS matches the checker's User-Agent \(HealthCheckRequest.userAgent): Django answers 403",
        at: location, related: prediction.pathRelated,
        fix: HealthMiddlewareFix(context: context).make(for: prediction),
        help: "narrow the pattern, or answer the health path from a middleware placed first",
        trace: prediction.trace)
    }
  }
}
