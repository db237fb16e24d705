/// The whole model of one lint run, built once, read by every rule.
public struct LintContext: Sendable {
  public var files: SourceFiles
  public var beanstalk: BeanstalkConfiguration
  public var options: LintOptions
  public var predictions: [HealthCheckPrediction]

  public init(
    files: SourceFiles, beanstalk: BeanstalkConfiguration = BeanstalkConfiguration(),
    options: LintOptions = LintOptions(), predictions: [HealthCheckPrediction] = []
  ) {
    self.files = files
    self.beanstalk = beanstalk
    self.options = options
    self.predictions = predictions
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
