import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckSimulation
import Testing

/// The simulator on hand-built models, independent of the readers.
@Suite struct SimulationTests {
  struct Routes: URLResolver {
    var views: [String: ResolvedView]
    func resolve(_ path: String) -> URLResolution {
      views[path].map { .view($0) } ?? .notFound(urlconf: nil)
    }
  }

  static let settings = Location(file: "mysite/settings.py", span: Span(10, 20))

  static func middleware(_ kinds: [(String, MiddlewareKind)]) -> Fact<[MiddlewareEntry]> {
    .known(Sourced(kinds.map { MiddlewareEntry(path: $0.0, location: nil, kind: $0.1) }))
  }

  static let standard = middleware([
    ("django.middleware.security.SecurityMiddleware", .security),
    ("django.middleware.common.CommonMiddleware", .common),
  ])

  static func app(
    hosts: [HostEntry], middleware: Fact<[MiddlewareEntry]> = standard,
    configure: (inout DjangoApp) -> Void = { _ in }
  ) -> DjangoApp {
    var app = DjangoApp(
      settingsFile: "mysite/settings.py",
      allowedHosts: .known(Sourced(hosts, at: settings)), middleware: middleware,
      urls: Routes(views: ["health/": ResolvedView(name: "health", location: nil)]))
    configure(&app)
    return app
  }

  static func predict(_ app: DjangoApp, path: String = "/health/", matcher: String = "200")
    -> HealthCheckPrediction
  {
    let check = ProcessCheck(
      name: "default", protocolName: .defaulted("HTTP", "default"), port: .defaulted(80, "default"),
      path: Sourced(path), matcher: Sourced(matcher))
    let environment = Environment(
      name: "default", loadBalancer: .defaulted(.application, "default"), processes: [check],
      appServer: AppServer(kind: "gunicorn", port: .defaulted(8000, "default"), module: nil),
      upstreamPort: .defaulted(8000, "default"), django: app)
    return HealthCheckSimulator(
      environment: environment, handle: EnvironmentHandle(index: 0, name: environment.name)
    ).predictAll()[0]
  }

  @Test func seedHostIsRejected() {
    let prediction = Self.predict(
      Self.app(hosts: [.pattern("localhost", at: nil), .pattern("127.0.0.1", at: nil)]))
    #expect(prediction.status == 400)
    #expect(prediction.healthy == false)
    guard case .hostRejected(let rejection) = prediction.verdict else {
      Issue.record("expected a host rejection, got \(prediction.verdict)")
      return
    }
    #expect(rejection.caller.shortName == "CommonMiddleware")
    #expect(rejection.allowedHosts == Self.settings)
  }

  @Test func wildcardAndTokenLookupsPass() {
    #expect(Self.predict(Self.app(hosts: [.pattern("*", at: nil)])).status == 200)
    #expect(Self.predict(Self.app(hosts: [.instanceIP(.imdsWithToken, at: nil)])).status == 200)
    #expect(Self.predict(Self.app(hosts: [.instanceIP(.imdsWithoutToken, at: nil)])).status == 400)
  }

  @Test func healthMiddlewareFirstAnswersBeforeHostCheck() {
    let first = Self.middleware([
      (
        "mysite.health.HealthCheckMiddleware",
        .healthResponder(paths: ["/health/"], prefix: false, status: 200)
      ),
      ("django.middleware.common.CommonMiddleware", .common),
    ])
    #expect(Self.predict(Self.app(hosts: [], middleware: first)).status == 200)
    let late = Self.middleware([
      ("django.middleware.common.CommonMiddleware", .common),
      (
        "mysite.health.HealthCheckMiddleware",
        .healthResponder(paths: ["/health/"], prefix: false, status: 200)
      ),
    ])
    #expect(Self.predict(Self.app(hosts: [], middleware: late)).status == 400)
  }

  @Test func sslRedirectHonoursExemptionWithoutLeadingSlash() {
    let redirecting = Self.app(hosts: [.pattern("*", at: nil)]) {
      $0.secureSSLRedirect = .known(Sourced(true))
    }
    #expect(Self.predict(redirecting).status == 301)
    var exempt = redirecting
    exempt.secureRedirectExempt = .known(Sourced([#"^health/$"#]))
    #expect(Self.predict(exempt).status == 200)
    var wrong = redirecting
    wrong.secureRedirectExempt = .known(Sourced([#"^/health/$"#]))
    #expect(Self.predict(wrong).status == 301)
    let rejected = Self.app(hosts: []) { $0.secureSSLRedirect = .known(Sourced(true)) }
    #expect(Self.predict(rejected).status == 400)
  }

  @Test func slashWwwNotFoundAndMatcher() {
    let app = Self.app(hosts: [.pattern("*", at: nil)])
    #expect(Self.predict(app, path: "/health").status == 301)
    #expect(Self.predict(app, path: "/missing/").status == 404)
    let wide = Self.predict(Self.app(hosts: []), matcher: "200-499")
    #expect(wide.status == 400 && wide.healthy == true)
    let www = Self.app(hosts: [.pattern("*", at: nil)]) { $0.prependWWW = .known(Sourced(true)) }
    #expect(Self.predict(www).status == 301)
  }

  @Test func hostsFromTheEnvironmentRejectTheInstanceForEveryValueButTheWildcard() {
    let fromEnvironment = HostEntry.unknown(Unverifiable("env", variables: ["ALLOWED_HOSTS"]))
    let prediction = Self.predict(Self.app(hosts: [fromEnvironment]))
    #expect(prediction.status == 400 && prediction.healthy == false)
    guard case .hostRejected(let rejection) = prediction.verdict else {
      Issue.record("expected a host rejection, got \(prediction.verdict)")
      return
    }
    #expect(rejection.unlessWildcardIn == ["ALLOWED_HOSTS"])
    #expect(Self.predict(Self.app(hosts: [fromEnvironment, .pattern("*", at: nil)])).status == 200)
    // A value read from a file or the network could be anything: that stays unverifiable.
    let unreadable = HostEntry.unknown(Unverifiable("open('hosts.txt').read()"))
    let unknown = Self.predict(Self.app(hosts: [unreadable]))
    #expect(unknown.status == nil && unknown.healthy == nil)
  }

  @Test func debugWithEmptyHostsStillRejectsTheInstanceIP() {
    let app = Self.app(hosts: []) { $0.debug = .known(Sourced(true)) }
    #expect(Self.predict(app).status == 400)
  }
}
