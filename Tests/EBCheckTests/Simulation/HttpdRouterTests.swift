import EBCheckCore
import EBCheckFormats
import EBCheckModel
import Testing

@testable import EBCheckSimulation

/// Apache httpd in front of the app. Each expectation is what real httpd 2.4 answered in the
/// e2e harness's layouts (Fixtures/expected/httpd-*, and the probes recorded in docs/facts.md).
@Suite struct HttpdRouterTests {
  static let proxy = HttpdRouter.Layout.proxy(upstream: 8000)
  static let modWSGI = HttpdRouter.Layout.modWSGI(script: "shop/wsgi.py")

  func route(_ conf: String, _ layout: HttpdRouter.Layout = proxy, path: String = "/health/")
    -> HttpdRouter.Outcome
  {
    var configuration = HttpdConfiguration()
    configuration.files = [HttpdParser.parse(bytes: Array(conf.utf8), path: "t.conf")]
    configuration.diagnostics = configuration.files.flatMap(\.diagnostics)
    return HttpdRouter(configuration: configuration, layout: layout).route(
      path: path, host: "172.31.38.21:80", userAgent: "ELB-HealthChecker/2.0"
    ).0
  }

  func host(_ outcome: HttpdRouter.Outcome) -> String? {
    if case .pass(let headers) = outcome { return headers["host"] }
    return nil
  }

  func status(_ outcome: HttpdRouter.Outcome) -> Int? {
    switch outcome {
    case .respond(let status, _), .redirect(let status, _, _): return status
    default: return nil
    }
  }

  func isUnknown(_ outcome: HttpdRouter.Outcome) -> Bool {
    if case .unknown = outcome { return true }
    return false
  }

  static let redirectRule = "RewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]\n"

  @Test func serverLevelRewriteRulesDoNotReachThePlatformVirtualHost() {
    let outcome = route(
      "RewriteEngine On\nRewriteCond %{HTTP:X-Forwarded-Proto} !https\n" + Self.redirectRule)
    #expect(host(outcome) == "172.31.38.21:80")
    #expect(host(route("RewriteEngine On\n" + Self.redirectRule, Self.modWSGI)) != nil)
  }

