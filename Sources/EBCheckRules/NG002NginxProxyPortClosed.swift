import EBCheckCore
import EBCheckSimulation

/// NG002: the repository's nginx proxies the health check to a port nothing listens on.
public struct NginxProxyPortClosedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "NG002", name: "nginx-proxy-port-closed", severity: .error,
    summary:
      "The repository's nginx proxies the health check to a port or socket the app server does not bind (502).",
    rationale: """
      A `proxy_pass` in `.platform/nginx`, directly or through an `upstream` block, names the \
      port nginx connects to. When the app server (gunicorn on 127.0.0.1:8000 by default, or \
      the Procfile's bind) listens elsewhere, the connection is refused and nginx answers 502 \
      Bad Gateway to the checker and to every visitor of that location.
      """,
    fix: "Point the `upstream` server or `proxy_pass` at the port the app server binds.",
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          ".platform/nginx/conf.d/upstream.conf":
            "upstream django_app {\n    ↓server 127.0.0.1:8001;\n}\n",
          ".platform/nginx/conf.d/elasticbeanstalk/app.conf":
            "location /health/ {\n    proxy_pass http://django_app;\n}\n",
        ]
      ).saying("proxies the health check to :8001, where nothing listens"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          "Procfile": "web: gunicorn --bind unix:/run/app/gunicorn.sock mysite.wsgi:application\n",
          ".platform/nginx/conf.d/elasticbeanstalk/app.conf":
            "location /health/ {\n    ↓proxy_pass http://unix:/run/gunicorn.sock;\n}\n",
        ]
      ).saying(
        "proxies the health check to unix:/run/gunicorn.sock, where nothing listens (the app server binds unix:/run/app/gunicorn.sock)"
      ),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          ".platform/nginx/conf.d/elasticbeanstalk/app.conf":
            "# 앱\nlocation /health/ {\n    ↓proxy_pass http://127.0.0.1:5000;\n}\n"
        ]),
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          "Procfile": "web: gunicorn --bind unix:/run/gunicorn.sock mysite.wsgi:application\n",
          ".platform/nginx/conf.d/elasticbeanstalk/app.conf":
            "location /health/ {\n    proxy_pass http://unix:/run/gunicorn.sock;\n}\n",
        ]),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          ".platform/nginx/conf.d/upstream.conf":
            "# 업스트림\r\nupstream django_app {\r\n    server 127.0.0.1:8000;\r\n}\r\n",
          ".platform/nginx/conf.d/elasticbeanstalk/app.conf":
            "location /health/ {\r\n    proxy_pass http://django_app;\r\n}\r\n",
        ]),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          ".platform/nginx/conf.d/elasticbeanstalk/app.conf":
            "location /health/ {\n    proxy_pass http://127.0.0.1:5000;  # ebcheck: ignore[NG002]\n}\n"
        ]),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/platforms-linux-extend.proxy.nginx.html",
      "https://nginx.org/en/docs/http/ngx_http_upstream_module.html#upstream",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      if case .badGateway(.proxiedSocketClosed(let proxied, let bound), let at?) =
        prediction.verdict
      {
        return diagnostic(
          "nginx proxies the health check to \(proxied), where nothing listens (the app server binds \(bound)): nginx answers 502",
          at: at, help: "proxy to what the app server binds, or bind it to \(proxied)",
          trace: prediction.trace)
      }
      guard
        case .badGateway(.proxiedPortClosed(let proxied, let bound), let at?) =
          prediction.verdict
      else { return nil }
      return diagnostic(
        "nginx proxies the health check to :\(proxied), where nothing listens (the app server binds :\(bound)): nginx answers 502",
        at: at, fix: portFix(context, at, proxied: proxied, bound: bound),
        help: "point it at :\(bound), or bind the app server to :\(proxied)",
        trace: prediction.trace)
    }
  }

  /// Rewrites the port in the directive's address (`server 127.0.0.1:8001;`,
  /// `proxy_pass http://127.0.0.1:8001/;`): the last `:PORT` before the `;` ending it.
  package func portFix(_ context: LintContext, _ at: Location, proxied: Int, bound: Int) -> Fix? {
    guard let file = context.files[at.file] else { return nil }
    let bytes = file.bytes
    var end = at.span.start
    while end < bytes.count, bytes[end] != UInt8(ascii: ";"), bytes[end] != UInt8(ascii: "\n") {
      end += 1
    }
    let digits = Array(String(proxied).utf8)
    var found: Int?
    var index = at.span.start
    while index + digits.count < end {
      if bytes[index] == UInt8(ascii: ":"),
        Array(bytes[(index + 1)...(index + digits.count)]) == digits,
        index + 1 + digits.count == end
          || !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1 + digits.count])
      {
        found = index + 1
      }
      index += 1
    }
    guard let start = found else { return nil }
    return Fix(
      title: "proxy to :\(bound)", applicability: .safe,
      edits: [
        Edit(
          file: file.path, span: Span(start, start + digits.count), replacement: String(bound))
      ])
  }
}
