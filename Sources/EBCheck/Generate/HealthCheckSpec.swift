/// The health check a generator writes, within the ranges Beanstalk and the ELB API accept.
public struct HealthCheckSpec: Sendable, Hashable {
  public var loadBalancer: LoadBalancerType
  public var process: String
  public var path: String
  public var port: Int
  public var protocolName: String
  public var interval: Int
  public var timeout: Int
  public var healthyThreshold: Int
  public var unhealthyThreshold: Int
  public var matcher: String

  /// Beanstalk's defaults for a load balancer type (EBG:command-options-general).
  public static func beanstalkDefaults(
    for loadBalancer: LoadBalancerType, path: String = "/health/"
  ) -> HealthCheckSpec {
    switch loadBalancer {
    case .network:
      HealthCheckSpec(
        loadBalancer: .network, process: "default", path: path, port: 80, protocolName: "HTTP",
        interval: 30, timeout: 10, healthyThreshold: 5, unhealthyThreshold: 5, matcher: "200")
    case .classic:
      HealthCheckSpec(
        loadBalancer: .classic, process: "default", path: path, port: 80, protocolName: "HTTP",
        interval: 10, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 5, matcher: "200")
    case .application, .none:
      HealthCheckSpec(
        loadBalancer: .application, process: "default", path: path, port: 80, protocolName: "HTTP",
        interval: 15, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 5, matcher: "200")
    }
  }

  /// Clamped into what the ELBv2 API accepts (BOTO: interval 5–300, timeout 2–120 and
  /// smaller than the interval, thresholds 2–10, matcher 200–499 ALB / 200–599 NLB).
  public var clampedForTargetGroupAPI: HealthCheckSpec {
    var spec = self
    spec.interval = min(max(interval, 5), 300)
    spec.timeout = min(max(timeout, 2), min(120, spec.interval - 1))
    spec.healthyThreshold = min(max(healthyThreshold, 2), 10)
    spec.unhealthyThreshold = min(max(unhealthyThreshold, 2), 10)
    return spec
  }

  /// Clamped into Beanstalk's own option ranges (timeout 1–60, below the interval).
  public var clampedForBeanstalk: HealthCheckSpec {
    var spec = self
    if loadBalancer == .network {
      spec.interval = interval <= 10 ? 10 : 30
    } else {
      spec.interval = min(max(interval, 5), 300)
    }
    spec.timeout = min(max(timeout, 2), min(60, spec.interval - 1))
    spec.healthyThreshold = min(max(healthyThreshold, 2), 10)
    spec.unhealthyThreshold = min(max(unhealthyThreshold, 2), 10)
    return spec
  }

  var templateValues: [String: Any] {
    [
      "process": process, "path": path, "port": port, "protocol": protocolName,
      "interval": interval, "timeout": timeout, "healthyThreshold": healthyThreshold,
      "unhealthyThreshold": unhealthyThreshold, "matcher": matcher,
    ]
  }
}
