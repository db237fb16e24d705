import EBCheckCore

/// Text a user pastes or applies, rendered from the embedded templates.
public enum Generators {
  /// The middleware module and the `MIDDLEWARE` entry that enables it.
  public static func middleware(path: String, module: String) -> (source: String, entry: String) {
    let source = TemplateRenderer().render(
      .middleware, ["path": path, "className": HealthMiddleware.className])
    return (source, "\(module).\(HealthMiddleware.className)")
  }

  /// Python that appends the instance private IP (IMDSv2 with a token) to ALLOWED_HOSTS.
  public static func allowedHostsSnippet() -> String {
    String(TemplateRenderer().render(.imdsAllowedHosts, [:]).drop { $0 == "\n" })
  }

  public static func ebextensions(_ spec: HealthCheckSpec) -> String {
    let spec = spec.clampedForBeanstalk
    var values = spec.templateValues
    values["loadBalancerPhrase"] =
      spec.loadBalancer == .application
      ? "an application load balancer" : "a \(spec.loadBalancer.rawValue) load balancer"
    switch spec.loadBalancer {
    case .application, .none: values["application"] = true
    case .network: values["network"] = true
    case .classic: values["classic"] = true
    }
    return TemplateRenderer().render(.ebextensions, values)
  }

  public enum TargetGroupFormat: String, Sendable, CaseIterable {
    case cloudformation
    case terraform
    case cli
  }

  public static func targetGroup(_ spec: HealthCheckSpec, format: TargetGroupFormat) -> String {
    let spec = spec.clampedForTargetGroupAPI
    var values = spec.templateValues
    values["targetProtocol"] = spec.loadBalancer == .network ? "TCP" : "HTTP"
    values["name"] = "ebcheck-health-\(spec.process)"
    let name: TemplateRenderer.Name =
      switch format {
      case .cloudformation: .cloudFormation
      case .terraform: .terraform
      case .cli: .cli
      }
    return TemplateRenderer().render(name, values)
  }
}

/// Facts about the middleware ebcheck generates, shared by the generator and the fixes.
public enum HealthMiddleware {
  public static let className = "HealthCheckMiddleware"
  public static let defaultPath = "/health/"
}
