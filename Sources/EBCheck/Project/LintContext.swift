/// The whole model of one lint run, built once, read by every rule.
public struct LintContext: Sendable {
  public var files: SourceFiles
  public var beanstalk: BeanstalkConfiguration
  public var options: LintOptions
  /// Every deployable unit found, each with its Django app when found.
  public var environments: [Environment]
  /// One prediction per environment and process, default process of the first environment first.
  public var predictions: [HealthCheckPrediction]

  public init(
    files: SourceFiles, beanstalk: BeanstalkConfiguration = BeanstalkConfiguration(),
    options: LintOptions = LintOptions(), environments: [Environment] = []
  ) {
    self.files = files
    self.beanstalk = beanstalk
    self.options = options
    self.environments = environments
    self.predictions = environments.flatMap { HealthCheckSimulator(environment: $0).predictAll() }
  }

  /// Django apps found without a Beanstalk environment (a plain Django repository).
  public var standaloneApps: [DjangoApp] = []

  /// Each distinct Django app (by settings module): the environments' and standalone ones.
  public var djangoApps: [DjangoApp] {
    var seen = Set<String>()
    return (environments.compactMap(\.django) + standaloneApps).filter {
      seen.insert($0.settingsModule).inserted
    }
  }

  public func environment(named name: String) -> Environment? {
    environments.first { $0.name == name }
  }
}

/// The outcome of `check`: findings plus the simulated health checks.
public struct LintResult: Sendable {
  public var files: SourceFiles
  public var diagnostics: [Diagnostic]
  public var predictions: [HealthCheckPrediction]

  public init(files: SourceFiles, diagnostics: [Diagnostic], predictions: [HealthCheckPrediction]) {
    self.files = files
    self.diagnostics = diagnostics.sorted(by: Diagnostic.reportOrder)
    self.predictions = predictions
  }

  public func count(_ severity: Severity) -> Int {
    diagnostics.lazy.filter { $0.severity == severity }.count
  }

  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