  @Test func perDirectoryRulesUseTheServerLevelEngine() {
    let inIf = route("RewriteEngine On\n<If \"true\">\n" + Self.redirectRule + "</If>\n")
    guard case .redirect(301, let target, _) = inIf else {
      Issue.record("expected a 301, got \(inIf)")
      return
    }
    #expect(target == "https://172.31.38.21:80/health/")
    #expect(
      status(route("RewriteEngine On\n<Location \"/\">\n" + Self.redirectRule + "</Location>\n"))
        == 301)
    // Without any RewriteEngine On the rules do not run.
    #expect(host(route("<Location \"/\">\n" + Self.redirectRule + "</Location>\n")) != nil)
  }

  @Test func theCheckerWithoutForwardedProtoIsExemptWhereTheRuleSaysSo() {
    let amazonSample = """
      RewriteEngine On
      <If "-n '%{HTTP:X-Forwarded-Proto}' && %{HTTP:X-Forwarded-Proto} != 'https'">
      RewriteRule (.*) https://%{HTTP_HOST}%{REQUEST_URI} [R,L]
      </If>

      """
    #expect(host(route(amazonSample)) != nil)
    let userAgent = """
      <Location "/">
        RewriteEngine On
        RewriteCond %{HTTP_USER_AGENT} !^ELB-HealthChecker
        RewriteCond %{HTTP:X-Forwarded-Proto} !https
        \(Self.redirectRule)</Location>

      """
    #expect(host(route(userAgent)) != nil)
  }

  @Test func perDirectoryPatternsMatchTheProxiedURLNotThePath() {
    let anchored =
      "<Location \"/health/\">\nRewriteEngine On\nRewriteRule ^health/$ https://x.example/ [R=301,L]\n</Location>\n"
    #expect(host(route(anchored)) != nil)
    #expect(host(route(anchored, Self.modWSGI)) != nil)
    // In a <Directory> under mod_wsgi: the script path (relative to the folder) + path info.
    let directory =
      "<Directory \"/opt/python/current/app\">\nRewriteEngine On\nRewriteRule ^shop/wsgi.py/health/$ https://x.example/ [R=301,L]\n</Directory>\n"
    #expect(status(route(directory, Self.modWSGI)) == 301)
    // Behind ProxyPass a <Directory> does not apply.
    #expect(host(route(directory)) != nil)
  }

  @Test func hostRewrittenForTheChecker() {
    let byAgent = """
      SetEnvIfNoCase User-Agent "^ELB-HealthChecker" ELB_HEALTH_CHECK
      RequestHeader set Host "shop.example.com" env=ELB_HEALTH_CHECK

      """
    #expect(host(route(byAgent)) == "shop.example.com")
    #expect(host(route(byAgent.replacingOccurrences("^ELB", "^Pingdom"))) == "172.31.38.21:80")
    let byLocation =
      "<Location \"/health/\">\n  RequestHeader set HOST \"shop.example.com\"\n</Location>\n"
    #expect(host(route(byLocation, Self.modWSGI)) == "shop.example.com")
    #expect(host(route(byLocation, Self.modWSGI, path: "/")) == "172.31.38.21:80")
    let byIf =
      "<If \"req('User-Agent') == 'ELB-HealthChecker/2.0' && %{REQUEST_URI} == '/health/'\">\nRequestHeader set Host \"shop.example.com\"\n</If>\n"
    #expect(host(route(byIf)) == "shop.example.com")
  }

  @Test func redirectDirectives() {
    // ProxyPass / takes the URL before mod_alias; under mod_wsgi the Redirect applies.
    let serverLevel = "Redirect 301 /health https://d.example/\n"
    #expect(host(route(serverLevel)) != nil)
    guard case .redirect(301, let target, _) = route(serverLevel, Self.modWSGI) else {
      Issue.record("expected a 301 under mod_wsgi")
      return
    }
    #expect(target == "https://d.example//")
    let inLocation =
      "<Location \"/health/\">\nRedirect 301 /health https://e.example/\n</Location>\n"
    #expect(status(route(inLocation)) == 301)
    #expect(host(route("Redirect 301 /healthz https://d.example/\n", Self.modWSGI)) != nil)
  }

  @Test func accessControl() {
    // The platform's <Directory app/> grants all and is more specific than <Directory />.
    #expect(host(route("<Directory />\nRequire all denied\n</Directory>\n", Self.modWSGI)) != nil)
    #expect(status(route("<Location \"/\">\nRequire all denied\n</Location>\n")) == 403)
    #expect(
      isUnknown(
        route("<Directory />\nOrder Deny,Allow\nDeny from All\n</Directory>\n", Self.modWSGI)))
  }

  @Test func whatIsNotSimulatedIsUnknown() {
    #expect(isUnknown(route("<If \"true\">\nRequestHeader set Host \"${APP_HOST}\"\n</If>\n")))
    #expect(isUnknown(route("<VirtualHost *:80>\nServerName shop.example.com\n</VirtualHost>\n")))
    #expect(
      host(route("<VirtualHost *:443>\nServerName shop.example.com\n</VirtualHost>\n")) != nil)
    #expect(isUnknown(route("ProxyPass /health/ !\n")))
    #expect(isUnknown(route("RewriteOptions InheritDown\nRewriteEngine On\n" + Self.redirectRule)))
    #expect(host(route("Alias /health/ /var/app/current/static/\n")) != nil)
    #expect(isUnknown(route("<If \"-ipmatch '10.0.0.0/8'\">\n</If>\n")))
    #expect(isUnknown(route("SomeModuleDirective on\n")))
    #expect(host(route("Header always set X-Frame-Options DENY\nTimeout 60\n")) != nil)
  }

  @Test func aRefusedConfigurationAppliesNothing() {
    #expect(host(route("<Location \"/\">\nRequire all denied\n")) != nil)
  }
}
