import EBCheckCore
import EBCheckFormats

/// One option's effective value: what was set (and where), or Beanstalk's default and why.
public struct EffectiveOption: Sendable, Hashable {
  public var namespace: String
  public var option: String
  /// nil when neither set nor defaulted (e.g. `ServiceRole`).
  public var value: String?
  /// The winning setting; nil when the value is a default.
  public var setting: OptionSetting?
  /// Why a default applies (e.g. "default for application load balancers").
  public var defaultReason: String?
  /// Every place the option is set, in the order Beanstalk applies them (the last one wins).
  public var history: [OptionSetting] = []

  public var isDefault: Bool { setting == nil }
  public var isDynamic: Bool { setting?.isDynamic ?? false }
  /// The value as an integer when it is one (and not dynamic).
  public var intValue: Int? {
    guard !isDynamic, let value else { return nil }
    return Int(value.trimmingWhitespace())
  }
  public var location: Location? { setting?.location }
}

/// The health check of one process (ALB/NLB target group).
public struct ProcessHealthCheck: Sendable, Hashable {
  public var path: EffectiveOption
  public var port: EffectiveOption
  public var `protocol`: EffectiveOption
  public var interval: EffectiveOption
  public var timeout: EffectiveOption
  public var healthyThreshold: EffectiveOption
  public var unhealthyThreshold: EffectiveOption
  public var matcher: EffectiveOption
}

/// `aws:elasticbeanstalk:environment:process:default` or `…:process:NAME`.
public struct BeanstalkProcess: Sendable, Hashable {
  public var name: String
  public var namespace: String
  public var healthCheck: ProcessHealthCheck
}

/// A Classic Load Balancer health check (`aws:elb:healthcheck` + `Application Healthcheck URL`).
public struct ClassicHealthCheck: Sendable, Hashable {
  /// `Application Healthcheck URL` when set, else the deprecated `Target`, else `TCP:80`.
  public var target: EffectiveOption
  public var interval: EffectiveOption
  public var timeout: EffectiveOption
  public var healthyThreshold: EffectiveOption
  public var unhealthyThreshold: EffectiveOption

  /// `HTTP`, `HTTPS`, `TCP` or `SSL`, port and path parsed from the target.
  public var parsedTarget: (protocol: String, port: Int, path: String?)? {
    guard let value = target.value, !target.isDynamic else { return nil }
    return ClassicHealthCheck.parse(value)
  }

  /// Parses `/path`, `HTTP:80/path`, `TCP:80` (Application Healthcheck URL and Target forms).
  public static func parse(_ text: String) -> (protocol: String, port: Int, path: String?)? {
    let value = text.trimmingWhitespace()
    if value.hasPrefix("/") { return ("HTTP", 80, value) }
    guard let colon = value.firstIndex(of: ":") else { return nil }
    let proto = value[..<colon].uppercased()
    guard ["HTTP", "HTTPS", "TCP", "SSL"].contains(proto) else { return nil }
    let rest = value[value.index(after: colon)...]
    let portText = rest.prefix { $0.isASCII && $0.isNumber }
    guard let port = Int(portText), (1...65535).contains(port) else { return nil }
    let path = rest.dropFirst(portText.count)
    if proto == "HTTP" || proto == "HTTPS" {
      return (proto, port, path.isEmpty ? "/" : String(path))
    }
    return path.isEmpty ? (proto, port, nil) : nil
  }
}

/// An ALB/NLB listener (`aws:elbv2:listener:default` is port 80).
public struct BeanstalkListener: Sendable, Hashable {
  public var namespace: String
  public var port: Int
  public var `protocol`: EffectiveOption
  public var defaultProcess: EffectiveOption
  public var enabled: EffectiveOption
  public var rules: [String]
}

/// An ALB listener rule (`aws:elbv2:listenerrule:NAME`).
public struct BeanstalkListenerRule: Sendable, Hashable {
  public var name: String
  public var pathPatterns: [String]
  public var hostHeaders: [String]
  public var priority: EffectiveOption
  public var process: EffectiveOption
}

