import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckReport
import EBCheckRules
import EBCheckSimulation
import Testing

/// Hand-built lint results that exercise every corner of the reporters.
enum ReportFixtures {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var result: LintResult
    var context: ReportContext
    var testDescription: String { name }
  }

  static let all: [Case] = [seed, windows, clean, edge]

  /// Finds the `occurrence`-th `needle` in `file` as a byte span.
  static func span(_ file: SourceFile, _ needle: String, occurrence: Int = 0) -> Span {
    let pattern = Array(needle.utf8)
    var seen = 0
    var index = 0
    while index + pattern.count <= file.bytes.count {
      if Array(file.bytes[index..<index + pattern.count]) == pattern {
        if seen == occurrence { return Span(index, index + pattern.count) }
        seen += 1
      }
      index += 1
    }
    fatalError("\(needle) not in \(file.path)")
  }

  static func at(_ file: SourceFile, _ needle: String, occurrence: Int = 0) -> Location {
    Location(file: file.path, span: span(file, needle, occurrence: occurrence))
  }

  static let rules: [RuleDescription] = [
    rule(
      "HC001", "allowed-hosts-rejects-health-check", .error,
      "Health check Host is rejected by ALLOWED_HOSTS (400)",
      "The load balancer sends the instance's private IP as Host; Django answers 400 DisallowedHost.",
      "Answer the health path in a middleware placed first in MIDDLEWARE.",
      references: ["https://docs.djangoproject.com/en/5.0/ref/settings/#allowed-hosts"]),
    rule(
      "HC002", "ssl-redirect-answers-health-check", .error,
      "HTTPS redirect (301) answers the plain-HTTP health checker",
      "The checker speaks HTTP and does not follow redirects.",
      "Exempt the health path with SECURE_REDIRECT_EXEMPT."),
    rule(
      "HC007", "unverifiable-health-check", .info,
      "Prediction depends on values ebcheck cannot see",
      "A value comes from the environment at run time.",
      "Supply it with --env KEY=VALUE or .ebcheck.yml.", fixable: false),
    rule(
      "DJ002", "debug-in-production", .warning, "DEBUG = True reachable in deployed settings",
      "DEBUG leaks settings and tracebacks.", "Read DEBUG from the environment, default False."),
    rule(
      "DJ004", "ssl-redirect-without-proxy-header", .warning,
      "SECURE_SSL_REDIRECT without SECURE_PROXY_SSL_HEADER",
      "Behind the load balancer every request looks like HTTP: redirect loop.",
      "Set SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')."),
    rule(
      "EB007", "env-var-set-nowhere", .warning, "Env var read by settings is set nowhere",
      "The app crashes at import time with KeyError.",
      "Set it under aws:elasticbeanstalk:application:environment.", fixable: false),
  ]

  static func rule(
    _ id: String, _ name: String, _ severity: Severity, _ summary: String, _ rationale: String,
    _ fix: String, fixable: Bool = true, references: [String] = []
  ) -> RuleDescription {
    RuleDescription(
      id: id, name: name, severity: severity, summary: summary, rationale: rationale, fix: fix,
      fixable: fixable, triggering: [], nonTriggering: [], references: references)
  }

  // MARK: seed: the blog post's outage, multibyte text, related location, safe fix, trace.

  static let seedSettings = SourceFile(
    path: "mysite/settings.py",
    text: """
      # -*- coding: utf-8 -*-
      # 한국어 주석: 헬스 체크가 400을 받는다
      import os

      SITE_NAME = '헬스체크 데모'; SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
      DEBUG = True
      ALLOWED_HOSTS = ['localhost', '127.0.0.1']  # 로컬만

      MIDDLEWARE = [
          'django.middleware.security.SecurityMiddleware',
          'django.middleware.common.CommonMiddleware',
      ]

      """)

  static let seedConfig = SourceFile(
    path: ".ebextensions/django.config",
    text: """
      option_settings:
        aws:elasticbeanstalk:container:python:
          WSGIPath: mysite.wsgi:application
        aws:elasticbeanstalk:environment:process:default:
          HealthCheckPath: /
          MatcherHTTPCode: 200

      """)

  /// The `/` of `HealthCheckPath: /`.
  static let seedPath: Location = {
    let start = span(seedConfig, "/\n").start
    return Location(file: seedConfig.path, span: Span(start, start + 1))
  }()

  static let seedTrace = Trace([
    TraceHop(step: "GET /", detail: "Host: 172.31.x.x", location: seedPath),
    TraceHop(step: "nginx", detail: ":80 → proxy_pass 127.0.0.1:8000"),
    TraceHop(
      step: "SecurityMiddleware", detail: "pass",
      location: at(seedSettings, "'django.middleware.security.SecurityMiddleware'")),
    TraceHop(
      step: "CommonMiddleware", detail: "get_host() → 400 DisallowedHost",
      location: at(seedSettings, "ALLOWED_HOSTS = ['localhost', '127.0.0.1']")),
    TraceHop(step: "matcher", detail: "200 ≠ 400 → unhealthy", location: at(seedConfig, "200")),
  ])

  static let seed: Case = {
    let hostsLine = at(seedSettings, "ALLOWED_HOSTS = ['localhost', '127.0.0.1']")
    let pathStart = seedPath.span.start
    let insertAt = span(seedSettings, "    'django.middleware.security.SecurityMiddleware'").start
    let fix = Fix(
      title: "add HealthCheckMiddleware first in MIDDLEWARE", applicability: .safe,
      edits: [
        .insert(
          "    'mysite.health.HealthCheckMiddleware',\n", in: seedSettings.path, at: insertAt),
        .create("mysite/health.py", contents: "class HealthCheckMiddleware:\n    ...\n"),
        Edit(file: seedConfig.path, span: Span(pathStart, pathStart + 1), replacement: "/health/"),
      ])
    let diagnostics = [
      Diagnostic(
        rule: "HC001", severity: .error,
        message: "health check Host 172.31.x.x is rejected by ALLOWED_HOSTS (400)",
        location: hostsLine,
        related: [RelatedLocation(seedPath, "health check path set here")],
        fix: fix, help: "add a health-check middleware first in MIDDLEWARE (ebcheck fix --diff)",
        trace: seedTrace),
      Diagnostic(
        rule: "DJ002", severity: .warning, message: "DEBUG = True in the deployed settings",
        location: at(seedSettings, "True")),
      Diagnostic(
        rule: "EB007", severity: .warning,
        message: "DJANGO_SECRET_KEY is read here but set nowhere",
        location: at(seedSettings, "os.environ['DJANGO_SECRET_KEY']"),
        help: "set it under aws:elasticbeanstalk:application:environment"),
    ]
    let prediction = HealthCheckPrediction(
      environment: EnvironmentHandle(index: 0, name: "mysite-prod"), loadBalancer: .application,
      protocol: "HTTP", port: 80,
      path: "/", host: "172.31.x.x", matcher: "200", status: 400, healthy: false,
      trace: seedTrace)
    return Case(
      name: "seed",
      result: LintResult(
        files: SourceFiles([seedSettings, seedConfig]), diagnostics: diagnostics.reversed(),
        predictions: [prediction]),
      context: ReportContext(filesChecked: 14))
  }()

  // MARK: windows: CRLF, a tab, a multi-line span, info, unsafe and display fixes, TCP.

  static let windowsSettings = SourceFile(
    path: "app/settings/production.py",
    text:
      "from .base import *\r\n\r\nALLOWED_HOSTS = os.environ.get(\r\n\t\"ALLOWED_HOSTS\", \"example.com\"\r\n).split(\",\")\r\nSECURE_SSL_REDIRECT = True\r\nMIDDLEWARE = [\r\n\t\"django.middleware.security.SecurityMiddleware\",\r\n]\r\n"
  )

  static let windows: Case = {
    let file = windowsSettings
    let multiLine = at(
      file, "os.environ.get(\r\n\t\"ALLOWED_HOSTS\", \"example.com\"\r\n).split(\",\")")
    let redirect = at(file, "True")
    let diagnostics = [
      Diagnostic(
        rule: "HC007", severity: .info,
        message:
          "ALLOWED_HOSTS comes from the environment variable ALLOWED_HOSTS; the health check can't be predicted",
        location: multiLine,
        help: "supply it: ebcheck check --env ALLOWED_HOSTS=example.com,172.31.0.0"),
      Diagnostic(
        rule: "HC002", severity: .error,
        message: "SECURE_SSL_REDIRECT answers the plain-HTTP health checker with 301",
        location: redirect,
        fix: Fix(
          title: "exempt the health path with SECURE_REDIRECT_EXEMPT", applicability: .unsafe,
          edits: [
            .insert(
              "SECURE_REDIRECT_EXEMPT = [r\"^health/$\"]\r\n", in: file.path,
              at: redirect.span.end + 2)
          ]),
        trace: Trace([
          TraceHop(step: "GET /health/", detail: "Host: 172.31.x.x"),
          TraceHop(
            step: "SecurityMiddleware", detail: "301 → https://172.31.x.x/health/",
            location: redirect),
          TraceHop(step: "matcher", detail: "200 ≠ 301 → unhealthy"),
        ])),
      Diagnostic(
        rule: "DJ004", severity: .warning,
        message:
          "SECURE_SSL_REDIRECT without SECURE_PROXY_SSL_HEADER loops behind the load balancer",
        location: at(file, "\"django.middleware.security.SecurityMiddleware\""),
        related: [RelatedLocation(at(file, "SECURE_SSL_REDIRECT = True"), "redirect enabled here")],
        fix: Fix(
          title: "set SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')",
          applicability: .display, edits: [])),
    ]
    let predictions = [
      HealthCheckPrediction(
        environment: EnvironmentHandle(index: 0, name: "web"), loadBalancer: .application,
        protocol: "HTTP", port: 80,
        path: "/health/", host: nil, matcher: "200", status: nil, healthy: nil,
        trace: Trace([
          TraceHop(
            step: "CommonMiddleware", detail: "ALLOWED_HOSTS is dynamic", location: multiLine)
        ])),
      HealthCheckPrediction(
        environment: EnvironmentHandle(index: 0, name: "web"), process: "admin",
        loadBalancer: .application, protocol: "HTTPS",
        port: 443, path: "/health/", host: "172.31.x.x", matcher: "200-299", status: 301,
        healthy: false, trace: Trace()),
      HealthCheckPrediction(
        environment: EnvironmentHandle(index: 0, name: "worker"), loadBalancer: .classic,
        protocol: "TCP", port: 80, path: nil,
        host: nil, matcher: nil, status: nil, healthy: true,
        trace: Trace([TraceHop(step: "TCP :80", detail: "nginx listens → healthy")])),
    ]
    return Case(
      name: "windows",
      result: LintResult(
        files: SourceFiles([file]), diagnostics: diagnostics, predictions: predictions),
      context: ReportContext())
  }()

  // MARK: clean: nothing to report, one healthy prediction.

  static let clean: Case = {
    let files = SourceFiles([
      SourceFile(path: "Procfile", text: "web: gunicorn app.wsgi --bind :8000\n"),
      SourceFile(path: "app/settings.py", text: "ALLOWED_HOSTS = ['.example.com']\n"),
      SourceFile(path: ".ebextensions/health.config", text: "option_settings: {}\n"),
    ])
    let prediction = HealthCheckPrediction(
      environment: EnvironmentHandle(index: 0, name: "app-prod"), loadBalancer: .application,
      protocol: "HTTP", port: 80,
      path: "/health/", host: "172.31.x.x", matcher: "200", status: 200, healthy: true,
      trace: Trace([
        TraceHop(step: "HealthCheckMiddleware", detail: "200 before host validation"),
        TraceHop(step: "matcher", detail: "200 → healthy"),
      ]))
    return Case(
      name: "clean",
      result: LintResult(files: files, diagnostics: [], predictions: [prediction]),
      context: ReportContext())
  }()

  // MARK: edge: escaping, odd paths, spans at line end and EOF, unknown rule, missing file.

  static let edgeFile = SourceFile(
    path: "설정/my settings,v2.py",
    text: "X = 'cafe\u{301}' \r # 🚀 lone CR\nY = 1\u{1}2\nZ = 3")

  /// A minified JSON `.ebextensions` file: one long line.
  static let minifiedConfig = SourceFile(
    path: ".ebextensions/01-min.config",
    text:
      "{\"option_settings\":{\"aws:elasticbeanstalk:application:environment\":{\"DJANGO_SETTINGS_MODULE\":\"mysite.settings\",\"LANG\":\"ko_KR.UTF-8\"},\"aws:elasticbeanstalk:environment:process:default\":{\"HealthCheckPath\":\"/\",\"HealthCheckTimeout\":\"30\",\"HealthCheckInterval\":\"15\",\"MatcherHTTPCode\":\"200\"}}}\n"
  )

  static let edge: Case = {
    let file = edgeFile
    let config = minifiedConfig
    let endOfLine = span(file, "\nY").start
    let diagnostics = [
      Diagnostic(
        rule: "P001", severity: .error,
        message: "invalid syntax: unexpected \"\\x01\" at 100% (line 2, col 6), stop\nsecond line",
        location: at(file, "\u{1}")),
      Diagnostic(
        rule: "Y001", severity: .error, message: "end of line: nothing here",
        location: Location(file: file.path, span: Span(at: endOfLine))),
      Diagnostic(
        rule: "HC007", severity: .info, message: "end of file",
        location: Location(file: file.path, span: Span(at: file.bytes.count))),
      Diagnostic(
        rule: "EB005", severity: .error, message: "Procfile app module 'app.wsgi' not found",
        location: Location(file: "Procfile", span: Span(0, 4)),
        related: [RelatedLocation(at(file, "'cafe\u{301}'"), "")],
        trace: Trace([
          TraceHop(
            step: "Procfile", detail: "", location: Location(file: "Procfile", span: Span(0, 4)))
        ])),
      Diagnostic(
        rule: "DJ002", severity: .warning, message: "rocket 🚀 after a lone CR",
        location: at(file, "lone CR")),
      Diagnostic(
        rule: "EB003", severity: .error,
        message: "HealthCheckTimeout (30) must be smaller than HealthCheckInterval (15) \u{1B}[2J",
        location: at(config, "\"HealthCheckTimeout\":\"30\""),
        related: [
          RelatedLocation(at(config, "\"HealthCheckInterval\":\"15\""), "interval set here")
        ]),
    ]
    return Case(
      name: "edge",
      result: LintResult(
        files: SourceFiles([file, config]), diagnostics: diagnostics, predictions: []),
      context: ReportContext(
        bases: PathBases(currentDirectory: "/tmp/my repo/edge", repositoryRoot: "/tmp/my repo")))
  }()
}
