import EBCheckCore
import EBCheckFormats
import Testing

@Suite struct TerraformReaderTests {
  static func read(_ contents: [String: String]) -> InfrastructureRead {
    TerraformReader.read(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  static func rows(_ definition: InfrastructureDefinition) -> [[String]] {
    definition.settings.map { [$0.namespace, $0.option, $0.value] }
  }

  static let process = "aws:elasticbeanstalk:environment:process:default"

  @Test func settingsWithVariablesLocalsAndTfvars() throws {
    let files = [
      "infra/main.tf": """
      locals {
        process = "aws:elasticbeanstalk:environment:process:default"
        matcher = "200"
      }
      resource "aws_elastic_beanstalk_environment" "web" {
        name        = "mysite-${var.stage}"
        application = aws_elastic_beanstalk_application.app.name
        setting {
          namespace = local.process
          name      = "HealthCheckPath"
          value     = var.health_path
        }
        setting {
          namespace = local.process
          name      = "MatcherHTTPCode"
          value     = local.matcher
        }
        setting {
          namespace = local.process
          name      = "HealthCheckInterval"
          value     = var.interval
        }
        setting {
          namespace = "aws:elasticbeanstalk:application:environment"
          name      = "BUCKET"
          value     = aws_s3_bucket.media.id
        }
      }
      """,
      "infra/variables.tf": """
      variable "stage" { default = "dev" }
      variable "health_path" {
        type    = string
        default = "/"
      }
      variable "interval" {
        type = number
      }
      """,
      "infra/terraform.tfvars": "stage = \"prod\"\nhealth_path = \"/health/\"\n",
      "infra/z.auto.tfvars": "interval = 20\n",
    ]
    let read = Self.read(files)
    #expect(read.diagnostics.isEmpty)
    #expect(read.filesRead[.terraform] == 4)
    let web = try #require(read.definitions.first)
    #expect(read.definitions.count == 1)
    #expect(web.resource == "aws_elastic_beanstalk_environment.web")
    #expect(web.name == "mysite-prod")
    #expect(web.kind == .environment)
    #expect(
      Self.rows(web) == [
        [Self.process, "HealthCheckPath", "/health/"],
        [Self.process, "MatcherHTTPCode", "200"],
        [Self.process, "HealthCheckInterval", "20"],
        ["aws:elasticbeanstalk:application:environment", "BUCKET", "aws_s3_bucket.media.id"],
      ])
    // Each value is located where it is written: the tfvars line, the locals entry.
    let path = web.settings[0]
    #expect(path.location.file == "infra/terraform.tfvars")
    let tfvars = SourceFile(path: "x", text: files["infra/terraform.tfvars"]!)
    #expect(tfvars.text(path.location.span) == "\"/health/\"")
    #expect(web.settings[1].location.file == "infra/main.tf")
    #expect(web.settings[2].location.file == "infra/z.auto.tfvars")
    let main = SourceFile(path: "x", text: files["infra/main.tf"]!)
    #expect(main.text(path.keyLocation.span) == "\"HealthCheckPath\"")
    #expect(main.text(try #require(path.namespaceLocation).span).hasPrefix("\"aws:elastic"))
    #expect(web.settings[3].isDynamic)
    #expect(path.source == .infrastructure(.terraform, .environment, "infra/main.tf"))
  }

  @Test func aVariableWithoutValueIsUnknownWithItsReason() throws {
    let read = Self.read([
      "main.tf": """
      variable "health_path" {}
      resource "aws_elastic_beanstalk_environment" "web" {
        setting {
          namespace = "aws:elasticbeanstalk:environment:process:default"
          name      = "HealthCheckPath"
          value     = var.health_path
        }
      }
      """
    ])
    let setting = try #require(read.definitions.first?.settings.first)
    guard case .dynamic(let reason) = setting.kind else {
      Issue.record("expected a dynamic value")
      return
    }
    #expect(reason.contains("var.health_path has no default"))
    #expect(setting.value == "var.health_path")
  }

  @Test func dynamicSettingBlocksOverLiteralCollections() throws {
    let read = Self.read([
      "main.tf": """
      locals {
        health = {
          HealthCheckPath = "/health/"
          MatcherHTTPCode = "200,302"
        }
        env_vars = [
          { name = "DJANGO_SETTINGS_MODULE", value = "mysite.settings" },
          { name = "DEBUG", value = "false" },
        ]
      }
      resource "aws_elastic_beanstalk_environment" "web" {
        dynamic "setting" {
          for_each = local.health
          content {
            namespace = "aws:elasticbeanstalk:environment:process:default"
            name      = setting.key
            value     = setting.value
          }
        }
        dynamic "setting" {
          for_each = local.env_vars
          iterator = env
          content {
            namespace = "aws:elasticbeanstalk:application:environment"
            name      = env.value.name
            value     = env.value["value"]
          }
        }
      }
      """
    ])
    let web = try #require(read.definitions.first)
    #expect(
      Self.rows(web) == [
        [Self.process, "HealthCheckPath", "/health/"],
        [Self.process, "MatcherHTTPCode", "200,302"],
        [
          "aws:elasticbeanstalk:application:environment", "DJANGO_SETTINGS_MODULE",
          "mysite.settings",
        ],
        ["aws:elasticbeanstalk:application:environment", "DEBUG", "false"],
      ])
    #expect(web.settings[0].location.span != web.settings[1].location.span)
  }

