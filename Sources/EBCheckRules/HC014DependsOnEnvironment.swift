import EBCheckCore
import EBCheckModel
import EBCheckSimulation

/// HC014: the health check's answer depends on an environment variable the repository
/// leaves open; each answer with the values that lead to it.
public struct DependsOnEnvironmentRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC014", name: "health-check-depends-on-environment", severity: .warning,
    summary:
      "The settings branch on an environment variable nothing in the repository sets, and the health check passes for some of its values and fails for others.",
    rationale: """
      `if os.environ.get('DJANGO_ENV') == 'production':` picks the hosts, the redirects or the \
      middleware at start-up from a value set in the console or the CLI, outside the \
      repository. ebcheck evaluates the settings for each value the code tests, for a value it \
      does not test and for the variable unset, and lists each answer with its condition \
      instead of guessing one. A read without a default elsewhere in the settings (a \
      `SECRET_KEY` from the environment) shows the environment does set variables outside \
      the repository.
      """,
    fix: """
      Make the health check pass whatever the value: answer the health path from a middleware \
      placed first in MIDDLEWARE (`ebcheck fix --unsafe-fixes`), or set the variable in \
      `aws:elasticbeanstalk:application:environment` so the repository says what runs.
      """,
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: """
          import os
          ALLOWED_HOSTS = ['www.example.com']
          if ↓os.environ.get('DJANGO_ENV') == 'production':
              ALLOWED_HOSTS = ['*']

          """),
      ExampleRepo.django(
        settings:
          "import os\r\n# 배포 환경\r\nALLOWED_HOSTS = ['www.example.com']\r\nif ↓os.environ.get('STAGE', 'dev') in ('prod', 'staging'):\r\n    ALLOWED_HOSTS = ['*']\r\n"
      ),
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: """
          import os
          ALLOWED_HOSTS = ['*']
          if os.environ.get('DJANGO_ENV') == 'production':
              DEBUG = False

          """),
      ExampleRepo.django(
        settings: """
          import os
          ALLOWED_HOSTS = ['www.example.com']
          if os.environ.get('DJANGO_ENV') == 'production':
              ALLOWED_HOSTS = ['*']

          """,
        ebextensionsExtra:
          "  aws:elasticbeanstalk:application:environment:\n    DJANGO_ENV: production\n"),
      ExampleRepo.django(
        settings: """
          import os
          ALLOWED_HOSTS = ['www.example.com']
          if os.environ.get('DJANGO_ENV') == 'production':  # ebcheck: ignore[HC014]
              ALLOWED_HOSTS = ['*']

          """),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environments-cfg-softwaresettings.html"
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    let fixes = HealthMiddlewareFix(context: context)
    return eachPrediction(context) { prediction in
      guard case .conditional(let outcomes) = prediction.verdict,
        let location = outcomes.first?.assumptions.first?.location
      else { return nil }
      let variables = outcomesVariables(outcomes)
      let answers = outcomes.map { outcome in
        "\(outcome.condition): \(Self.answer(outcome, context))"
      }
      var message =
        "\(prediction.subject) depends on \(variables.joined(separator: " and ")), which nothing in the repository sets: "
        + answers.joined(separator: "; ")
      let environment = context.environment(of: prediction)
      if let evidence = consoleEvidence(environment, context) {
        message +=
          ". \(evidence) is read without a default and set nowhere in the repository, so this environment sets variables in the console or CLI: check what it sets \(variables[0]) to"
      }
      let related = outcomes.compactMap { outcome -> RelatedLocation? in
        guard let at = Self.location(of: outcome.verdict) else { return nil }
        return RelatedLocation(at, "\(outcome.condition): \(Self.answer(outcome, context))")
      }
      let fix =
        outcomes.contains { $0.healthy == false && Self.middlewareHeals($0.verdict) }
        ? fixes.make(for: prediction) : nil
      return diagnostic(
        message, at: location, related: related, fix: fix,
        help:
          "make the check pass for every value (a health middleware first in MIDDLEWARE), or set \(variables[0]) under aws:elasticbeanstalk:application:environment; `--env \(variables[0])=...` shows one case",
        trace: prediction.trace)
    }
  }

  private func outcomesVariables(_ outcomes: [ConditionedOutcome]) -> [String] {
    var names: [String] = []
    for outcome in outcomes where !names.contains(outcome.variable) {
      names.append(outcome.variable)
    }
    return names
  }

  /// `400 (ALLOWED_HOSTS rejects the instance IP, mysite/settings.py:31)`.
  package static func answer(_ outcome: ConditionedOutcome, _ context: LintContext) -> String {
    let status = outcome.answer
    let health =
      outcome.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "unknown"
    var why = Self.reason(of: outcome.verdict)
    if let at = Self.location(of: outcome.verdict), let file = context.files[at.file] {
      why += ", \(at.file):\(file.location(of: at.span.start).line)"
    }
    if outcome.status == nil, case .unverifiable = outcome.verdict { return why }
    return "\(status), \(health) (\(why))"
  }

  /// A variable the settings read with no default that nothing in the repository sets.
  private func consoleEvidence(_ environment: Environment, _ context: LintContext) -> String? {
    guard let app = environment.django else { return nil }
    let read = app.envReads.first { read in
      read.defaultValue == nil && !read.underCondition && read.helper != "in os.environ"
        && !read.helper.hasPrefix("os.environ.") && read.helper != "os.getenv"
        && environment.variables[read.name] == nil
        && read.name != SettingsModuleLocator.variable
    }
    guard let read, let file = context.files[read.location.file] else { return nil }
    return
      "\(read.name) (\(read.location.file):\(file.location(of: read.location.span.start).line))"
  }

  package static func middlewareHeals(_ verdict: Verdict) -> Bool {
    switch verdict {
    case .hostRejected, .httpsRedirect(by: "SecurityMiddleware", _), .slashRedirect, .wwwRedirect,
      .localeRedirect, .notRouted, .loginRedirect, .forbiddenUserAgent:
      return true
    default: return false
    }
  }

  package static func reason(of verdict: Verdict) -> String {
    switch verdict {
    case .answered(let by, _): return "answered by \(by)"
    case .hostRejected: return "ALLOWED_HOSTS rejects the instance IP"
    case .httpsRedirect(let by, _): return "\(by) redirects to HTTPS"
    case .slashRedirect(let to, _): return "redirect to \(to)"
    case .localeRedirect(let to, _): return "redirect to \(to)"
    case .wwwRedirect: return "PREPEND_WWW redirect"
    case .notRouted(let path, _): return "\(path) is not routed"
    case .loginRedirect(let view, _): return "\(view) redirects to the login page"
    case .forbiddenUserAgent: return "DISALLOWED_USER_AGENTS matches the checker"
    case .badGateway: return "the app does not start"
    case .tcpOpen: return "the port is open"
    case .portClosed(let reason): return reason
    case .connectionClosed(let by, _): return "\(by) closes the connection without an answer"
    case .unverifiable(let reasons):
      return "unknown: " + reasons.map(\.reason).joined(separator: "; ")
    case .noLoadBalancer: return "no load balancer"
    case .conditional: return "depends on the environment"
    case .viewRedirect(let view, let status, let to, _):
      return "\(view) redirects (\(status))" + (to.map { " to \($0)" } ?? "")
    case .viewRefused(let view, let status, let reason, _):
      return "\(view) refuses the checker (\(status)): \(reason)"
    case .viewFailed(let view, let answer):
      return "\(view) fails" + (answer.status.map { " (\($0))" } ?? "")
    }
  }

  package static func location(of verdict: Verdict) -> Location? {
    switch verdict {
    case .answered(_, let at), .connectionClosed(_, let at), .httpsRedirect(_, let at),
      .slashRedirect(_, let at),
      .localeRedirect(_, let at), .wwwRedirect(let at), .forbiddenUserAgent(let at),
      .badGateway(_, let at):
      return at
    case .hostRejected(let rejection): return rejection.allowedHosts ?? rejection.caller.location
    case .notRouted(_, let urlconf): return urlconf
    case .loginRedirect(_, let guardedAt): return guardedAt
    case .unverifiable(let reasons): return reasons.first?.location
    case .viewRedirect(_, _, _, let at), .viewRefused(_, _, _, let at): return at
    case .viewFailed(_, let answer): return answer.location
    case .tcpOpen, .portClosed, .noLoadBalancer, .conditional: return nil
    }
  }
}
