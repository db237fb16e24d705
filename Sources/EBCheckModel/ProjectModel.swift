import EBCheckCore

/// What the user tells the model to assume where the repository is silent: values from
/// `--env` and `.ebcheck.yml`.
public struct ModelOptions: Sendable, Hashable {
  /// Environment values to assume (`--env`, `.ebcheck.yml` `env`).
  public var env: [String: String]
  /// `.ebcheck.yml` `environments`: per environment name, the settings module and values to assume.
  public var environments: [String: EnvironmentOverride]
  /// `.ebcheck.yml` `health-check: path`: the path to assume where the repository sets none
  /// (e.g. it is set in the console).
  public var assumedHealthCheckPath: String?

  public init(
    env: [String: String] = [:], environments: [String: EnvironmentOverride] = [:],
    assumedHealthCheckPath: String? = nil
  ) {
    self.env = env
    self.environments = environments
    self.assumedHealthCheckPath = assumedHealthCheckPath
  }
}

/// What `.ebcheck.yml` says to assume for one named environment.
public struct EnvironmentOverride: Sendable, Hashable {
  public var settings: String?
  public var env: [String: String] = [:]

  public init(settings: String? = nil, env: [String: String] = [:]) {
    self.settings = settings
    self.env = env
  }
}

/// Which environment of a `ProjectModel` something belongs to: its position, and its name
/// for reports.
public struct EnvironmentHandle: Sendable, Hashable {
  public var index: Int
  public var name: String

  public init(index: Int, name: String) {
    self.index = index
    self.name = name
  }
}

/// The one model of an application folder that the simulation and every rule read.
public struct ProjectModel: Sendable {
  public var files: SourceFiles
  public var beanstalk: BeanstalkConfiguration
  /// Every deployable unit found, each with its Django app when found.
  public var environments: [Environment]
  /// Django apps found without a Beanstalk environment (a plain Django repository).
  public var standaloneApps: [DjangoApp]
  /// What the Terraform, CloudFormation and CDK readers could not read (TF001, Y001).
  public var infrastructureDiagnostics: [Diagnostic]
  /// Option settings of environments infrastructure code defines for a folder that holds
  /// nothing to deploy: linted, with no health check to simulate.
  public var unsimulatedConfigurations: [BeanstalkConfiguration]

  public init(
    files: SourceFiles, beanstalk: BeanstalkConfiguration = BeanstalkConfiguration(),
    environments: [Environment] = [], standaloneApps: [DjangoApp] = [],
    unsimulatedConfigurations: [BeanstalkConfiguration] = [],
    infrastructureDiagnostics: [Diagnostic] = []
  ) {
    self.files = files
    self.beanstalk = beanstalk
    self.environments = environments
    self.standaloneApps = standaloneApps
    self.unsimulatedConfigurations = unsimulatedConfigurations
    self.infrastructureDiagnostics = infrastructureDiagnostics
  }

  /// Each environment's option settings (the bundle's alone when there is no environment),
  /// for the option rules.
  public var configurations: [BeanstalkConfiguration] {
    // By position: iterating the array would copy each whole `Environment` for one field.
    if !environments.isEmpty { return environments.indices.map { environments[$0].configuration } }
    return unsimulatedConfigurations.isEmpty ? [beanstalk] : unsimulatedConfigurations
  }

  /// Each environment with its handle.
  public var handles: [(EnvironmentHandle, Environment)] {
    environments.enumerated().map {
      (EnvironmentHandle(index: $0.offset, name: $0.element.name), $0.element)
    }
  }

  public subscript(handle: EnvironmentHandle) -> Environment { environments[handle.index] }

  /// What the readers could not read: configuration files, nginx confs, Procfiles and the
  /// Python modules of each Django app.
  public var readerProblems: [Diagnostic] {
    var problems = beanstalk.diagnostics + infrastructureDiagnostics
    for index in environments.indices { problems += environments[index].readerDiagnostics }
    for app in djangoApps { problems += app.parseDiagnostics }
    return problems
  }

  /// Each distinct Django app (by settings module): the environments' and standalone ones.
  public var djangoApps: [DjangoApp] {
    var seen = Set<String>()
    var apps: [DjangoApp] = []
    for index in environments.indices {
      // The app is copied only when it is new (thousands of environments can share one).
      guard environments[index].django.map({ seen.insert($0.settingsModule).inserted }) == true,
        let app = environments[index].django
      else { continue }
      apps.append(app)
    }
    for app in standaloneApps where seen.insert(app.settingsModule).inserted { apps.append(app) }
    return apps
  }
}
