import EBCheckCore
import EBCheckFormats
import EBCheckModel
import EBCheckSimulation

/// HC010: something answers the health check with a status the matcher does not accept.
public struct StatusNotAcceptedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC010", name: "health-check-status-not-accepted", severity: .error,
    summary:
      "The health check is answered with a status MatcherHTTPCode does not accept (e.g. nginx's 204).",
    rationale: """
      The load balancer counts only the statuses in MatcherHTTPCode (default 200) as healthy. A \
      health endpoint that answers 204 or a custom code fails every check, and so does nginx's \
      `return 444`, which closes the connection without any answer.
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
      ).saying("answers 204"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          ".platform/nginx/conf.d/elasticbeanstalk/hosts.conf":
            "if ($host !~* ^(www\\.)?example\\.com$) {\n    ↓return 444;\n}\n"
        ]),
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
      if case .connectionClosed(let by, let at) = prediction.verdict,
        let location = at ?? prediction.fallbackLocation(context)
      {
        return diagnostic(
          "\(by) closes the connection to \(prediction.subject) without an answer (return 444): the check fails",
          at: location, fix: healthExemption(prediction, closedAt: at, context: context),
          help:
            "the checker's Host is the instance's private IP: move the test into the locations that need it, or answer the health path before it",
          trace: prediction.trace)
      }
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
      // A middleware cannot change what the proxy answers before the request reaches Django.
      let fromProxy = by.hasPrefix("nginx") || by.hasPrefix("Apache httpd")
      if fix == nil, status >= 400, !fromProxy,
        let app = context.environment(of: prediction).django,
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

  /// Before the server-level directive that closes the connection, an `if` on the health path
  /// that ends the server's rewrite directives (`break`), so the request reaches its location.
  package func healthExemption(
    _ prediction: HealthCheckPrediction, closedAt: Location?, context: LintContext
  ) -> Fix? {
    guard let closedAt, let path = prediction.check?.path.value,
      let file = context.files[closedAt.file]
    else { return nil }
    let unsafe: Set<Character> = [" ", "\"", "'", ";", "{", "}", "$"]
    guard !path.contains(where: { unsafe.contains($0) }) else { return nil }
    let servers = context.environment(of: prediction).nginx.servers
    let directives: [NginxDirective] = servers.flatMap { $0.directives }
    let enclosing = directives.first { directive in
      directive.file == closedAt.file && directive.span.start <= closedAt.span.start
        && closedAt.span.start < directive.span.end
    }
    guard let enclosing else { return nil }
    let lineStart =
      file.bytes[..<enclosing.span.start].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
    let indentBytes = file.bytes[lineStart..<enclosing.span.start]
    guard indentBytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
    let indent = String(decoding: indentBytes, as: UTF8.self)
    let newline = file.lineEnding
    let text =
      "\(indent)if ($request_uri = \(path)) {\(newline)\(indent)    break;\(newline)\(indent)}\(newline)"
    return Fix(
      title: "let \(path) through before the test that closes the connection",
      applicability: .unsafe,
      edits: [Edit(file: closedAt.file, span: Span(lineStart, lineStart), replacement: text)])
  }
}
