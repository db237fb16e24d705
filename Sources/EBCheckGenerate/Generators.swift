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

  /// Where Beanstalk option settings are written.
  public enum SettingsFormat: String, Sendable, CaseIterable {
    /// `.ebextensions/*.config` `option_settings`.
    case ebextensions
    /// `setting { namespace, name, value }` blocks of `aws_elastic_beanstalk_environment`.
    case terraform
    /// `OptionSettings` entries of `AWS::ElasticBeanstalk::Environment`.
    case cloudformation
  }

  public static func ebextensions(_ spec: HealthCheckSpec) -> String {
    optionSettings(spec, format: .ebextensions)
  }

  /// The health check as Beanstalk option settings in one of the places they are written.
  public static func optionSettings(_ spec: HealthCheckSpec, format: SettingsFormat) -> String {
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
    switch format {
    case .ebextensions:
      return TemplateRenderer().render(.ebextensions, values)
    case .terraform, .cloudformation:
      values["settings"] = spec.optionRows.map { row -> [String: Any] in
        [
          "namespace": row.namespace, "name": row.option,
          "value": quoted(row.value, terraform: format == .terraform),
        ]
      }
      let text = TemplateRenderer().render(
        format == .terraform ? .terraformSettings : .cloudFormationSettings, values)
      return text.hasSuffix("\n") ? text : text + "\n"
    }
  }

  /// Text for inside double quotes: HCL and YAML escape `\` and `"`; HCL also `${` and `%{`.
  static func quoted(_ value: String, terraform: Bool) -> String {
    var text = value.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"")
    if terraform {
      text = text.replacingOccurrences("${", "$${").replacingOccurrences("%{", "%%{")
    }
    return text
  }

  public enum TargetGroupFormat: String, Sendable, CaseIterable {
    case cloudformation
    case terraform
    case cli
    /// The target group's health check as the Beanstalk process options that configure it,
    /// in a Terraform `setting` block each (Beanstalk owns the target group).
    case terraformSetting = "terraform-setting"
    /// The same as CloudFormation `OptionSettings` entries.
    case cloudformationOptionSettings = "cloudformation-option-settings"
  }

  public static func targetGroup(_ spec: HealthCheckSpec, format: TargetGroupFormat) -> String {
    switch format {
    case .terraformSetting: return optionSettings(spec, format: .terraform)
    case .cloudformationOptionSettings: return optionSettings(spec, format: .cloudformation)
    default: break
    }
    let spec = spec.clampedForTargetGroupAPI
    var values = spec.templateValues
    values["targetProtocol"] = spec.loadBalancer == .network ? "TCP" : "HTTP"
    values["name"] = "ebcheck-health-\(spec.process)"
    let name: TemplateRenderer.Name =
      switch format {
      case .cloudformation: .cloudFormation
      case .terraform: .terraform
      case .cli, .terraformSetting, .cloudformationOptionSettings: .cli
      }
    return TemplateRenderer().render(name, values)
  }
}

/// Facts about the middleware ebcheck generates, shared by the generator and the fixes.
public enum HealthMiddleware {
  public static let className = "HealthCheckMiddleware"
  public static let defaultPath = "/health/"
}
