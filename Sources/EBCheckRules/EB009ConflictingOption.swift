import EBCheckCore
import EBCheckFormats

/// EB009: one option set to different values in different files.
public struct ConflictingOptionRule: Rule {
  public static let id = "EB009"

  public init() {}

  public let description = RuleDescription(
    id: Self.id, name: "conflicting-option-values", severity: .warning,
    summary:
      "The same option is set to different values in different files; only one of them applies.",
    rationale: """
      Beanstalk applies `.ebextensions/*.config` files in alphabetical order, so a later file silently \
      overrides an earlier one, and a saved configuration overrides every configuration file. Someone \
      fixes `HealthCheckPath` in `01_health.config` while `02_django.config` still sets `/`, and the \
      health check never changes.
      """,
    fix: "Keep each option in one file, or make the values agree.",
    fixable: false,
    triggering: [
      RuleExample([
        ".ebextensions/health.config": """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: ↓/
        """,
        "terraform/main.tf": """
        resource "aws_elastic_beanstalk_environment" "web" {
          setting {
            namespace = "aws:elasticbeanstalk:environment:process:default"
            name      = "HealthCheckPath"
            value     = "/health/"
          }
        }
        """,
      ]).saying("in terraform/main.tf, which wins"),
      RuleExample([
        ".ebextensions/01_health.config": """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /health/
        """,
        ".ebextensions/02_django.config": """
        option_settings:
          - namespace: aws:elasticbeanstalk:environment:process:default
            option_name: HealthCheckPath
            value: /
        """,
      ]),
      RuleExample([
        ".ebextensions/health.config":
          "# 헬스 체크 경로 ✓\r\noption_settings:\r\n  aws:elasticbeanstalk:environment:process:default:\r\n    HealthCheckPath: /health/\r\n",
        ".elasticbeanstalk/saved_configs/prod.cfg.yml": """
        EnvironmentConfigurationMetadata:
          Description: saved from the console
        AWSConfigurationTemplateVersion: 1.1.0.0
        OptionSettings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /
        """,
      ]),
    ],
    nonTriggering: [
      RuleExample([
        ".ebextensions/01_health.config": """
        # 같은 값이면 괜찮습니다 ✓
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /health/
        """,
        ".ebextensions/02_more.config":
          "option_settings:\r\n  aws:elasticbeanstalk:environment:process:default:\r\n    HealthCheckPath: /health/\r\n    HealthCheckInterval: 30\r\n",
      ]),
      RuleExample([
        ".ebextensions/01_health.config": """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /  # ebcheck: ignore[EB009]
        """,
        ".ebextensions/02_health.config": """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /health/
        """,
      ]),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options.html#configuration-options-precedence",
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/ebextensions.html",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.perConfiguration(checkConfiguration)
  }

  private func checkConfiguration(_ context: LintContext) -> [Diagnostic] {
    var groups: [String: [OptionSetting]] = [:]
    var order: [String] = []
    for setting in context.beanstalk.settings {
      let key = setting.namespace + "\u{0}" + setting.option
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(setting)
    }
    var found: [Diagnostic] = []
    for key in order {
      guard let settings = groups[key], let winner = settings.last else { continue }
      for loser in settings.dropLast()
      where loser.location.file != winner.location.file && loser.value != winner.value {
        found.append(
          diagnostic(
            "\(loser.option) (\(loser.namespace)) is set to '\(loser.value)' here but to '\(winner.value)' in \(winner.location.file), which wins: \(reason(loser: loser.source, winner: winner.source))",
            at: loser.location, related: [RelatedLocation(winner.location, "this value applies")],
            help: "keep \(loser.option) in one file so the value that applies is the one you read"))
      }
    }
    return found
  }

  private func reason(loser: OptionSource, winner: OptionSource) -> String {
    if case .infrastructure(let tool, let kind, _) = winner {
      switch (loser.isInfrastructure, kind) {
      case (false, .environment):
        return
          "\(tool.displayName) applies its settings to the environment directly, and settings applied directly take precedence over saved configurations and .ebextensions"
      case (false, .configurationTemplate):
        return
          "the \(tool.displayName) configuration template is a saved configuration, which takes precedence over .ebextensions configuration files"
      case (true, .environment) where loser.precedence < winner.precedence:
        return
          "settings the \(tool.displayName) environment applies directly take precedence over its configuration template"
      case (true, _):
        return "the later setting for the same option is the one the environment keeps"
      }
    }
    switch (loser, winner) {
    case (.ebextension, .ebextension):
      return
        "configuration files apply in alphabetical order and the later file overrides earlier ones"
    case (.ebextension, .savedConfig):
      return "a saved configuration takes precedence over .ebextensions configuration files"
    case (.savedConfig, .savedConfig):
      return
        "both saved configurations are read and the later one is assumed; only the one an environment is created or updated from applies"
    case (.savedConfig, .ebextension):
      return "configuration files apply later"
    default:
      return "it is applied later"
    }
  }
}
