import EBCheckCore
import EBCheckFormats
import EBCheckModel
import EBCheckSimulation

/// What every rule reads: the model of one application folder and the simulated health checks.
public struct LintContext: Sendable {
  public var model: ProjectModel
  /// One prediction per environment and process, default process of the first environment first.
  public var predictions: [HealthCheckPrediction]

  public init(model: ProjectModel, predictions: [HealthCheckPrediction]) {
    self.model = model
    self.predictions = predictions
  }

  /// The model and its simulation: what the pipeline hands the rules.
  public init(simulating model: ProjectModel) {
    self.init(model: model, predictions: HealthCheckSimulator.predictAll(model))
  }

  public var files: SourceFiles { model.files }
  public var beanstalk: BeanstalkConfiguration { model.beanstalk }
  public var environments: [Environment] { model.environments }
  public var djangoApps: [DjangoApp] { model.djangoApps }

  /// The option settings an environment gets (its own when infrastructure code defines it).
  public func configuration(of environment: Environment) -> BeanstalkConfiguration {
    environment.infrastructure == nil ? beanstalk : environment.configuration
  }

  /// Runs an option rule once per environment's configuration (the bundle's alone without
  /// environments), each run seeing that configuration as `beanstalk`; a finding several
  /// environments share (a setting in `.ebextensions`) is reported once.
  public func perConfiguration(_ check: (LintContext) -> [Diagnostic]) -> [Diagnostic] {
    let configurations = model.configurations
    guard configurations.count > 1 else {
      var scoped = self
      scoped.model.beanstalk = configurations.first ?? model.beanstalk
      return check(scoped)
    }
    var seen = SeenDiagnostics()
    var found: [Diagnostic] = []
    var scoped = self
    for configuration in configurations {
      scoped.model.beanstalk = configuration
      for diagnostic in check(scoped) where seen.insert(diagnostic) {
        found.append(diagnostic)
      }
    }
    return found
  }

  /// The environment a prediction was made for.
  public func environment(of prediction: HealthCheckPrediction) -> Environment {
    model[prediction.environment]
  }
}
