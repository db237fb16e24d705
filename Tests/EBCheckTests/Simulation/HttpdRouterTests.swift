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
    // mod_access_compat is not lifted by the platform's Require (probed: 403).
    #expect(
      status(route("<Directory />\nOrder Deny,Allow\nDeny from All\n</Directory>\n", Self.modWSGI))
        == 403)
  }

  @Test func accessCompatOrderAllowDeny() {
    let agent = "SetEnvIf User-Agent ^ELB-HealthChecker/ lb\n"
    #expect(status(route("<Location />\nOrder allow,deny\n</Location>\n")) == 403)
    #expect(host(route("<Location />\nOrder allow,deny\nAllow from all\n</Location>\n")) != nil)
    #expect(status(route("<Location />\nDeny from all\n</Location>\n")) == 403)
    #expect(
      host(
        route(
          agent + "<Location />\nOrder deny,allow\nDeny from all\nAllow from env=lb\n</Location>\n")
      )
        != nil)
    #expect(
      status(
        route(agent + "<Location />\nOrder allow,deny\nAllow from env=!lb\n</Location>\n")) == 403)
    // The load balancer node's address is not known.
    #expect(
      isUnknown(
        route("<Location />\nOrder deny,allow\nDeny from all\nAllow from 10.0.0.0/8\n</Location>\n")
      ))
    // ...unless the answer does not depend on it.
    #expect(
      host(
        route("<Location />\nOrder deny,allow\nDeny from 192.0.2.1\nAllow from all\n</Location>\n"))
        != nil)
    // Both modules must grant (Satisfy All): Require all granted does not lift Deny.
    #expect(
      status(
        route("<Location />\nOrder deny,allow\nDeny from all\nRequire all granted\n</Location>\n"))
        == 403)
    #expect(isUnknown(route("<Location />\nSatisfy Any\nDeny from all\n</Location>\n")))
  }

  @Test func requireProviders() {
    #expect(status(route("<Location />\nRequire env known\n</Location>\n")) == 403)
    #expect(
      host(route("BrowserMatch ^ELB- known\n<Location />\nRequire env known\n</Location>\n")) != nil
    )
    #expect(host(route("<Location />\nRequire method GET HEAD\n</Location>\n")) != nil)
    #expect(status(route("<Location />\nRequire method POST\n</Location>\n")) == 403)
    // Several lines: any one grants.
    #expect(
      host(route("<Location />\nRequire env known\nRequire all granted\n</Location>\n")) != nil)
    #expect(isUnknown(route("<Location />\nRequire ip 10.0.0.0/8\n</Location>\n")))
    #expect(
      status(route("<Location />\nRequire expr %{HTTP_USER_AGENT} =~ /Mozilla/\n</Location>\n"))
        == 403)
    // Outside a per-directory section configtest refuses Require: nothing applies.
    var outside = HttpdConfiguration()
    outside.files = [HttpdParser.parse(bytes: Array("Require all denied\n".utf8), path: "t.conf")]
    #expect(outside.files[0].diagnostics.count == 1)
    #expect(host(route("Require all denied\n")) != nil)
  }

  @Test func virtualHostSelection() {
    let named =
      "<VirtualHost *:80>\nServerName www.shop.example.com\nRedirect permanent / https://shop.example.com/\n</VirtualHost>\n"
    // The platform's virtual host is first for *:80 and no name matches the private IP.
    #expect(host(route(named)) != nil)
    // A name matching every Host takes the checker.
    #expect(
      isUnknown(
        route("<VirtualHost *:80>\nServerName a.example.com\nServerAlias *\n</VirtualHost>\n")))
    #expect(
      isUnknown(route("<VirtualHost 10.0.0.5:80>\nServerName a.example.com\n</VirtualHost>\n")))
    // On the Amazon Linux AMI a conf.d file sorting before wsgi.conf is read first.
    var configuration = HttpdConfiguration()
    configuration.files = [HttpdParser.parse(bytes: Array(named.utf8), path: "00.conf")]
    configuration.readBeforePlatformHost = [0]
    let (first, _) = HttpdRouter(configuration: configuration, layout: Self.modWSGI).route(
      path: "/health/", host: "172.31.38.21:80", userAgent: "ELB-HealthChecker/2.0")
    #expect(isUnknown(first))
  }

  @Test func rewriteProxyFlag() {
    let rule = { (target: String) in
      "RewriteEngine On\n<Location /health/>\nRewriteRule ^ \(target) [P]\n</Location>\n"
    }
    guard
      case .passRewritten(let path, let headers) = route(rule("http://127.0.0.1:8000/api/status/"))
    else {
      Issue.record("expected the app to get the rewritten path")
      return
    }
    #expect(path == "/api/status/")
    #expect(headers["host"] == "172.31.38.21:80")
    #expect(isUnknown(route(rule("http://127.0.0.1:9000/status/"))))
    #expect(isUnknown(route(rule("http://backend.internal/status/"))))
    #expect(isUnknown(route(rule("http://127.0.0.1:8000/api/status/"), Self.modWSGI)))
  }

  @Test func whatIsNotSimulatedIsUnknown() {
    #expect(isUnknown(route("<If \"true\">\nRequestHeader set Host \"${APP_HOST}\"\n</If>\n")))
    #expect(host(route("<VirtualHost *:80>\nServerName shop.example.com\n</VirtualHost>\n")) != nil)
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
