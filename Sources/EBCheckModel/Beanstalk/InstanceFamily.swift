import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// The environment built for one instance family (Xen or Nitro), where the settings test
/// `/sys/hypervisor` and no option decides the instance type.
public struct InstanceFamilyArm: Sendable {
  package var hypervisor: InstanceHypervisor
  public var environment: Environment
  /// `xen` or `nitro`, as JSON and the e2e harness name it.
  public var family: String { hypervisor.rawValue }
  public var condition: String { hypervisor.condition }
}

/// What the option settings say of the instance family: one hypervisor when every type they
/// name agrees, with where it is written.
package struct InstanceFamilyEvidence: Sendable, Hashable {
  package var hypervisor: InstanceHypervisor
  package var location: Location?
  package var types: [String]
}

extension EnvironmentBuilder {
  /// `aws:ec2:instances` `InstanceTypes` (a list; an environment may launch any of them) and
  /// the older `aws:autoscaling:launchconfiguration` `InstanceType`: the family when every
  /// type named is of one hypervisor; nil when they are unset, dynamic, not instance types or
  /// mixed (facts.md §5).
  package func instanceFamilyEvidence() -> InstanceFamilyEvidence? {
    let settings =
      beanstalk.all("aws:ec2:instances", "InstanceTypes")
      + beanstalk.all("aws:autoscaling:launchconfiguration", "InstanceType")
    guard let newest = settings.last(where: { !$0.isDynamic }) ?? settings.last,
      !newest.isDynamic
    else { return nil }
    // The list wins where both are set (its first type is the launch configuration's).
    let chosen = beanstalk.all("aws:ec2:instances", "InstanceTypes").last ?? newest
    guard !chosen.isDynamic else { return nil }
    let types = chosen.value.split(separator: ",").map { $0.trimmingWhitespace() }
      .filter { !$0.isEmpty }
    let families = types.map { InstanceHypervisor(instanceType: $0) }
    guard let first = families.first, let hypervisor = first,
      families.allSatisfy({ $0 == hypervisor })
    else { return nil }
    return InstanceFamilyEvidence(
      hypervisor: hypervisor, location: chosen.location, types: types)
  }

  /// One environment per instance family, where the settings test `/sys/hypervisor` and
  /// nothing decides the family: Xen first, then Nitro.
  package func instanceFamilyArms(_ environment: Environment) -> [InstanceFamilyArm] {
    guard hypervisor == nil, environment.instanceFamily == nil,
      environment.django?.testsInstanceType == true
        || environment.djangoWhereIMDSv1Answers?.testsInstanceType == true
    else { return [] }
    return InstanceHypervisor.allCases.map { family in
      var arm = self
      arm.hypervisor = family
      var built = arm.build()
      built.consoleWSGIPaths = []
      return InstanceFamilyArm(hypervisor: family, environment: built)
    }
  }
}
