import EBCheckCore
import EBCheckModel

extension HealthCheckSimulator {
  /// The option the console arms set.
  package static let wsgiPathOption = "aws:elasticbeanstalk:container:python:WSGIPath"

  /// Where no repository file sets `WSGIPath` and Beanstalk's default module is missing, the
  /// answer as it is (502: what `eb create` with no options deploys) beside the answer under
  /// each value the console could give it (the repository's WSGI modules).
  package func withConsoleWSGIPaths(_ base: HealthCheckPrediction, _ check: ProcessCheck)
    -> HealthCheckPrediction
  {
    guard !environment.consoleWSGIPaths.isEmpty,
      case .badGateway(.moduleNotFound, _) = base.verdict,
      environment.appServer.moduleMissing
    else { return base }
    let module = environment.appServer.module
    var unset = DeploymentPremise(
      kind: .consoleOption,
      condition: "with WSGIPath unset (Beanstalk's default \(module?.value ?? "application"))",
      reason: "no file of the repository sets WSGIPath", location: module?.location)
    unset.option = Self.wsgiPathOption
    var outcomes = premised(base, unset)
    var result = base
    for arm in environment.consoleWSGIPaths {
      var armed = arm.environment
      armed.infrastructure = environment.infrastructure
      armed.configuration = environment.configuration
      let answer = HealthCheckSimulator(environment: armed, handle: handle).predict(check)
      var premise = DeploymentPremise(
        kind: .consoleOption, condition: "with WSGIPath=\(arm.value) set in the console",
        reason: "\(arm.file) exposes application", location: nil)
      premise.option = Self.wsgiPathOption
      premise.value = arm.value
      premise.holds = false
      outcomes += premised(answer, premise)
      result.trace.append(
        "environment",
        "\(premise.condition) (\(arm.file) exposes application): "
          + AnswerSummary.outcome(answer))
    }
    return combined(result, outcomes)
  }
}

/// A prediction's answer in a few words, for a trace hop.
enum AnswerSummary {
  static func outcome(_ prediction: HealthCheckPrediction) -> String {
    if case .conditional(let outcomes) = prediction.verdict {
      return outcomes.map { "\($0.condition): \(status($0.status, $0.healthy))" }
        .joined(separator: "; ")
    }
    return status(prediction.status, prediction.healthy)
  }

  private static func status(_ status: Int?, _ healthy: Bool?) -> String {
    let health = healthy.map { $0 ? "healthy" : "unhealthy" } ?? "unverifiable"
    return status.map { "\($0) (\(health))" } ?? health
  }
}
