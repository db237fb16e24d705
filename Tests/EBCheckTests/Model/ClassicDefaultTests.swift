import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckRules
import Testing

/// An environment infrastructure code creates through the API without `LoadBalancerType`
/// gets the API's default, a classic load balancer (docs/facts.md §1).
@Suite struct ClassicDefaultTests {
  static func lint(_ infra: [String: String]) -> LintResult {
    var repo = ExampleRepo.django(
      settings: "ALLOWED_HOSTS = ['www.example.com']\n", healthPath: nil
    )
    .files
    repo.merge(infra) { $1 }
    return Linter.lint(
      SourceFiles(repo.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) }))
  }

  static let terraform = """
    resource "aws_elastic_beanstalk_environment" "web" {
      name = "shop-web"
      setting {
        namespace = "aws:elasticbeanstalk:environment:process:default"
        name      = "HealthCheckPath"
        value     = "/health/"
      }
    %@}

    """

  @Test func terraformWithoutLoadBalancerTypeIsClassicAndChecksTCP() throws {
    let result = Self.lint([
      "infra/main.tf": Self.terraform.replacingOccurrences(of: "%@", with: "")
    ])
    let prediction = try #require(result.predictions.first)
    #expect(prediction.protocol == "TCP")
    #expect(prediction.healthy == true)
    let ignored = try #require(result.diagnostics.first { $0.rule == "EB004" })
    #expect(
      ignored.message.contains("Terraform creates it through the API, which defaults to classic"))
    #expect(
      prediction.trace.hops.contains {
        $0.step == "load balancer" && $0.detail.contains("classic load balancer")
      })
  }

  @Test func aClassicHealthURLIsChecked() throws {
    let url = """
        setting {
          namespace = "aws:elasticbeanstalk:application"
          name      = "Application Healthcheck URL"
          value     = "/health/"
        }

      """
    let result = Self.lint([
      "infra/main.tf": Self.terraform.replacingOccurrences(of: "%@", with: url)
    ])
    let prediction = try #require(result.predictions.first)
    #expect(prediction.protocol == "HTTP")
    #expect(prediction.status == 400)
  }

  @Test func theEBCLIAndTheConsoleStillGetAnApplicationLoadBalancer() throws {
    let result = Self.lint([
      ".ebextensions/health.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /health/\n"
    ])
    let prediction = try #require(result.predictions.first)
    #expect(prediction.protocol == "HTTP")
    #expect(!result.diagnostics.contains { $0.rule == "EB004" })
  }

  @Test func aMultiContainerTCPCheckIsNotGuessed() throws {
    let files: [String: String] = [
      "manage.py": "",
      "infra/main.tf": """
      resource "aws_elastic_beanstalk_environment" "web" {
        name                = "shop-web"
        solution_stack_name = "64bit Amazon Linux 2018.03 v2.20.0 running Multi-container Docker 18.09.9-ce (Generic)"
      }

      """,
      "Dockerrun.aws.json": """
      {"AWSEBDockerrunVersion": 2, "containerDefinitions": [
        {"name": "web", "image": "shop/web", "essential": true, "memory": 256,
         "portMappings": [{"hostPort": 80, "containerPort": 8000}]}]}
      """,
    ]
    let result = Linter.lint(
      SourceFiles(files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    )
    let prediction = try #require(result.predictions.first)
    #expect(prediction.protocol == "TCP")
    #expect(prediction.healthy == nil)
    guard case .unverifiable(let reasons) = prediction.verdict else {
      Issue.record("expected unverifiable, got \(prediction.verdict)")
      return
    }
    #expect(reasons.first?.reason.contains("multi-container Docker") == true)
  }
}
