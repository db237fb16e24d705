import EBCheckCore

extension LoadBalancerType {
  public var displayName: String {
    switch self {
    case .classic: "Classic Load Balancer"
    case .application: "Application Load Balancer"
    case .network: "Network Load Balancer"
    case .none: "no load balancer (SingleInstance)"
    }
  }
}

/// What an option value must look like.
public enum OptionValueType: Sendable, Hashable {
  case string
  /// An integer inside a range.
  case integer(ClosedRange<Int>)
  /// An integer from a fixed set (NLB `HealthCheckInterval`: 10 or 30).
  case integerChoice([Int])
  /// `true` / `false`.
  case boolean
  /// One of fixed words (case-sensitive, as Beanstalk validates them).
  case choice([String])
  /// A comma-separated list of free-form items.
  case list
  /// An absolute URL path starting with `/`.
  case path
  /// `MatcherHTTPCode`: comma-separated codes or `low-high` ranges inside the range.
  case httpCodes(ClosedRange<Int>)
  /// Classic `Target`: `PROTOCOL:PORT` or `HTTP(S):PORT/PATH`.
  case healthCheckTarget
  /// `Application Healthcheck URL`: `/path` or `PROTOCOL:PORT/path`.
  case healthCheckURL
}

/// One option of a namespace, as the Elastic Beanstalk option reference documents it.
public struct OptionSpec: Sendable, Hashable {
  public var name: String
  public var type: OptionValueType
  /// Beanstalk's default when the option is unset (nil: none).
  public var defaultValue: String?
  /// Load balancer types the option takes effect on; nil when it does not depend on one.
  public var loadBalancers: Set<LoadBalancerType>?
  /// Defaults that differ by load balancer type.
  public var defaults: [LoadBalancerType: String]
  /// Value rules that differ by load balancer type.
  public var types: [LoadBalancerType: OptionValueType]
  /// Where Beanstalk's limit differs from the ELB API, or other caveats.
  public var note: String?
  public var source: String

  public init(
    _ name: String, _ type: OptionValueType, default defaultValue: String? = nil,
    only loadBalancers: Set<LoadBalancerType>? = nil, defaults: [LoadBalancerType: String] = [:],
    types: [LoadBalancerType: OptionValueType] = [:], note: String? = nil, source: String
  ) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.loadBalancers = loadBalancers
    self.defaults = defaults
    self.types = types
    self.note = note
    self.source = source
  }

  public func defaultValue(for loadBalancer: LoadBalancerType) -> String? {
    defaults[loadBalancer] ?? defaultValue
  }

  public func valueType(for loadBalancer: LoadBalancerType) -> OptionValueType {
    types[loadBalancer] ?? type
  }

  public func applies(to loadBalancer: LoadBalancerType) -> Bool {
    loadBalancers?.contains(loadBalancer) ?? true
  }
}

/// One namespace; templated namespaces (`…:process:NAME`, `…:listener:PORT`) match a family.
public struct NamespaceSpec: Sendable, Hashable {
  /// The documented name; templates end in a placeholder such as `NAME` or `PORT`.
  public var name: String
  /// For templates, the fixed prefix before the placeholder (e.g. `aws:elb:listener:`).
  public var prefix: String?
  /// What the placeholder accepts.
  public var placeholder: Placeholder?
  public var options: [OptionSpec]
  /// Namespaces whose option names are user-chosen (environment properties, static paths).
  public var acceptsAnyOption: Bool
  /// Load balancer types the namespace takes effect on; nil when it does not depend on one.
  public var loadBalancers: Set<LoadBalancerType>?
  public var summary: String
  public var source: String

  public enum Placeholder: Sendable, Hashable {
    /// A process, policy or rule name.
    case name
    /// A port number.
    case port
    /// A port number or `default` (ELBv2 listeners).
    case portOrDefault
  }

  public init(
    _ name: String, prefix: String? = nil, placeholder: Placeholder? = nil, anyOption: Bool = false,
    only loadBalancers: Set<LoadBalancerType>? = nil, summary: String, source: String,
    options: [OptionSpec] = []
  ) {
    self.name = name
    self.prefix = prefix
    self.placeholder = placeholder
    self.options = options
    self.acceptsAnyOption = anyOption
    self.loadBalancers = loadBalancers
    self.summary = summary
    self.source = source
  }

  public func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }

  /// Whether a written namespace belongs to this spec.
  public func matches(_ namespace: String) -> Bool {
    guard let prefix, let placeholder else { return namespace == name }
    guard namespace.hasPrefix(prefix) else { return false }
    let rest = namespace.dropFirst(prefix.count)
    guard !rest.isEmpty, !rest.contains(":") else { return false }
    switch placeholder {
    case .name: return rest.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    case .port, .portOrDefault:
      if rest == "default" { return placeholder == .portOrDefault }
      return rest.allSatisfy { $0.isASCII && $0.isNumber }
        && (Int(rest).map { (1...65535).contains($0) } ?? false)
    }
  }

  public func applies(to loadBalancer: LoadBalancerType) -> Bool {
    loadBalancers?.contains(loadBalancer) ?? true
  }
}
