import EBCheckCore
import EBCheckModel

/// One answer of a health check that depends on an environment value, with the values that
/// lead to it.
public struct ConditionedOutcome: Sendable, Hashable {
  /// The values of one variable that give this answer (`DJANGO_ENV=production`).
  public var assumptions: [EnvAssumption]
  public var status: Int?
  public var healthy: Bool?
  public var verdict: Verdict
  /// What the deployment must do for this answer to hold, beyond the variables' values
  /// (a container command ebcheck does not read starting the app): nil when nothing.
  public var premise: DeploymentPremise?

  public init(
    assumptions: [EnvAssumption], status: Int?, healthy: Bool?, verdict: Verdict,
    premise: DeploymentPremise? = nil
  ) {
    self.assumptions = assumptions
    self.status = status
    self.healthy = healthy
    self.verdict = verdict
    self.premise = premise
  }

  public var variable: String { assumptions.first?.name ?? "" }

  /// What the checker receives under this condition: the status, `no answer` where nothing
  /// listens or the connection is closed, else `unknown`.
  public var answer: String { verdict.checkerAnswer(status: status) }

  /// `with DJANGO_ENV=production`, `otherwise` (unset or a value no test names).
  public var condition: String {
    guard let premise else { return variableCondition }
    if assumptions.isEmpty { return premise.condition }
    return premise.condition + ", " + variableCondition
  }

  private var variableCondition: String {
    let values = assumptions.map(\.value)
    if values == [.set] { return "with \(variable) set in the console" }
    if values.contains(.other) && (values.contains(.unset) || values.count == 1) {
      return values.count == 1 ? "with any other \(variable)" : "otherwise"
    }
    return "with " + assumptions.map(\.label).joined(separator: " or ")
  }

  /// The variable's value in the environment for each assumption: nil when unset.
  public func matches(_ environment: [String: String], tested: [String]) -> Bool {
    // What a command starts is no environment value: no `--env` selects it.
    guard premise == nil else { return false }
    return assumptions.contains { assumption in
      switch assumption.value {
      case .unset: return environment[assumption.name] == nil
      case .value(let text): return environment[assumption.name] == text
      case .other:
        guard let value = environment[assumption.name] else { return false }
        return !tested.contains(value)
      case .set: return environment[assumption.name] != nil
      }
    }
  }
}

extension HealthCheckSimulator {
  /// The prediction with every open variable the settings branch on reasoned over: when
  /// every value gives the same answer, that answer (its trace says so); otherwise each
  /// answer with the values that lead to it (`.conditional`).
  package func reasonOverOpenValues(_ base: HealthCheckPrediction, _ check: ProcessCheck)
    -> HealthCheckPrediction
  {
    guard !environment.djangoScenarios.isEmpty, base.protocol == "HTTP",
      Self.reachesDjango(base.verdict)
    else { return base }
    var byVariable: [(String, [(EnvAssumption, HealthCheckPrediction)])] = []
    for scenario in environment.djangoScenarios {
      var assumed = environment
      // An arm whose import fails on a variable the code needs: the console sets it.
      if let arm = scenario.app.requiredArm.first, !arm.unset {
        assumed.django = arm.app
      } else {
        assumed.django = scenario.app
      }
      assumed.djangoScenarios = []
      let prediction = HealthCheckSimulator(environment: assumed, handle: handle).predictOnce(check)
      if let index = byVariable.firstIndex(where: { $0.0 == scenario.assumption.name }) {
        byVariable[index].1.append((scenario.assumption, prediction))
      } else {
        byVariable.append((scenario.assumption.name, [(scenario.assumption, prediction)]))
      }
    }
    var outcomes: [ConditionedOutcome] = []
    var agreeing: [String] = []
    // A variable the app needs set (read without a default) leaves the unset case
    // unverifiable; when every value it can be set to agrees, that is the answer.
    var adopted: HealthCheckPrediction?
    let baseKnown = base.status != nil || base.healthy != nil
    for (name, predictions) in byVariable {
      var cases = predictions
      // Unset, the variable's reads take their defaults: the base prediction.
      if baseKnown, let location = predictions.first?.0.location {
        cases.insert((EnvAssumption(name: name, value: .unset, location: location), base), at: 0)
      }
      var groups: [(outcome: ConditionedOutcome, example: HealthCheckPrediction)] = []
      for (assumption, prediction) in cases {
        if let index = groups.firstIndex(where: {
          $0.outcome.status == prediction.status && $0.outcome.healthy == prediction.healthy
        }) {
          groups[index].outcome.assumptions.append(assumption)
        } else {
          groups.append(
            (
              ConditionedOutcome(
                assumptions: [assumption], status: prediction.status,
                healthy: prediction.healthy, verdict: prediction.verdict), prediction
            ))
        }
      }
      // The catch-all answer (unset, or a value no test names) last.
      groups.sort { first, second in
        !first.outcome.assumptions.contains { $0.value == .other }
          && second.outcome.assumptions.contains { $0.value == .other }
      }
      if groups.count == 1, !baseKnown, groups[0].outcome.status != nil, adopted == nil {
        adopted = groups[0].example
        agreeing.append(name)
      } else if groups.count == 1, groups[0].outcome.status == base.status,
        groups[0].outcome.healthy == base.healthy
      {
        agreeing.append(name)
      } else {
        outcomes += groups.map(\.outcome)
      }
    }
    var result = adopted ?? base
    if outcomes.isEmpty {
      result.trace.append(
        "environment", "every value of \(agreeing.joined(separator: ", ")) gives this answer",
        at: environment.djangoScenarios.first?.assumption.location)
      return result
    }
    let parts = outcomes.map { "\($0.condition): \($0.answer)" }
    result.trace.append(
      "environment", "the answer depends on the environment: " + parts.joined(separator: "; "),
      at: outcomes.first?.assumptions.first?.location)
    return combined(result, outcomes)
  }

