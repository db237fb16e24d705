/// HC009: importing the settings raises, so the app never starts and nginx answers 502.
public struct AppDoesNotStartRule: Rule {
  public init() {}

  public var description: RuleDescription {
    RuleDescription(
      id: "HC009", name: "settings-raise-at-import", severity: .error,
      summary: "Importing the settings raises an exception, so gunicorn cannot start the app (502).",
      rationale: """
        A settings module that raises at import (e.g. `.append` on a tuple ALLOWED_HOSTS) stops \
        every worker from booting; nginx answers 502 to the health check and to every visitor.
        """,
      fix: "Make the statement valid: use a list for ALLOWED_HOSTS before appending to it.",
      fixable: false,
      triggering: [
        ExampleRepo.django(settings: "ALLOWED_HOSTS = ('*',)\nALLOWED_HOSTS.append('example.com')\n")
      ],
      nonTriggering: [
        ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']  # 목록\nALLOWED_HOSTS.append('example.com')\n"),
        ExampleRepo.django(
          settings: "ALLOWED_HOSTS = ('*',)\r\nALLOWED_HOSTS.append('example.com')  # ebcheck: ignore[HC009]\r\n"),
      ])
  }

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      guard case .badGateway(.startupFailure(let message), let at?) = prediction.verdict else {
        return nil
      }
      return diagnostic(
        "importing the settings raises \(message): the app never starts and nginx answers 502",
        at: at, trace: prediction.trace)
    }
  }
}
