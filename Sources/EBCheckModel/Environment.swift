import EBCheckCore
import EBCheckPython

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
  /// Seconds between two checks from one load balancer node (nil: not a number).
  public var interval: Sourced<Int>?

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

/// Why the app server may not serve the health check, one reason at a time: each stops the
/// simulation at the app server's hop in its own way.
public enum ServingObstacle: Sendable, Hashable {
  /// The WSGI module it loads is not in the repository; `foundOnlyAt` names the file holding
  /// it when it is only in a folder the server does not import from (`SoftGAC/SoftGAC/wsgi.py`
  /// for `SoftGAC.wsgi` from the bundle root).
  case moduleMissing(foundOnlyAt: String?)
  /// In a container: the loopback address the server binds, which the platform's proxy
  /// (connecting to the container's own address) cannot reach.
  case loopbackBind(Sourced<String>)
  /// Containers whose definition leaves nothing listening on port 80: why.
  case nothingOnPort80(Sourced<String>)
  /// A container command ebcheck does not read (supervisord, an entrypoint script): why.
  /// The app's answer holds only if that command starts it on the proxied port.
  case commandUnread(Sourced<String>)
}

/// The app server behind nginx.
public struct AppServer: Sendable, Hashable {
  /// `gunicorn`, `uwsgi`, `daphne`, `uvicorn`, `runserver`.
  public var kind: String
  /// The port it binds, nil when it listens on a unix socket or cannot be known.
  public var port: Sourced<Int>?
  /// The WSGI/ASGI module it serves, e.g. `mysite.wsgi`.
  public var module: Sourced<String>?
  /// `port`'s location is exactly the port digits (a fix may rewrite them).
  public var portIsEditable = true
  /// Why the port cannot be known, when `port` is nil for a reason worth saying.
  public var portUnknownReason: String?
  /// Why it may not serve, nil when nothing stands in the way.
  public var obstacle: ServingObstacle?
  /// The unix socket it binds instead of a port (`/run/gunicorn.sock`), where it binds one.
  public var unixSocket: Sourced<String>?
  /// Multi-container Docker: the image(s) the app runs in, when no file of the repository
  /// builds them. Their code is this repository's only if they were built from it: the
  /// answer rests on that, and the bundle (which carries no app code there) proves nothing.
  public var unbuiltImage: Sourced<String>?

  public init(
    kind: String, port: Sourced<Int>?, module: Sourced<String>?, obstacle: ServingObstacle? = nil
  ) {
    self.kind = kind
    self.port = port
    self.module = module
    self.obstacle = obstacle
  }

  /// The module is not importable, so the server cannot load the app.
  public var moduleMissing: Bool {
    if case .moduleMissing = obstacle { return true }
    return false
  }

  /// When the module is missing: the only file that holds it, outside the import roots.
  public var moduleFoundOnlyAt: String? {
    if case .moduleMissing(let found) = obstacle { return found }
    return nil
  }

  /// The loopback address a container's server binds, when it does.
  public var containerLoopback: Sourced<String>? {
    if case .loopbackBind(let host) = obstacle { return host }
    return nil
  }

  /// Why nothing listens on port 80, when the containers leave it unmapped.
  public var containerNotListening: Sourced<String>? {
    if case .nothingOnPort80(let reason) = obstacle { return reason }
    return nil
  }

  /// Why the container's command is not read, when it is not.
  public var containerCommandUnknown: Sourced<String>? {
    if case .commandUnread(let reason) = obstacle { return reason }
    return nil
  }
}

/// One deployable unit: load balancer, processes, proxy, app server and the Django app.
public struct Environment: Sendable {
  private var box: EnvironmentBox

