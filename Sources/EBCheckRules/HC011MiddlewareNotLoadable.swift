import EBCheckCore
import EBCheckSimulation

/// HC011: a `MIDDLEWARE` entry Django cannot import, so no worker starts and nginx answers 502.
public struct MiddlewareNotLoadableRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC011", name: "middleware-not-loadable", severity: .error,
    summary:
      "A MIDDLEWARE entry names a module or class that does not exist, so the app never starts (502).",
    rationale: """
      Django imports every MIDDLEWARE entry when the WSGI application is created. An entry whose \
      module is neither in the repository nor installed from the requirements, or whose module \
      lacks the class, raises ImportError in every gunicorn worker: no worker serves, and nginx \
      answers 502 to the health check and to every visitor.
      """,
    fix: """
      Correct the dotted path, add the module, or add the package that provides it to \
      requirements.txt. The fix offered removes the entry (unsafe: the middleware's job is lost).
      """,
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: """
          ALLOWED_HOSTS = ['*']
          MIDDLEWARE = [
              ↓'mysite.health.HealthCheckMiddleware',
              'django.middleware.common.CommonMiddleware',
          ]

          """)
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: """
          ALLOWED_HOSTS = ['*']  # 모든 호스트
          MIDDLEWARE = [
              'mysite.health.HealthCheckMiddleware',
              'django.middleware.common.CommonMiddleware',
          ]

          """,
        files: [
          "mysite/health.py": """
          class HealthCheckMiddleware:
              def __init__(self, get_response):
                  self.get_response = get_response

              def __call__(self, request):
                  return self.get_response(request)

          """
        ]),
      ExampleRepo.django(
        settings:
          "ALLOWED_HOSTS = ['*']\r\nMIDDLEWARE = [\r\n    'mysite.health.HealthCheckMiddleware',  # ebcheck: ignore[HC011]\r\n]\r\n"
      ),
    ],
    references: [
      "https://docs.djangoproject.com/en/stable/topics/http/middleware/#activating-middleware"
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      guard
        case .badGateway(.middlewareNotLoadable(let path, let reason), let at?) =
          prediction.verdict
      else { return nil }
      return diagnostic(
        "Django cannot load the middleware '\(path)' (\(reason)): no worker starts and nginx answers 502",
        at: at, fix: removal(context, at), trace: prediction.trace)
    }
  }

  /// Removes the entry from the list: its whole line when it stands alone on one.
  package func removal(_ context: LintContext, _ at: Location) -> Fix? {
    guard let file = context.files[at.file], at.span.end <= file.bytes.count else { return nil }
    let bytes = file.bytes
    var end = at.span.end
    func skipBlanks() {
      while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") {
        end += 1
      }
    }
    skipBlanks()
    var hadComma = false
    if end < bytes.count, bytes[end] == UInt8(ascii: ",") {
      end += 1
      hadComma = true
      skipBlanks()
    }
    var start = at.span.start
    var lineStart = start
    while lineStart > 0,
      bytes[lineStart - 1] == UInt8(ascii: " ") || bytes[lineStart - 1] == UInt8(ascii: "\t")
    {
      lineStart -= 1
    }
    let startsLine = lineStart == 0 || bytes[lineStart - 1] == UInt8(ascii: "\n")
    var lineEnd = end
    if lineEnd < bytes.count, bytes[lineEnd] == UInt8(ascii: "\r") { lineEnd += 1 }
    let endsLine = lineEnd < bytes.count && bytes[lineEnd] == UInt8(ascii: "\n")
    if startsLine && endsLine {
      start = lineStart
      end = lineEnd + 1
    } else if !hadComma {
      // The last element on a shared line: take the comma before it instead.
      var before = start
      while before > 0,
        bytes[before - 1] == UInt8(ascii: " ") || bytes[before - 1] == UInt8(ascii: "\t")
      {
        before -= 1
      }
      if before > 0, bytes[before - 1] == UInt8(ascii: ",") { start = before - 1 }
      end = at.span.end
    }
    return Fix(
      title: "remove the MIDDLEWARE entry Django cannot import", applicability: .unsafe,
      edits: [Edit(file: file.path, span: Span(start, end), replacement: "")])
  }
}
