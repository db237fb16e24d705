import EBCheckCore
import EBCheckSimulation

/// HC009: importing the settings raises, so the app never starts and nginx answers 502.
public struct AppDoesNotStartRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC009", name: "settings-raise-at-import", severity: .error,
    summary: "Importing the settings raises an exception, so gunicorn cannot start the app (502).",
    rationale: """
      A settings module that raises at import (e.g. `.append` on a tuple ALLOWED_HOSTS) stops \
      every worker from booting; nginx answers 502 to the health check and to every visitor.
      """,
    fix: "Make the statement valid: use a list for ALLOWED_HOSTS before appending to it.",
    fixable: true,
    triggering: [
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ('*',)\n↓ALLOWED_HOSTS.append('example.com')\n")
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']  # 목록\nALLOWED_HOSTS.append('example.com')\n"),
      ExampleRepo.django(
        settings:
          "ALLOWED_HOSTS = ('*',)\r\nALLOWED_HOSTS.append('example.com')  # ebcheck: ignore[HC009]\r\n"
      ),
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      guard case .badGateway(.startupFailure(let message), let at?) = prediction.verdict else {
        return nil
      }
      return diagnostic(
        "importing the settings fails (\(message)): the app never starts and nginx answers 502",
        at: at, fix: tupleFix(context, prediction), trace: prediction.trace)
    }
  }

  /// `ALLOWED_HOSTS = ('a',)` followed by `.append`: make the tuple a list.
  package func tupleFix(_ context: LintContext, _ prediction: HealthCheckPrediction) -> Fix? {
    guard
      let expression = context.environment(of: prediction).django?
        .allowedHostsExpression,
      let file = context.files[expression.file], expression.span.length >= 2,
      file.bytes[expression.span.start] == UInt8(ascii: "("),
      file.bytes[expression.span.end - 1] == UInt8(ascii: ")")
    else { return nil }
    return Fix(
      title: "make ALLOWED_HOSTS a list", applicability: .safe,
      edits: [
        Edit(
          file: file.path, span: Span(expression.span.start, expression.span.start + 1),
          replacement: "["),
        Edit(
          file: file.path, span: Span(expression.span.end - 1, expression.span.end),
          replacement: "]"),
      ])
  }
}
