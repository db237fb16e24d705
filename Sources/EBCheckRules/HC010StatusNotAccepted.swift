import EBCheckCore

/// HC010: something answers the health check with a status the matcher does not accept.
public struct StatusNotAcceptedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC010", name: "health-check-status-not-accepted", severity: .error,
    summary:
      "The health check is answered with a status MatcherHTTPCode does not accept (e.g. nginx's 204).",
    rationale: """
      The load balancer counts only the statuses in MatcherHTTPCode (default 200) as healthy. A \
      health endpoint that answers 204 or a custom code fails every check.
      """,
    fix: "Answer 200, or add the status to MatcherHTTPCode.",
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        urls: """
          from django.http import HttpResponse
          from django.urls import path


          def ↓health(request):
              return HttpResponse(status=204)


          urlpatterns = [path('health/', health)]

          """
      ).saying("answers 204")
    ],
    nonTriggering: [
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']  # 정상\r\n"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        urls: """
          from django.http import HttpResponse
          from django.urls import path


          def health(request):  # ebcheck: ignore[HC010]
              return HttpResponse(status=204)


          urlpatterns = [path('health/', health)]

          """),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-environmentprocess"
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      guard case .answered(let by, let at) = prediction.verdict, prediction.healthy == false,
        let status = prediction.status, let matcher = prediction.matcher,
        let location = at ?? prediction.check?.matcher.location
          ?? prediction.fallbackLocation(context)
      else { return nil }
      var fix: Fix?
      if prediction.loadBalancer != .classic, (200..<400).contains(status) {
        let process = "aws:elasticbeanstalk:environment:process:\(prediction.process)"
        let edits = OptionEdits.set(
          process, "MatcherHTTPCode", to: "\(matcher),\(status)", context: context,
          configuration: context.configuration(of: context.environment(of: prediction)))
        fix =
          edits.isEmpty
          ? nil
          : Fix(title: "accept \(status) in MatcherHTTPCode", applicability: .unsafe, edits: edits)
      }
      if fix == nil, status >= 400, let app = context.environment(of: prediction).django,
        case .view = app.urls.resolve(String((prediction.path ?? "/").drop { $0 == "/" })),
        var shadowing = HealthMiddlewareFix(context: context).make(for: prediction)
      {
        // The view answers an error on purpose (maintenance, a failing dependency): answering
        // in its place hides that, so only with --unsafe-fixes.
        shadowing.applicability = .unsafe
        shadowing.reason = [
          shadowing.reason,
          "the view \(by) answers \(status) itself; the middleware answers 200 in its place",
        ].compactMap { $0 }.joined(separator: "; ")
        fix = shadowing
      }
      return diagnostic(
        "\(by) answers \(status) to \(prediction.subject), which MatcherHTTPCode \(matcher) does not accept",
        at: location,
        related: prediction.check?.matcher.location.map { [RelatedLocation($0, "matcher")] } ?? [],
        fix: fix, help: "answer 200, or add \(status) to MatcherHTTPCode", trace: prediction.trace)
    }
  }
}
