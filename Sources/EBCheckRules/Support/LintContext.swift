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

  /// The environment a prediction was made for.
  public func environment(of prediction: HealthCheckPrediction) -> Environment {
    model[prediction.environment]
  }
}
