import EBCheckCore

/// Y001: a Beanstalk YAML/JSON file that does not parse (or breaks a reader limit).
public struct ConfigurationParseRule: ReaderProblemRule {
  public static let id = ReaderProblem.configurationSyntax.id

  public let problem = ReaderProblem.configurationSyntax

  public init() {}

  public let description = RuleDescription(
    id: Self.id, name: "configuration-parse-error", severity: .error,
    summary:
      "A `.ebextensions` config, saved configuration or `.elasticbeanstalk/config.yml` does not parse.",
    rationale: """
      Beanstalk refuses to deploy a bundle whose configuration files are not valid YAML or JSON \
      ("The configuration file … in application version … contains invalid YAML or JSON"). Tabs used \
      for YAML indentation, unclosed quotes and a missing space after a colon are the usual causes. \
      ebcheck also reports duplicate keys (the later one silently wins) and files past its size, depth \
      and alias limits.
      """,
    fix: "Fix the syntax at the reported position; indent YAML with spaces only.",
    fixable: false,
    triggering: [
      RuleExample(
        path: ".ebextensions/health.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: "/health/↓
        """
      ).saying("found unexpected end of stream"),
      RuleExample(
        path: ".ebextensions/tabs.config",
        "# 탭 들여쓰기는 안 됩니다 ✗\r\noption_settings:\r\n↓\taws:elasticbeanstalk:application:environment:\r\n\t\tDEBUG: false\r\n"
      ),
      RuleExample(
        path: ".ebextensions/dup.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /
            ↓HealthCheckPath: /health/
        """),
    ],
    nonTriggering: [
      RuleExample(
        path: ".ebextensions/health.config",
        """
        # 헬스 체크 ✓
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: "/health/"
        """),
      RuleExample(
        path: ".ebextensions/json.config",
        "{\r\n\t\"option_settings\": {\r\n\t\t\"aws:elasticbeanstalk:application:environment\": {\"DEBUG\": \"false\"}\r\n\t}\r\n}\r\n"
      ),
      RuleExample(
        path: ".ebextensions/dup.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /
            HealthCheckPath: /health/  # ebcheck: ignore[Y001]
        """),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/ebextensions.html",
      "https://yaml.org/spec/1.1/",
    ])
}
