import EBCheckCore

/// TF001: a Terraform file that is not valid HCL, so its Beanstalk settings cannot be read.
public struct TerraformParseRule: ReaderProblemRule {
  public static let id = ReaderProblem.terraformSyntax.id

  public let problem = ReaderProblem.terraformSyntax

  public init() {}

  public let description = RuleDescription(
    id: Self.id, name: "terraform-parse-error", severity: .error,
    summary: "A Terraform `.tf` or `.tfvars` file is not valid HCL.",
    rationale: """
      Terraform refuses to plan or apply while any file of the configuration does not parse, so \
      the Beanstalk environment it defines is never created or updated; ebcheck cannot read the \
      `setting` blocks after the error either, and judges the health check without them. An \
      unterminated string, a missing closing brace, two attributes on one line and an unclosed \
      heredoc are the usual causes. ebcheck also reports files past its size and nesting limits.
      """,
    fix:
      "Fix the syntax at the reported position; `terraform fmt` and `terraform validate` show the same error.",
    fixable: false,
    triggering: [
      RuleExample(
        path: "infra/main.tf",
        """
        resource "aws_elastic_beanstalk_environment" "web" {
          setting {
            namespace = "aws:elasticbeanstalk:environment:process:default"
            name      = "HealthCheckPath"
            value     = ↓"/health/
          }
        }
        """
      ).saying("unterminated string"),
      RuleExample(
        path: "infra/variables.tf",
        "# 헬스 체크 경로 ✗\r\nvariable \"health_path\" {\r\n  default = \"/health/\" ↓description = \"경로\"\r\n}\r\n"
      ),
      RuleExample(
        path: "infra/prod.tfvars",
        """
        health_path = "/health/"
        matcher     = ↓}
        """),
    ],
    nonTriggering: [
      RuleExample(
        path: "infra/main.tf",
        """
        # 헬스 체크 ✓
        resource "aws_elastic_beanstalk_environment" "web" {
          name = "mysite-${var.stage}"
          setting {
            namespace = "aws:elasticbeanstalk:environment:process:default"
            name      = "HealthCheckPath"
            value     = "/health/"
          }
        }
        """),
      RuleExample(
        path: "infra/variables.tf",
        "# 헬스 체크 경로 ✓\r\nvariable \"health_path\" {\r\n  default     = \"/health/\"\r\n  description = <<-EOT\r\n    경로\r\n  EOT\r\n}\r\n"
      ),
      RuleExample(
        path: "infra/legacy.tf",
        """
        locals {
          path = "/health/" description = "kept for now"  # ebcheck: ignore[TF001]
        }
        """),
      RuleExample(
        path: "infra/slashes.tf",
        """
        locals {
          path = "/health/" description = "kept"  // ebcheck: ignore[TF001]
        }
        """),
    ],
    references: [
      "https://developer.hashicorp.com/terraform/language/syntax/configuration",
      "https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md",
    ])
}
