import EBCheckCore
import EBCheckSimulation

/// HC006: a matcher so wide that a failing answer still counts as healthy.
public struct WideMatcherRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC006", name: "health-check-matcher-too-wide", severity: .warning,
    summary:
      "MatcherHTTPCode accepts 4xx answers, so a rejected health check still counts as healthy.",
    rationale: """
      Widening the matcher to `200-499` makes the load balancer accept Django's 400, but the real \
      fault stays: enhanced health reads every 4xx from the nginx logs and degrades the \
      environment, and a broken app now looks healthy.
      """,
    fix: "Fix what answers 4xx and set MatcherHTTPCode back to 200.",
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        ebextensionsExtra: "    MatcherHTTPCode: ↓200-499\n"
      ).saying("MatcherHTTPCode 200-499 accepts 4xx answers")
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n", ebextensionsExtra: "    MatcherHTTPCode: 200\n"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        ebextensionsExtra: "    MatcherHTTPCode: 200-499  # ebcheck: ignore[HC006] 임시\n"),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-environmentprocess",
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-rules.html",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      guard let matcherText = prediction.matcher, let check = prediction.check,
        let location = check.matcher.location, let matcher = StatusMatcher(matcherText),
        matcher.acceptsClientErrors
      else { return nil }
      var message = "MatcherHTTPCode \(matcherText) accepts 4xx answers"
      if let status = prediction.status, (400..<500).contains(status) {
        message +=
          ": the check gets \(status) and still counts as healthy, while enhanced health counts the 4xx"
      } else {
        message += ": a rejected health check would count as healthy"
      }
      let fix = OptionEdits.valueEdit(at: location, to: "200", files: context.files).map {
        Fix(title: "accept only 200", applicability: .unsafe, edits: [$0])
      }
      return diagnostic(
        message, at: location, fix: fix,
        help: "fix what answers 4xx (see the trace) and keep MatcherHTTPCode at 200",
        trace: prediction.trace)
    }
  }
}
