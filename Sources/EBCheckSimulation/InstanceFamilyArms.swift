import EBCheckCore
import EBCheckModel

extension HealthCheckSimulator {
  /// Where the settings test `/sys/hypervisor` and no option names the instance type, the
  /// answer on each family (Xen, Nitro), each outcome resting on its family; one answer when
  /// both agree. A family the options name is a trace hop.
  package func acrossInstanceFamilies(_ base: HealthCheckPrediction?, _ check: ProcessCheck)
    -> HealthCheckPrediction
  {
    guard !environment.instanceFamilyArms.isEmpty else {
      guard let base else { return predict(check) }
      guard let family = environment.instanceFamily, family.location != nil,
        environment.django?.testsInstanceType == true
      else { return base }
      var result = base
      result.trace.append(
        "instance", "\(family.origin) (\(family.value.rawValue)): \(family.value.condition)",
        at: family.location)
      return result
    }
    var answers: [(InstanceFamilyArm, HealthCheckPrediction)] = []
    for arm in environment.instanceFamilyArms {
      var armed = arm.environment
      armed.infrastructure = environment.infrastructure
      armed.configuration = environment.configuration
      answers.append((arm, HealthCheckSimulator(environment: armed, handle: handle).predict(check)))
    }
    var result = answers[0].1
    let reason = "the settings test /sys/hypervisor and no option names the instance type"
    let agree = answers.dropFirst().allSatisfy {
      $0.1.status == result.status && $0.1.healthy == result.healthy
        && ($0.1.verdict == result.verdict || $0.1.status != nil)
    }
    if agree {
      result.trace.append("instance", "\(reason); Xen and Nitro instances give this answer")
      return result
    }
    var outcomes: [ConditionedOutcome] = []
    for (index, (arm, answer)) in answers.enumerated() {
      var premise = DeploymentPremise(
        kind: .instanceFamily, condition: arm.condition, reason: reason, location: nil)
      premise.holds = index == 0
      premise.family = arm.family
      outcomes += Self.premised(answer, premise).map { outcome in
        var outcome = outcome
        outcome.premise?.family = arm.family
        return outcome
      }
      result.trace.append(
        "instance", "\(arm.condition): " + AnswerSummary.outcome(answer))
    }
    return combined(result, outcomes)
  }
}
