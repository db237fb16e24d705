import EBCheckCore

/// The health check of one Beanstalk process, each value with its source.
public struct ProcessCheck: Sendable, Hashable {
  public var name: String
  /// `HTTP`, `HTTPS` or `TCP`.
  public var protocolName: Sourced<String>
  /// The instance port the load balancer sends the check to (nginx's 80 by default).
  public var port: Sourced<Int>
  public var path: Sourced<String>
  public var matcher: Sourced<String>
  /// The option that decides the path (`HealthCheckPath`, a classic `Application Healthcheck
  /// URL` or `Target`), set or not: what a fix edits to check another path.
  public var pathOption: EffectiveOption?
  /// Settings of this check computed at deploy time (CloudFormation functions).
  public var unverifiable: [Unverifiable] = []

  public init(
    name: String, protocolName: Sourced<String>, port: Sourced<Int>, path: Sourced<String>,
    matcher: Sourced<String>
  ) {
    self.name = name
    self.protocolName = protocolName
    self.port = port
    self.path = path
    self.matcher = matcher
  }
}

/// The app server behind nginx.
public struct AppServer: Sendable, Hashable {
  /// `gunicorn`, `uwsgi`, `daphne`, `uvicorn`, `runserver`.
  public var kind: String
  /// The port it binds, nil when it listens on a unix socket or cannot be known.
  public var port: Sourced<Int>?
  /// The WSGI/ASGI module it serves, e.g. `mysite.wsgi`.
  public var module: Sourced<String>?
  /// The module is not in the repository, so the server cannot load the app.
  public var moduleMissing: Bool
  /// `port`'s location is exactly the port digits (a fix may rewrite them).
  public var portIsEditable = true
  /// Why the port cannot be known, when `port` is nil for a reason worth saying.
  public var portUnknownReason: String?
  /// In a container: the loopback address the server binds, which the platform's proxy
  /// (connecting to the container's own address) cannot reach.
  public var containerLoopback: Sourced<String>?
  /// In a container whose command ebcheck does not read: why (said in the trace).
  public var containerCommandUnknown: String?
  /// Multi-container Docker whose definition leaves nothing listening on port 80: why.
  public var containerNotListening: Sourced<String>?
  /// When `moduleMissing`: the file holding the module that the server cannot import from
  /// its working directory (`SoftGAC/SoftGAC/wsgi.py` for `SoftGAC.wsgi` from the bundle root).
  public var moduleFoundOnlyAt: String?

  public init(
    kind: String, port: Sourced<Int>?, module: Sourced<String>?, moduleMissing: Bool = false
  ) {
    self.kind = kind
    self.port = port
    self.module = module
    self.moduleMissing = moduleMissing
  }
}

/// One deployable unit: load balancer, processes, proxy, app server and the Django app.
public struct Environment: Sendable {
  public var name: String
  public var loadBalancer: Sourced<LoadBalancerType>
  public var processes: [ProcessCheck]
  public var appServer: AppServer
  /// The port nginx proxies to (`PORT` or 8000).
  public var upstreamPort: Sourced<Int>
  /// The platform's nginx with the repository's `.platform/nginx` files.
  public var nginx: NginxConfiguration
  /// The repository's Apache httpd files, when Apache fronts the app.
  public var httpd = HttpdConfiguration()
  public var django: DjangoApp?
  /// The app under each value of an environment variable the settings branch on and nothing
  /// sets (`django` is the app with all of them unset).
  public var djangoScenarios: [DjangoScenario] = []
  public var settingsModule: Fact<String>?
  public var imdsV1Disabled: Sourced<Bool>
  /// The platform: operating-system generation, runtime, proxy.
  public var platform: Platform = .assumed
  /// Environment variables Beanstalk sets (option settings) merged with user-supplied values.
  public var variables: [String: Sourced<String>]
  /// Problems the nginx and Procfile readers met (NG001, PF001).
  public var readerDiagnostics: [Diagnostic] = []
  /// The option settings this environment gets, in Beanstalk's order (its bundle's files,
  /// then its infrastructure code's).
  public var configuration = BeanstalkConfiguration()
  /// Where infrastructure code defines it; nil for an environment known only from the bundle.
  public var infrastructure: InfrastructureEnvironment?

  public init(
    name: String, loadBalancer: Sourced<LoadBalancerType>, processes: [ProcessCheck],
    appServer: AppServer, upstreamPort: Sourced<Int>,
    nginx: NginxConfiguration = .load(from: SourceFiles()),
    django: DjangoApp? = nil, settingsModule: Fact<String>? = nil,
    imdsV1Disabled: Sourced<Bool> = .defaulted(true, "AL2023 default"),
    variables: [String: Sourced<String>] = [:]
  ) {
    self.name = name
    self.loadBalancer = loadBalancer
    self.processes = processes
    self.appServer = appServer
    self.upstreamPort = upstreamPort
    self.nginx = nginx
    self.django = django
    self.settingsModule = settingsModule
    self.imdsV1Disabled = imdsV1Disabled
    self.variables = variables
  }
}
