import EBCheck
import EBCheckCore
import EBCheckFormats
import EBCheckModel
import EBCheckSimulation
import Testing

@Suite struct NginxTests {
  static let checker = "ELB-HealthChecker/2.0"
  static let ip = "172.31.38.21:80"

  func load(_ files: [String: String], env: [String: String] = [:]) -> NginxConfiguration {
    NginxConfiguration.load(
      from: SourceFiles(files.map { SourceFile(path: $0.key, text: $0.value) }), env: env)
  }

  func check(_ config: NginxConfiguration, _ path: String, headers: [String: String] = [:])
    -> NginxRoute
  {
    config.route(path: path, host: Self.ip, userAgent: Self.checker, headers: headers)
  }

  @Test func defaultProxiesToGunicornWithHostWithoutPort() {
    let route = check(load([:]), "/health/")
    #expect(route.outcome == .proxy(port: 8000, hostHeader: "172.31.38.21", location: nil))
    #expect(route.decisions.first?.detail.contains("Beanstalk default") == true)
    let ported = check(load([:], env: ["PORT": "5000"]), "/")
    #expect(ported.outcome == .proxy(port: 5000, hostHeader: "172.31.38.21", location: nil))
  }

  @Test func healthReturnInBeanstalkIncludeAnswersFirst() {
    let path = ".platform/nginx/conf.d/elasticbeanstalk/health.conf"
    let config = load([path: "# health\nlocation = /health/ {\n    return 200 'ok';\n}\n"])
    let route = check(config, "/health/")
    guard case .respond(200, let location) = route.outcome else {
      Issue.record("expected return 200, got \(route.outcome)")
      return
    }
    #expect(location.file == path)
    #expect(
      route.decisions.contains { $0.detail == "location = /health/ matches /health/ at \(path):2" })
    #expect(route.decisions.last?.detail == "return 200 at \(path):3")
    // Other paths still reach Django.
    if case .proxy(8000, _, _) = check(config, "/").outcome {} else { Issue.record("/ must proxy") }
    // An exact location does not match a longer path.
    if case .proxy = check(config, "/health/x").outcome {} else { Issue.record("exact only") }
  }

  @Test func locationMatchingOrder() {
    let conf = """
      location / { return 200 'prefix /'; }
      location /health { return 201; }
      location /health/deep { return 202; }
      location ^~ /static/ { return 203; }
      location ~ ^/health/d { return 204; }
      location ~* \\.PNG$ { return 205; }
      location ~ \\.png$ { return 206; }
      location = /health/deep { return 207; }
      location /api/ {
          location ~ ^/api/v1/ { return 208; }
          location /api/internal/ { return 209; }
      }
      location ~ ^/api/ { return 210; }
      """
    let config = load([".platform/nginx/conf.d/elasticbeanstalk/00_application.conf": conf])
    func status(_ path: String) -> Int? {
      if case .respond(let code, _) = check(config, path).outcome { return code }
      return nil
    }
    #expect(status("/") == 200)
    #expect(status("/healthz") == 201)  // prefix without slash matches longer names
    #expect(status("/health/deep") == 207)  // exact beats everything
    #expect(status("/health/deeper") == 204)  // regex beats the longest prefix
    #expect(status("/health/x") == 201)
    #expect(status("/static/logo.png") == 203)  // ^~ stops regex search
    #expect(status("/img/logo.png") == 205)  // first regex in order, case-insensitive
    #expect(status("/api/v1/x") == 208)  // nested regex inside the matched prefix first
    #expect(status("/api/internal/x") == 210)  // nested prefix, then outer regexes
    #expect(status("/api/other") == 210)
  }

  @Test func userAgentHostRewrite() throws {
    let text = try fixture("server-ua-host-rewrite.conf")
    let config = load([".platform/nginx/conf.d/elasticbeanstalk/00_application.conf": text])
    let health = check(config, "/")
    #expect(health.outcome.hostHeader == "www.example.com")
    #expect(
      health.decisions.contains {
        $0.detail.hasPrefix("if ($http_user_agent ~* ELB-HealthChecker) is true")
      })
    let browser = config.route(path: "/", host: "Example.COM:443", userAgent: "Mozilla/5.0")
    #expect(browser.outcome.hostHeader == "example.com")
  }

  @Test func httpsRedirectWithHealthExemption() throws {
    let text = try fixture("server-https-redirect.conf")
    let config = load([".platform/nginx/conf.d/elasticbeanstalk/https.conf": text])
    #expect(check(config, "/health/").outcome.hostHeader == "172.31.38.21")
    let browser = config.route(
      path: "/a?b=1", host: "example.com", userAgent: "Mozilla/5.0",
      headers: ["X-Forwarded-Proto": "http"])
    guard case .redirect(301, let target, _) = browser.outcome else {
      Issue.record("browser must be redirected, got \(browser.outcome)")
      return
    }
    #expect(target == "https://example.com/a?b=1")
    // Without the exemption the checker is redirected too.
    let strict = load([
      ".platform/nginx/conf.d/elasticbeanstalk/https.conf":
        "if ($http_x_forwarded_proto != \"https\") {\n  return 301 https://$host$request_uri;\n}\n"
    ])
    if case .redirect(301, "https://172.31.38.21/health/", _) = check(strict, "/health/").outcome {
    } else {
      Issue.record("the checker sends no X-Forwarded-Proto: redirected")
    }
  }

  @Test func replacedMainConfWithAndWithoutBeanstalkInclude() throws {
    let kept = load([
      ".platform/nginx/nginx.conf": try fixture("main-nginx.conf"),
      ".platform/nginx/conf.d/elasticbeanstalk/x.conf": "location /x { return 204; }\n",
    ])
    #expect(kept.replacesMainConf && kept.includesBeanstalkConfs && kept.unusedFiles.isEmpty)
    if case .respond(200, _) = check(kept, "/health/").outcome {
    } else {
      Issue.record("return 200")
    }
    if case .respond(204, _) = check(kept, "/x").outcome {} else { Issue.record("include kept") }
    #expect(
      check(kept, "/").outcome == .proxy(port: 8000, hostHeader: "172.31.38.21", location: nil))

    let dropped = load([
      ".platform/nginx/nginx.conf": try fixture("main-nginx-no-include.conf"),
      ".platform/nginx/conf.d/elasticbeanstalk/health.conf":
        "location = /health/ { return 200; }\n",
    ])
    #expect(!dropped.includesBeanstalkConfs)
    #expect(dropped.unusedFiles == [".platform/nginx/conf.d/elasticbeanstalk/health.conf"])
    guard case .proxy(5000, "127.0.0.1:5000", let location) = check(dropped, "/health/").outcome
    else {
      Issue.record("no Host header set: nginx sends $proxy_host")
      return
    }
    #expect(location?.file == ".platform/nginx/nginx.conf")
  }

  @Test func mapDefinesHostFromUserAgent() {
    let config = load([
      ".platform/nginx/conf.d/elb_host.conf":
        "map $http_user_agent $django_host {\n  default $host;\n  \"~^ELB-HealthChecker/\" www.example.com;\n}\n",
      ".platform/nginx/conf.d/elasticbeanstalk/00_application.conf":
        "location / {\n  proxy_pass http://127.0.0.1:8000;\n  proxy_set_header Host $django_host;\n}\n",
    ])
    #expect(config.maps["django_host"] != nil)
    #expect(check(config, "/health/").outcome.hostHeader == "www.example.com")
    let browser = config.route(path: "/", host: "shop.example.com", userAgent: "Mozilla/5.0")
    #expect(browser.outcome.hostHeader == "shop.example.com")
  }

  @Test func upstreamHeadersTheAppReceives() throws {
    let conf = """
      location / {
          proxy_pass http://127.0.0.1:8000;
          proxy_set_header Host $host;
          proxy_set_header X-Forwarded-Proto https;
          proxy_set_header X-Real-IP "";
      }
      """
    let config = load([".platform/nginx/conf.d/elasticbeanstalk/00_application.conf": conf])
    let route = check(config, "/health/", headers: ["X-Real-IP": "1.2.3.4", "Accept": "*/*"])
    #expect(route.upstreamHeaders["x-forwarded-proto"] == "https")
    #expect(route.upstreamHeaders["x-real-ip"] == nil)
    #expect(route.upstreamHeaders["accept"] == "*/*")
    #expect(route.upstreamHeaders["user-agent"] == Self.checker)
    #expect(route.upstreamHeaders["host"] == "172.31.38.21")
    // Beanstalk's default sets no X-Forwarded-Proto, and the checker sends none.
    let plain = check(load([:]), "/")
    #expect(plain.upstreamHeaders["x-forwarded-proto"] == nil)
    #expect(plain.upstreamHeaders["x-real-ip"] == "10.0.0.2")
    // nginx answering by itself sends nothing upstream.
    let health = load([
      ".platform/nginx/conf.d/elasticbeanstalk/h.conf": "location = /h { return 200; }\n"
    ])
    #expect(check(health, "/h").upstreamHeaders.isEmpty)
  }

  @Test func upstreamsAndProxyHostHeaders() {
    let config = load([
      ".platform/nginx/conf.d/upstream.conf":
        "upstream django {\n  server 127.0.0.1:8001;\n}\nproxy_set_header Host $http_host;\n",
      ".platform/nginx/conf.d/elasticbeanstalk/00_application.conf":
        "location / { proxy_pass http://django; }\nlocation /sock/ { proxy_pass http://unix:/run/app.sock:; }\n",
    ])
    // http-level proxy_set_header is inherited: $http_host keeps the port.
    #expect(check(config, "/").outcome.hostHeader == Self.ip)
    if case .proxy(8001, _, _) = check(config, "/").outcome {
    } else {
      Issue.record("upstream port")
    }
    if case .unresolvedProxy(let target, _, _, _) = check(config, "/sock/").outcome {
      #expect(target == "http://unix:/run/app.sock:")
    } else {
      Issue.record("unix socket is unresolved")
    }
  }

  @Test func upstreamProxyIsLocatedAtItsServerLine() {
    let upstream = ".platform/nginx/conf.d/upstream.conf"
    let config = load([
      upstream: "upstream app {\n    server 127.0.0.1:8001;\n}\n",
      ".platform/nginx/conf.d/elasticbeanstalk/10_health.conf":
        "location /health/ {\n    proxy_pass http://app;\n}\n",
    ])
    guard case .proxy(8001, _, let location?) = check(config, "/health/").outcome else {
      Issue.record("expected the upstream's port with its server line")
      return
    }
    #expect(location.file == upstream)
    #expect(config.upstreamServers["app"]?.values.first == "127.0.0.1:8001")
  }

  @Test func duplicateLocationIsRefused() {
    let beside = load([
      ".platform/nginx/conf.d/elasticbeanstalk/app.conf": "location / {\n    return 200;\n}\n"
    ])
    #expect(beside.refusals.count == 1)
    #expect(beside.diagnostics.first?.message.contains("duplicate location \"/\"") == true)
    // The repository's files do not apply: the platform's location / proxies.
    #expect(check(beside, "/").outcome.hostHeader == "172.31.38.21")
    let replacing = load([
      ".platform/nginx/conf.d/elasticbeanstalk/00_application.conf":
        "location / {\n    return 200;\n}\nlocation = /health/ {\n    return 204;\n}\nlocation ~ ^/a {\n    return 200;\n}\nlocation ~ ^/a {\n    return 201;\n}\n"
    ])
    #expect(replacing.refusals.isEmpty)
  }

  @Test func userConfdServerOnPort80ComesFirst() {
    // conf.d/*.conf is included before the platform server: its server is the default one.
    let config = load([
      ".platform/nginx/conf.d/redirect.conf":
        "server {\n  listen 80;\n  server_name www.example.com;\n  return 301 https://www.example.com$request_uri;\n}\n"
    ])
    #expect(
      check(config, "/").outcome == .proxy(port: 8000, hostHeader: "172.31.38.21", location: nil))
    let named = config.route(path: "/", host: "www.example.com", userAgent: "x")
    if case .redirect(301, _, _) = named.outcome {} else { Issue.record("named server answers") }
  }

  @Test func rewritesAndReturns() throws {
    let config = load([
      ".platform/nginx/conf.d/elasticbeanstalk/q.conf": try fixture("server-quotes-escapes.conf")
    ])
    if case .respond(418, _) = check(config, "/teapot").outcome {} else { Issue.record("418") }
    if case .redirect(301, "http://172.31.38.21/new/a/b", _) = check(config, "/legacy/a/b").outcome
    {
    } else {
      Issue.record("permanent rewrite: \(check(config, "/legacy/a/b").outcome)")
    }
    if case .redirect(302, "https://www.example.com/old/x?y=1", _) = check(config, "/old/x?y=1")
      .outcome
    {
    } else {
      Issue.record("redirect rewrite with $request_uri?: \(check(config, "/old/x?y=1").outcome)")
    }
    if case .redirect(301, "http://172.31.38.21/new/a?k=v", _) = check(config, "/legacy/a?k=v")
      .outcome
    {
    } else {
      Issue.record("rewrite keeps the query string")
    }
    let internalRewrite = load([
      ".platform/nginx/conf.d/elasticbeanstalk/r.conf":
        "location = /healthz { rewrite ^ /health/ last; }\nlocation = /health/ { return 200; }\n"
    ])
    let route = check(internalRewrite, "/healthz")
    if case .respond(200, _) = route.outcome {} else { Issue.record("rewrite last re-searches") }
    #expect(route.uri == "/health/")
  }

  @Test func parseErrorsAreDiagnosticsWithSpans() {
    let path = ".platform/nginx/conf.d/bad.conf"
    let config = load([path: "gzip on;\nlocation / {\n  return 200 \"ok\"x;\n}\n"])
    let diagnostic = config.diagnostics.first
    #expect(diagnostic?.rule == "NG001")
    #expect(diagnostic?.severity == .error)
    #expect(diagnostic?.message.contains("cannot parse nginx conf") == true)
    let file = SourceFile(path: path, text: "gzip on;\nlocation / {\n  return 200 \"ok\"x;\n}\n")
    #expect(
      diagnostic.map { file.location(of: $0.location.span.start) }
        == LineColumn(line: 3, column: 18))
  }

  @Test func tokenizerDetails() {
    let text = "a \"q \\\" x\" 'it\\'s' b}c ${host}x # note ☕\r\nd;\n"
    let parsed = NginxParser.parse(bytes: Array(("x " + text).utf8), path: "t.conf")
    #expect(parsed.diagnostics.isEmpty)
    let directive = parsed.directives.first
    #expect(directive?.values == ["a", "q \" x", "it's", "b}c", "${host}x", "d"])
    #expect(directive?.arguments[1].quoted == true)
    // CRLF and multibyte comments keep spans right.
    let file = SourceFile(path: "t.conf", text: "# ☕ café\r\nlisten 80;\r\n")
    let listen = NginxParser.parse(file).directives.first
    #expect(listen.map { file.location(of: $0.nameSpan.start) } == LineColumn(line: 2, column: 1))
    #expect(listen.map { file.text($0.span) } == "listen 80;")
  }

  @Test func regexSubset() throws {
    let ua = try NginxRegex("ELB-HealthChecker", caseInsensitive: true)
    #expect(ua.matches("elb-healthchecker/2.0"))
    #expect(!(try NginxRegex("ELB-HealthChecker")).matches("elb-healthchecker/2.0"))
    #expect(try NginxRegex("^ELB-.*/2\\.0$").matches(Self.checker))
    #expect(try NginxRegex("(?:Pingdom|ELB-Health)").matches(Self.checker))
    #expect(!(try NginxRegex("^(Pingdom|curl)")).matches(Self.checker))
    #expect(try NginxRegex("[A-Z]{3}-[a-zA-Z]+/[0-9.]+").matches(Self.checker))
    #expect(try NginxRegex("^/api/v(\\d+)/").firstMatch(in: "/api/v12/x")?[1] == "12")
    #expect(try NginxRegex("a+?b").firstMatch(in: "xaab")?[0] == "aab")
    #expect(try NginxRegex("[^/]+$").firstMatch(in: "/a/bc")?[0] == "bc")
    #expect(throws: NginxRegex.ParseError.self) { try NginxRegex("(a") }
    // Exponential patterns stop at the step budget instead of hanging.
    let evil = try NginxRegex("^(a+)+$")
    #expect(!evil.matches(String(repeating: "a", count: 40) + "b"))
  }

  func fixture(_ name: String) throws -> String {
    let path = NginxDifferentialTests.fixtures + "/" + name
    let file = try #require(FileHandleReader.read(path))
    return file
  }
}

extension NginxOutcome {
  var hostHeader: String? {
    switch self {
    case .proxy(_, let host, _), .unresolvedProxy(_, _, let host, _): host
    default: nil
    }
  }
}

enum FileHandleReader {
  static func read(_ path: String) -> String? {
    guard case .bytes(let bytes) = Discovery.readFile(path, limit: 1 << 20) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }
}