/// The model of one Beanstalk environment, computed from the option settings.
public struct BeanstalkEnvironment: Sendable, Hashable {
  /// Environment names from `.elasticbeanstalk/config.yml` branch defaults, else `["default"]`.
  public var names: [String]
  public var environmentType: EffectiveOption
  /// The configured load balancer type (application when unset).
  public var loadBalancerOption: EffectiveOption
  /// `.none` for SingleInstance environments; dynamic or invalid values fall back to application.
  public var loadBalancer: LoadBalancerType
  public var processes: [BeanstalkProcess]
  /// Only for classic load balancers.
  public var classicHealthCheck: ClassicHealthCheck?
  public var listeners: [BeanstalkListener]
  public var listenerRules: [BeanstalkListenerRule]
  public var environmentVariables: [String: OptionSetting]
  public var wsgiPath: EffectiveOption
  public var numProcesses: EffectiveOption
  public var numThreads: EffectiveOption
  public var proxyServer: EffectiveOption
  public var disableIMDSv1: EffectiveOption
  public var healthReporting: EffectiveOption

  /// The infrastructure tool creating it through the API (nil: the console or the EB CLI).
  public var createdThrough: InfrastructureTool?

  public var isSingleInstance: Bool { loadBalancer == .none }
  public var defaultProcess: BeanstalkProcess? { processes.first { $0.name == "default" } }
}

extension BeanstalkConfiguration {
  /// The effective value of an option for a load balancer type, with catalog defaults.
  public func resolve(
    _ namespace: String, _ option: String, for loadBalancer: LoadBalancerType = .application
  )
    -> EffectiveOption
  {
    let history = all(namespace, option)
    if let setting = history.last {
      return EffectiveOption(
        namespace: namespace, option: option, value: setting.value, setting: setting,
        history: history)
    }
    let spec = OptionCatalog.option(namespace, option)
    let lb = loadBalancer == .none ? LoadBalancerType.application : loadBalancer
    let value = spec?.defaultValue(for: lb)
    let reason: String?
    if let spec, !spec.defaults.isEmpty {
      reason = "Beanstalk default for \(lb.displayName)s"
    } else {
      reason = value == nil ? nil : "Beanstalk default"
    }
    return EffectiveOption(
      namespace: namespace, option: option, value: value, setting: nil, defaultReason: reason)
  }

  /// The environment this configuration describes.
  public var environment: BeanstalkEnvironment { cachedEnvironment ?? computeEnvironment() }

