import EBCheckCore

/// The load balancer in front of an environment's instances, which decides how it checks them.
public enum LoadBalancerType: String, Sendable, Hashable, CaseIterable, Codable {
  case application
  case network
  case classic
  /// Single-instance environments have no load balancer and so no ELB health check.
  case none
}