  public var name: String {
    get { box.fields.name }
    _modify {
      makeUnique()
      yield &box.fields.name
    }
  }
  public var loadBalancer: Sourced<LoadBalancerType> {
    get { box.fields.loadBalancer }
    _modify {
      makeUnique()
      yield &box.fields.loadBalancer
    }
  }
  public var processes: [ProcessCheck] {
    get { box.fields.processes }
    _modify {
      makeUnique()
      yield &box.fields.processes
    }
  }
  public var appServer: AppServer {
    get { box.fields.appServer }
    _modify {
      makeUnique()
      yield &box.fields.appServer
    }
  }
  /// The port nginx proxies to (`PORT` or 8000).
  public var upstreamPort: Sourced<Int> {
    get { box.fields.upstreamPort }
    _modify {
      makeUnique()
      yield &box.fields.upstreamPort
    }
  }
  /// The platform's nginx with the repository's `.platform/nginx` files.
  public var nginx: NginxConfiguration {
    get { box.fields.nginx }
    _modify {
      makeUnique()
      yield &box.fields.nginx
    }
  }
  /// The repository's Apache httpd files, when Apache fronts the app.
  public var httpd: HttpdConfiguration {
    get { box.fields.httpd }
    _modify {
      makeUnique()
      yield &box.fields.httpd
    }
  }
  public var django: DjangoApp? {
    get { box.fields.django }
    _modify {
      makeUnique()
      yield &box.fields.django
    }
  }
  /// The app under each value of an environment variable the settings branch on and nothing
  /// sets (`django` is the app with all of them unset).
  public var djangoScenarios: [DjangoScenario] {
    get { box.fields.djangoScenarios }
    _modify {
      makeUnique()
      yield &box.fields.djangoScenarios
    }
  }
  public var settingsModule: Fact<String>? {
    get { box.fields.settingsModule }
    _modify {
      makeUnique()
      yield &box.fields.settingsModule
    }
  }
  public var imdsV1Disabled: Sourced<Bool> {
    get { box.fields.imdsV1Disabled }
    _modify {
      makeUnique()
      yield &box.fields.imdsV1Disabled
    }
  }
  /// When the repository names no platform and the settings fetch the instance IP without a
  /// token: the app where IMDSv1 answers (Amazon Linux 2, the AMI), beside `django` as it is
  /// on Amazon Linux 2023, the generation new environments get (facts.md §5).
  public var djangoWhereIMDSv1Answers: DjangoApp? {
    get { box.fields.djangoWhereIMDSv1Answers }
    _modify {
      makeUnique()
      yield &box.fields.djangoWhereIMDSv1Answers
    }
  }
  /// The platform: operating-system generation, runtime, proxy.
  public var platform: Platform {
    get { box.fields.platform }
    _modify {
      makeUnique()
      yield &box.fields.platform
    }
  }
  /// Where the platform puts the application folder (`__file__`, file tests); nil when the
  /// layout is not modelled (Docker images).
  package var deployedFiles: DeployedFiles? {
    get { box.fields.deployedFiles }
    _modify {
      makeUnique()
      yield &box.fields.deployedFiles
    }
  }
  /// Environment variables Beanstalk sets (option settings) merged with user-supplied values.
  public var variables: [String: Sourced<String>] {
    get { box.fields.variables }
    _modify {
      makeUnique()
      yield &box.fields.variables
    }
  }
  /// Problems the nginx and Procfile readers met (NG001, PF001).
  public var readerDiagnostics: [Diagnostic] {
    get { box.fields.readerDiagnostics }
    _modify {
      makeUnique()
      yield &box.fields.readerDiagnostics
    }
  }
  /// The option settings this environment gets, in Beanstalk's order (its bundle's files,
  /// then its infrastructure code's).
  public var configuration: BeanstalkConfiguration {
    get { box.fields.configuration }
    _modify {
      makeUnique()
      yield &box.fields.configuration
    }
  }
  /// Where infrastructure code defines it; nil for an environment known only from the bundle.
  public var infrastructure: InfrastructureEnvironment? {
    get { box.fields.infrastructure }
    _modify {
      makeUnique()
      yield &box.fields.infrastructure
    }
  }
  /// Where no repository file sets `WSGIPath` and Beanstalk's default module is not in the
  /// repository: the environment under each value the console could give it.
  public var consoleWSGIPaths: [ConsoleWSGIPath] {
    get { box.fields.consoleWSGIPaths }
    _modify {
      makeUnique()
      yield &box.fields.consoleWSGIPaths
    }
  }

  /// The instance family the option settings name (or an arm is built for); nil: not known.
  package var instanceFamily: Sourced<InstanceHypervisor>? {
    get { box.fields.instanceFamily }
    _modify {
      makeUnique()
      yield &box.fields.instanceFamily
    }
  }
  /// Where the settings test `/sys/hypervisor` and the family is not known: the environment
  /// on each family, the answer given per arm.
  public var instanceFamilyArms: [InstanceFamilyArm] {
    get { box.fields.instanceFamilyArms }
    _modify {
      makeUnique()
      yield &box.fields.instanceFamilyArms
    }
  }

  /// Gives this environment a box of its own before one of its fields changes.
  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&box) { box = EnvironmentBox(box.fields) }
  }

  public init(
    name: String, loadBalancer: Sourced<LoadBalancerType>, processes: [ProcessCheck],
    appServer: AppServer, upstreamPort: Sourced<Int>,
    nginx: NginxConfiguration = .load(from: SourceFiles()),
    django: DjangoApp? = nil, settingsModule: Fact<String>? = nil,
    imdsV1Disabled: Sourced<Bool> = .defaulted(true, "AL2023 default"),
    variables: [String: Sourced<String>] = [:]
  ) {
    box = EnvironmentBox(
      EnvironmentFields(
        name: name, loadBalancer: loadBalancer, processes: processes, appServer: appServer,
        upstreamPort: upstreamPort, nginx: nginx, django: django, settingsModule: settingsModule,
        imdsV1Disabled: imdsV1Disabled, variables: variables))
  }
}
