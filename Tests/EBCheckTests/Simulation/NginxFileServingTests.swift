import EBCheckCore
import EBCheckFormats
import EBCheckModel
import EBCheckSimulation
import Testing

/// nginx serving files from a `root` inside the bundle: what the repository holds decides.
@Suite struct NginxFileServingTests {
  static let conf = ".platform/nginx/conf.d/elasticbeanstalk/02_app.conf"

  func route(_ conf: String, unread: Set<String>, path: String) -> NginxRoute {
    var files = SourceFiles([SourceFile(path: Self.conf, text: conf)])
    files.unreadFiles = unread
    return NginxConfiguration.load(from: files, env: [:]).route(
      path: path, host: "172.31.38.21", userAgent: "ELB-HealthChecker/2.0")
  }

  static let spa = """
    location /app/ {
        root /var/app/current/web;
        try_files $uri $uri/ /app/index.html;
    }

    """

  @Test func fallbackFileCommittedAnswers200() {
    let answer = route(Self.spa, unread: ["web/app/index.html"], path: "/app/health")
    guard case .respond(200, let location) = answer.outcome else {
      Issue.record("expected 200, got \(answer.outcome)")
      return
    }
    #expect(location.file == Self.conf)
    #expect(
      answer.decisions.contains { $0.detail.contains("try_files falls back to /app/index.html") })
  }

  @Test func fallbackFileMissingIsARedirectionCycle() {
    let answer = route(Self.spa, unread: [], path: "/app/health")
    guard case .respond(500, _) = answer.outcome else {
      Issue.record("expected the internal redirection cycle (500), got \(answer.outcome)")
      return
    }
  }

  @Test func folderWithoutIndexIs403() {
    let conf = "location /app/ {\n    root /var/app/current/web;\n    try_files $uri/ =404;\n}\n"
    let answer = route(conf, unread: ["web/app/main.js"], path: "/app/")
    #expect(answer.outcome == .respond(status: 403, location: answer.outcomeLocation))
  }

  @Test func tryFilesEqualsCodeWhenNothingMatches() {
    let conf = "location /app/ {\n    root /var/app/current/web;\n    try_files $uri =404;\n}\n"
    let answer = route(conf, unread: [], path: "/app/health")
    guard case .respond(404, _) = answer.outcome else {
      Issue.record("expected 404, got \(answer.outcome)")
      return
    }
  }

  @Test func rootOutsideTheBundleIsNotLookedUp() {
    let conf =
      "location /app/ {\n    root /usr/share/nginx/html;\n    try_files $uri /app/index.html;\n}\n"
    let answer = route(conf, unread: ["usr/share/nginx/html/app/index.html"], path: "/app/x")
    if case .respond(200, _) = answer.outcome { Issue.record("a root outside /var/app/current") }
  }
}

extension NginxRoute {
  fileprivate var outcomeLocation: Location {
    if case .respond(_, let location) = outcome { return location }
    return Location(file: "", span: Span(0, 0))
  }
}
