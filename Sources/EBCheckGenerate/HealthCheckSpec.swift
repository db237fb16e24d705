import EBCheckCore
import EBCheckModel
import EBCheckSimulation

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

  package var templateValues: [String: Any] {
    [
      "process": process, "path": path, "port": port, "protocol": protocolName,
      "interval": interval, "timeout": timeout, "healthyThreshold": healthyThreshold,
      "unhealthyThreshold": unhealthyThreshold, "matcher": matcher,
    ]
  }
}

extension HealthCheckSpec {
  /// The options Beanstalk reads for this check, in the order the `.ebextensions` template
  /// writes them.
  public var optionRows: [(namespace: String, option: String, value: String)] {
    let process = "aws:elasticbeanstalk:environment:process:\(self.process)"
    switch loadBalancer {
    case .classic:
      return [
        ("aws:elasticbeanstalk:application", "Application Healthcheck URL", path),
        ("aws:elb:healthcheck", "Interval", String(interval)),
        ("aws:elb:healthcheck", "Timeout", String(timeout)),
        ("aws:elb:healthcheck", "HealthyThreshold", String(healthyThreshold)),
        ("aws:elb:healthcheck", "UnhealthyThreshold", String(unhealthyThreshold)),
      ]
    case .network:
      return [
        (process, "HealthCheckPath", path), (process, "HealthCheckInterval", String(interval)),
        (process, "HealthyThresholdCount", String(healthyThreshold)),
        (process, "UnhealthyThresholdCount", String(unhealthyThreshold)),
        (process, "MatcherHTTPCode", matcher),
      ]
    case .application, .none:
      return [
        (process, "HealthCheckPath", path), (process, "HealthCheckInterval", String(interval)),
        (process, "HealthCheckTimeout", String(timeout)),
        (process, "HealthyThresholdCount", String(healthyThreshold)),
        (process, "UnhealthyThresholdCount", String(unhealthyThreshold)),
        (process, "MatcherHTTPCode", matcher),
      ]
    }
  }

  /// The repository's effective health check (Beanstalk defaults where it is silent), with the
  /// flags on top. A matcher that accepts 4xx (HC006) is narrowed to 200; a path of `/` becomes
  /// the dedicated health path.
  public static func fromRepository(
    _ files: SourceFiles, loadBalancer override: LoadBalancerType?, path pathOverride: String?
  ) -> HealthCheckSpec {
    // The first environment infrastructure code defines for the root, with its settings over
    // the bundle's; else only the folder given (nested applications are not it).
    let catalog = InfrastructureCatalog.read(files)
    let infrastructure =
      catalog.environments(deploying: "").first
      ?? (catalog.environments.count == 1 ? catalog.environments.first : nil)
    guard BeanstalkConfiguration.appRoots(in: files).first == "" || infrastructure != nil else {
      return .beanstalkDefaults(
        for: override ?? .application, path: pathOverride ?? HealthMiddleware.defaultPath)
    }
    var configuration = BeanstalkConfiguration.load(from: files, appRoot: "")
    if let infrastructure { configuration = configuration.applying(infrastructure.settings) }
    let environment = configuration.environment
    let loadBalancer =
      override ?? (environment.loadBalancer == .none ? .application : environment.loadBalancer)
    var spec = HealthCheckSpec.beanstalkDefaults(for: loadBalancer)
    func number(_ option: EffectiveOption?) -> Int? {
      option.flatMap { $0.isDefault ? nil : $0.intValue }
    }
    if loadBalancer == .classic, let classic = environment.classicHealthCheck {
      spec.interval = number(classic.interval) ?? spec.interval
      spec.timeout = number(classic.timeout) ?? spec.timeout
      spec.healthyThreshold = number(classic.healthyThreshold) ?? spec.healthyThreshold
      spec.unhealthyThreshold = number(classic.unhealthyThreshold) ?? spec.unhealthyThreshold
      if let path = classic.parsedTarget?.path { spec.path = path }
    } else if let process = environment.defaultProcess?.healthCheck {
      spec.interval = number(process.interval) ?? spec.interval
      spec.timeout = number(process.timeout) ?? spec.timeout
      spec.healthyThreshold = number(process.healthyThreshold) ?? spec.healthyThreshold
      spec.unhealthyThreshold = number(process.unhealthyThreshold) ?? spec.unhealthyThreshold
      if let matcher = process.matcher.value, !process.matcher.isDefault,
        !process.matcher.isDynamic,
        let parsed = StatusMatcher(matcher), !parsed.acceptsClientErrors
      {
        spec.matcher = matcher
      }
      if let path = process.path.value, !process.path.isDefault, !process.path.isDynamic {
        spec.path = path
      }
    }
    if spec.path == "/" { spec.path = HealthMiddleware.defaultPath }
    if let pathOverride { spec.path = pathOverride }
    return spec
  }
}