  /// The environment this configuration describes (computed once by `load`).
  package func computeEnvironment() -> BeanstalkEnvironment {
    let ebEnvironment = "aws:elasticbeanstalk:environment"
    let environmentType = resolve(ebEnvironment, "EnvironmentType")
    var loadBalancerOption = resolve(ebEnvironment, "LoadBalancerType")
    if loadBalancerOption.isDefault, let tool = createdThrough {
      // CreateEnvironment's own default (docs/facts.md §1): what infrastructure code gets.
      loadBalancerOption.value = LoadBalancerType.classic.rawValue
      loadBalancerOption.defaultReason =
        "LoadBalancerType unset: \(tool.displayName) creates the environment through the Elastic Beanstalk API, whose default is a classic load balancer"
    } else if loadBalancerOption.isDefault {
      loadBalancerOption.defaultReason =
        "LoadBalancerType unset: the console and `eb create` create an application load balancer"
    }
    var loadBalancer =
      LoadBalancerType(rawValue: loadBalancerOption.value ?? "application") ?? .application
    if environmentType.value == "SingleInstance" { loadBalancer = .none }
    let lb = loadBalancer

    var processNames = ["default"]
    let processPrefix = "aws:elasticbeanstalk:environment:process:"
    for namespace in namespaces where namespace.hasPrefix(processPrefix) {
      let name = String(namespace.dropFirst(processPrefix.count))
      if !name.isEmpty, !name.contains(":"), !processNames.contains(name) {
        processNames.append(name)
      }
    }
    let processes = processNames.map { name -> BeanstalkProcess in
      let namespace = processPrefix + name
      let option = { resolve(namespace, $0, for: lb) }
      return BeanstalkProcess(
        name: name, namespace: namespace,
        healthCheck: ProcessHealthCheck(
          path: option("HealthCheckPath"), port: option("Port"), protocol: option("Protocol"),
          interval: option("HealthCheckInterval"), timeout: option("HealthCheckTimeout"),
          healthyThreshold: option("HealthyThresholdCount"),
          unhealthyThreshold: option("UnhealthyThresholdCount"),
          matcher: option("MatcherHTTPCode")))
    }

    var classic: ClassicHealthCheck?
    if lb == .classic {
      let url = resolve("aws:elasticbeanstalk:application", "Application Healthcheck URL", for: lb)
      var target = url.isDefault ? resolve("aws:elb:healthcheck", "Target", for: lb) : url
      if target.isDefault {
        target.defaultReason =
          "no Application Healthcheck URL: the load balancer opens a TCP connection to port 80"
      }
      classic = ClassicHealthCheck(
        target: target, interval: resolve("aws:elb:healthcheck", "Interval", for: lb),
        timeout: resolve("aws:elb:healthcheck", "Timeout", for: lb),
        healthyThreshold: resolve("aws:elb:healthcheck", "HealthyThreshold", for: lb),
        unhealthyThreshold: resolve("aws:elb:healthcheck", "UnhealthyThreshold", for: lb))
    }

    var listenerNamespaces = ["aws:elbv2:listener:default"]
    for namespace in namespaces
    where namespace.hasPrefix("aws:elbv2:listener:") && !listenerNamespaces.contains(namespace) {
      listenerNamespaces.append(namespace)
    }
    let listeners = listenerNamespaces.compactMap { namespace -> BeanstalkListener? in
      let suffix = namespace.dropFirst("aws:elbv2:listener:".count)
      guard let port = suffix == "default" ? 80 : Int(suffix) else { return nil }
      let rules = (effective(namespace, "Rules")?.value ?? "").split(separator: ",").map {
        $0.trimmingWhitespace()
      }
      .filter { !$0.isEmpty }
      return BeanstalkListener(
        namespace: namespace, port: port, protocol: resolve(namespace, "Protocol", for: lb),
        defaultProcess: resolve(namespace, "DefaultProcess", for: lb),
        enabled: resolve(namespace, "ListenerEnabled", for: lb), rules: rules)
    }
    let rulePrefix = "aws:elbv2:listenerrule:"
    let listenerRules = namespaces.filter { $0.hasPrefix(rulePrefix) }.map {
      namespace -> BeanstalkListenerRule in
      let list = { (option: String) in
        (effective(namespace, option)?.value ?? "").split(separator: ",").map {
          $0.trimmingWhitespace()
        }
        .filter { !$0.isEmpty }
      }
      return BeanstalkListenerRule(
        name: String(namespace.dropFirst(rulePrefix.count)), pathPatterns: list("PathPatterns"),
        hostHeaders: list("HostHeaders"), priority: resolve(namespace, "Priority", for: lb),
        process: resolve(namespace, "Process", for: lb))
    }

    var variables: [String: OptionSetting] = [:]
    for setting in settings where setting.namespace == OptionSettingsReader.defaultNamespace {
      variables[setting.option] = setting
    }
    let python = "aws:elasticbeanstalk:container:python"
    var environment = BeanstalkEnvironment(
      names: cli?.environmentNames.isEmpty == false ? cli!.environmentNames : ["default"],
      environmentType: environmentType, loadBalancerOption: loadBalancerOption,
      loadBalancer: loadBalancer,
      processes: processes, classicHealthCheck: classic, listeners: listeners,
      listenerRules: listenerRules,
      environmentVariables: variables, wsgiPath: resolve(python, "WSGIPath"),
      numProcesses: resolve(python, "NumProcesses"), numThreads: resolve(python, "NumThreads"),
      proxyServer: resolve("aws:elasticbeanstalk:environment:proxy", "ProxyServer"),
      disableIMDSv1: resolve("aws:autoscaling:launchconfiguration", "DisableIMDSv1"),
      healthReporting: resolve("aws:elasticbeanstalk:healthreporting:system", "SystemType"))
    environment.createdThrough = createdThrough
    return environment
  }
}