  /// Whether the answer came from the app (so the settings could change it).
  package static func reachesDjango(_ verdict: Verdict) -> Bool {
    switch verdict {
    case .tcpOpen, .portClosed, .noLoadBalancer: return false
    case .badGateway(.portMismatch, _), .badGateway(.moduleNotFound, _),
      .badGateway(.containerLoopback, _), .badGateway(.proxiedPortClosed, _),
      .badGateway(.proxiedSocketClosed, _):
      return false
    default: return true
    }
  }
}

extension HealthCheckSimulator {
  /// A variable the settings read without a usable default, that nothing in the repository
  /// sets: a repository that needs it has the console set it (the answer with it set is the
  /// prediction), and the answer without it (the import fails, nginx answers 502) is stated
  /// beside it with its condition.
  /// `base` is the prediction with the environment's values as they are; the variables the
  /// settings branch on are reasoned over in the arm where the required one is set by the
  /// console when that is the app's own model.
  package func withRequiredArm(_ base: HealthCheckPrediction, _ check: ProcessCheck)
    -> HealthCheckPrediction
  {
    let reasoned = reasonOverOpenValues(base, check)
    guard let arm = environment.django?.requiredArm.first, base.protocol == "HTTP",
      Self.reachesDjango(base.verdict)
    else { return reasoned }
    var assumed = environment
    assumed.django = arm.app
    assumed.djangoScenarios = []
    let other = HealthCheckSimulator(environment: assumed, handle: handle).predictOnce(check)
    var setArm = arm.unset ? reasoned : other
    let unsetArm = arm.unset ? other : base
    guard unsetArm.status != setArm.status || unsetArm.healthy != setArm.healthy else {
      return reasoned
    }
    let name = arm.read.name
    let location = arm.read.location
    let unsetAnswer = unsetArm.verdict.checkerAnswer(status: unsetArm.status)
    let detail =
      "\(unsetAnswer) if \(name) is not set in the console: \(arm.read.helper) reads it here without a default and "
      + (unsetArm.status == 502 ? "the import fails" : "the answer changes")
    setArm.trace.append(
      "environment", "\(name) is read without a default, so the console sets it; " + detail,
      at: location)
    setArm.conditions.append(RelatedLocation(location, detail))
    setArm.armOutcomes = [
      ConditionedOutcome(
        assumptions: [EnvAssumption(name: name, value: .set, location: location)],
        status: setArm.status, healthy: setArm.healthy, verdict: setArm.verdict),
      ConditionedOutcome(
        assumptions: [EnvAssumption(name: name, value: .unset, location: location)],
        status: unsetArm.status, healthy: unsetArm.healthy, verdict: unsetArm.verdict),
    ]
    return setArm
  }
}