  @Test func resourceForEachMakesOneEnvironmentPerKey() throws {
    let read = Self.read([
      "main.tf": """
      resource "aws_elastic_beanstalk_environment" "env" {
        for_each = { staging = "/", production = "/health/" }
        name     = "mysite-${each.key}"
        setting {
          namespace = "aws:elasticbeanstalk:environment:process:default"
          name      = "HealthCheckPath"
          value     = each.value
        }
      }
      """
    ])
    #expect(read.definitions.map(\.name) == ["mysite-production", "mysite-staging"])
    #expect(read.definitions.map { $0.settings.first?.value } == ["/health/", "/"])
    #expect(read.definitions[0].resource == "aws_elastic_beanstalk_environment.env[\"production\"]")
  }

  @Test func optionalVarFilesAreOneVariantEach() throws {
    let read = Self.read([
      "infra/main.tf": """
      variable "path" { default = "/" }
      resource "aws_elastic_beanstalk_environment" "web" {
        setting {
          namespace = "aws:elasticbeanstalk:environment:process:default"
          name      = "HealthCheckPath"
          value     = var.path
        }
      }
      """,
      "infra/prod.tfvars": "path = \"/health/\"\n",
      "infra/staging.tfvars": "path = \"/ping/\"\n",
    ])
    #expect(read.definitions.map { $0.settings.first?.value } == ["/health/", "/ping/"])
    #expect(
      read.definitions.map(\.resource).last
        == "aws_elastic_beanstalk_environment.web (staging.tfvars)")
  }

  @Test func localModuleCallsPassTheirArguments() throws {
    let read = Self.read([
      "envs/prod/main.tf": """
      module "web" {
        source      = "../../modules/beanstalk"
        health_path = "/health/"
        stage       = "prod"
      }
      """,
      "modules/beanstalk/main.tf": """
      variable "health_path" {}
      variable "stage" {}
      resource "aws_elastic_beanstalk_environment" "this" {
        name = "mysite-${var.stage}"
        setting {
          namespace = "aws:elasticbeanstalk:environment:process:default"
          name      = "HealthCheckPath"
          value     = var.health_path
        }
      }
      """,
    ])
    let web = try #require(read.definitions.first)
    #expect(read.definitions.count == 1)
    #expect(web.resource == "module.web.aws_elastic_beanstalk_environment.this")
    #expect(web.name == "mysite-prod")
    #expect(web.settings.first?.value == "/health/")
    #expect(web.settings.first?.location.file == "envs/prod/main.tf")
  }

  @Test func configurationTemplatesAndTheirReference() throws {
    let read = Self.read([
      "main.tf": """
      resource "aws_elastic_beanstalk_configuration_template" "base" {
        name        = "mysite-base"
        application = "mysite"
        setting {
          namespace = "aws:elasticbeanstalk:environment:process:default"
          name      = "HealthCheckPath"
          value     = "/health/"
        }
      }
      resource "aws_elastic_beanstalk_environment" "web" {
        name          = "mysite"
        template_name = aws_elastic_beanstalk_configuration_template.base.name
      }
      """
    ])
    #expect(read.definitions.map(\.kind) == [.configurationTemplate, .environment])
    #expect(
      read.definitions[1].templateReference == "aws_elastic_beanstalk_configuration_template.base")
    #expect(
      read.definitions[0].settings.first?.source
        == .infrastructure(.terraform, .configurationTemplate, "main.tf"))
  }

  @Test func sourceDirIsAHint() throws {
    let read = Self.read([
      "infra/main.tf": """
      data "archive_file" "bundle" {
        type        = "zip"
        source_dir  = "${path.module}/../backend"
        output_path = "${path.module}/bundle.zip"
      }
      resource "aws_elastic_beanstalk_environment" "web" {
        name = "x"
      }
      """
    ])
    #expect(read.definitions.first?.sourceHints.map(\.value) == ["backend"])
  }

  @Test func parseErrorsAreTF001AtTheirLine() throws {
    let read = Self.read(["infra/main.tf": "resource \"a\" \"b\" {\n  x = \"open\n}\n"])
    let diagnostic = try #require(read.diagnostics.first)
    #expect(diagnostic.rule == "TF001")
    #expect(diagnostic.location.file == "infra/main.tf")
    let file = SourceFile(path: "x", text: "resource \"a\" \"b\" {\n  x = \"open\n}\n")
    #expect(file.location(of: diagnostic.location.span.start).line == 2)
  }

  @Test func terraformCachesAreNotRead() {
    #expect(!TerraformReader.isTerraformPath("infra/.terraform/modules/x/main.tf"))
    #expect(TerraformReader.isTerraformPath("infra/main.tf"))
    #expect(FileClassifier.kind(of: "infra/prod.tfvars") == .terraform)
    #expect(FileClassifier.kind(of: "infra/.terraform/modules/x/main.tf") == .other)
  }

  @Test func evaluationIsBoundedAcrossSettingBlocks() throws {
    // A local list of 5,000 items read by 5,000 dynamic setting blocks: locals are evaluated
    // once and every copy of the evaluator draws on one budget, so this stays small.
    let items = (0..<5_000).map { "\"v\($0)\"" }.joined(separator: ", ")
    let read = Self.read([
      "main.tf": """
      locals {
        many  = [\(items)]
        pairs = [for a in local.many : [for b in local.many : b]]
      }
      resource "aws_elastic_beanstalk_environment" "e" {
        dynamic "setting" {
          for_each = local.many
          content {
            namespace = "aws:elasticbeanstalk:application:environment"
            name      = setting.value
            value     = length(local.pairs)
          }
        }
      }
      """
    ])
    let settings = try #require(read.definitions.first).settings
    #expect(settings.count == 5_000)
    #expect(settings.first?.value == "5000")
    #expect(settings.last?.option == "v4999")
  }
}
