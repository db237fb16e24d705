/// What the load balancer's health checker sends to one process of an environment, with the
/// hops that explain where each part came from (setting or Beanstalk default).
public struct LoadBalancerHealthCheck: Sendable, Hashable {
  public var process: String
  public var loadBalancer: LoadBalancerType
  /// `HTTP`, `HTTPS`, `TCP` or `SSL`.
  public var `protocol`: String
  /// The instance port the checker connects to (nginx on 80 by default).
  public var port: Int
  /// The request path; nil for TCP/SSL checks.
  public var path: String?
  /// Success codes (`200`, `200-399`); nil for TCP/SSL checks. Classic accepts exactly 200.
  public var matcher: String?
  public var interval: Int?
  public var timeout: Int?
  /// Where each value came from, in request order: load balancer, request, matcher.
  public var hops: [TraceHop]
  /// Settings whose values are only known at deploy time (CloudFormation functions).
  public var dynamicSettings: [OptionSetting]

  public var isHTTP: Bool { self.protocol == "HTTP" || self.protocol == "HTTPS" }
}

extension BeanstalkEnvironment {
  /// The health checks the load balancer runs, default process first; empty for SingleInstance.
  public var healthChecks: [LoadBalancerHealthCheck] {
    switch loadBalancer {
    case .none:
      return []
    case .classic:
      return classicHealthCheck.map { [classicCheck($0)] } ?? []
    case .application, .network:
      return processes.map(processCheck)
    }
  }

  private var loadBalancerHop: TraceHop {
    let detail: String
    if let setting = loadBalancerOption.setting {
      detail = "\(loadBalancer.displayName) (LoadBalancerType: \(setting.value))"
    } else {
      detail =
        "\(loadBalancer.displayName) (\(loadBalancerOption.defaultReason ?? "LoadBalancerType unset"))"
    }
    return TraceHop(step: "load balancer", detail: detail, location: loadBalancerOption.location)
  }

  private static func origin(_ option: EffectiveOption) -> String {
    if let setting = option.setting {
      return setting.isDynamic ? "set at deploy time by \(setting.value)" : "set"
    }
    return option.defaultReason ?? "Beanstalk default"
  }

  private func processCheck(_ process: BeanstalkProcess) -> LoadBalancerHealthCheck {
    let check = process.healthCheck
    var proto = check.protocol.value ?? (loadBalancer == .network ? "TCP" : "HTTP")
    var path = check.path.value
    var matcher = check.matcher.value
    var hops = [loadBalancerHop]
    if loadBalancer == .network && check.path.isDefault {
      // NLB target groups check TCP unless a path asks for HTTP.
      proto = "TCP"
      path = nil
      matcher = nil
    } else if loadBalancer == .network && proto == "TCP" {
      proto = "HTTP"
    }
    let port = check.port.intValue ?? 80
    let timing =
      "every \(check.interval.value ?? "?") s (\(Self.origin(check.interval))), "
      + (loadBalancer == .application
        ? "timeout \(check.timeout.value ?? "?") s (\(Self.origin(check.timeout)))"
        : "ELB's fixed timeout")
    if let path {
      hops.append(
        TraceHop(
          step: "health check",
          detail:
            "process '\(process.name)': \(proto) GET \(path) on instance port \(port) (path \(Self.origin(check.path)), port \(Self.origin(check.port))), \(timing)",
          location: check.path.location ?? check.port.location))
    } else {
      hops.append(
        TraceHop(
          step: "health check",
          detail:
            "process '\(process.name)': TCP connection to instance port \(port) (\(Self.origin(check.port))), \(timing)",
          location: check.port.location))
    }
    if let matcher {
      hops.append(
        TraceHop(
          step: "matcher",
          detail: "healthy when the status is in \(matcher) (\(Self.origin(check.matcher)))",
          location: check.matcher.location))
    }
    let options = [
      check.path, check.port, check.protocol, check.interval, check.timeout, check.matcher,
    ]
    return LoadBalancerHealthCheck(
      process: process.name, loadBalancer: loadBalancer, protocol: proto, port: port, path: path,
      matcher: matcher, interval: check.interval.intValue,
      timeout: loadBalancer == .application ? check.timeout.intValue : nil, hops: hops,
      dynamicSettings: options.compactMap { $0.isDynamic ? $0.setting : nil })
  }

  private func classicCheck(_ check: ClassicHealthCheck) -> LoadBalancerHealthCheck {
    let parsed = check.parsedTarget ?? ("TCP", 80, nil)
    var hops = [loadBalancerHop]
    let timing =
      "every \(check.interval.value ?? "?") s (\(Self.origin(check.interval))), timeout \(check.timeout.value ?? "?") s (\(Self.origin(check.timeout)))"
    let source =
      check.target.setting.map { "\($0.option) \(Self.origin(check.target))" }
      ?? Self.origin(check.target)
    if let path = parsed.path {
      hops.append(
        TraceHop(
          step: "health check",
          detail:
            "\(parsed.protocol) GET \(path) on instance port \(parsed.port) (\(source)), \(timing)",
          location: check.target.location))
      hops.append(TraceHop(step: "matcher", detail: "a classic load balancer accepts only 200"))
    } else {
      hops.append(
        TraceHop(
          step: "health check",
          detail:
            "\(parsed.protocol) connection to instance port \(parsed.port) (\(source)), \(timing)",
          location: check.target.location))
    }
    let options = [check.target, check.interval, check.timeout]
    return LoadBalancerHealthCheck(
      process: "default", loadBalancer: .classic, protocol: parsed.protocol, port: parsed.port,
      path: parsed.path,
      matcher: parsed.path == nil ? nil : "200", interval: check.interval.intValue,
      timeout: check.timeout.intValue,
      hops: hops, dynamicSettings: options.compactMap { $0.isDynamic ? $0.setting : nil })
  }
}
