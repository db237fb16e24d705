import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckRules
import EBCheckSimulation
import Testing

/// Which generation an environment runs, and what the repository leaves open about it: the
/// stack infrastructure code names, and both IMDSv1 defaults when nothing names one.
@Suite struct PlatformGenerationTests {
  static let tokenLessLookup = """
    import requests
    ALLOWED_HOSTS = ['www.example.com']
    try:
        ALLOWED_HOSTS.append(requests.get('http://169.254.169.254/latest/meta-data/local-ipv4', timeout=0.5).text)
    except requests.exceptions.RequestException:
        pass

    """

  static func terraform(_ stack: String) -> [String: String] {
    [
      "infra/main.tf": """
      resource "aws_elastic_beanstalk_environment" "web" {
        name                = "web-prod"
        application         = "web"
        solution_stack_name = "\(stack)"
        setting {
          namespace = "aws:elasticbeanstalk:environment"
          name      = "LoadBalancerType"
          value     = "application"
        }
      }

      """
    ]
  }

  @Test func terraformStackNamesTheGeneration() throws {
    let files = PlatformTests.files(
      Self.terraform("64bit Amazon Linux 2 v3.7.2 running Python 3.8"),
      settings: Self.tokenLessLookup)
    let environment = try PlatformTests.environment(files)
    #expect(environment.platform.generation.value == .amazonLinux2)
    #expect(environment.platform.generation.location?.file == "infra/main.tf")
    #expect(environment.imdsV1Disabled.value == false)
    #expect(environment.djangoWhereIMDSv1Answers == nil)
    // IMDSv1 answers on Amazon Linux 2: the looked-up IP is allowed.
    let result = Linter.lint(files)
    #expect(result.predictions.first?.status == 200)
    #expect(result.diagnostics.first { $0.rule == "DJ003" }?.severity == .warning)
  }

  @Test func cloudFormationStackNamesTheGeneration() throws {
    let files = PlatformTests.files([
      "infra/stack.yaml": """
      Resources:
        Web:
          Type: AWS::ElasticBeanstalk::Environment
          Properties:
            ApplicationName: web
            SolutionStackName: 64bit Amazon Linux 2018.03 v2.9.4 running Python 3.6

      """
    ])
    let environment = try PlatformTests.environment(files)
    #expect(environment.platform.generation.value == .amazonLinuxAMI)
    #expect(environment.platform.generation.location?.file == "infra/stack.yaml")
  }

  @Test func noPlatformNamedGivesBothIMDSDefaults() throws {
    let files = PlatformTests.files([:], settings: Self.tokenLessLookup)
    let environment = try PlatformTests.environment(files)
    #expect(environment.platform.generation.isDefault)
    #expect(environment.djangoWhereIMDSv1Answers != nil)
    let result = Linter.lint(files)
    let prediction = try #require(result.predictions.first)
    guard case .conditional(let outcomes) = prediction.verdict else {
      Issue.record("expected an outcome per generation, got \(prediction.verdict)")
      return
    }
    #expect(outcomes.map(\.status) == [400, 200])
    #expect(outcomes.map { $0.premise?.kind } == [.platformGeneration, .platformGeneration])
    #expect(outcomes[0].condition.contains("Amazon Linux 2023"))
    // The Amazon Linux 2023 outcome is what a new environment gets (Amazon Linux 2 is past
    // its end of support): HC001 and DJ003 are errors, the older generations' 200 stated.
    let hc001 = try #require(result.diagnostics.first { $0.rule == "HC001" })
    #expect(hc001.severity == .error)
    #expect(hc001.fix != nil)
    #expect(hc001.message.contains("the repository names no platform"))
    #expect(hc001.message.contains("older Amazon Linux 2 or AMI environment"))
    #expect(result.diagnostics.first { $0.rule == "DJ003" }?.severity == .error)
  }

  @Test func noPlatformNamedAndWildcardHostsIsOneAnswer() throws {
    // '*' allows the checker whatever IMDS answers: no second case to build or report.
    let files = PlatformTests.files(
      [:], settings: Self.tokenLessLookup + "ALLOWED_HOSTS = ['*']\n")
    let result = Linter.lint(files)
    #expect(result.predictions.first?.status == 200)
  }

  @Test func multiContainerImageCodeIsImportedFromItsBuildContext() throws {
    // The ECS platform runs images; the Django code a Dockerfile beside it copies is what
    // runs, imported from that folder: its settings module is found there (no EB006).
    var files: [String: String] = [:]
    for (path, text) in ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n").files
    where !path.hasPrefix(".ebextensions/") {
      files["webapp/" + path] = text
    }
    files["webapp/Dockerfile"] = "FROM python:3.12\nWORKDIR /srv\nCOPY . .\n"
    files["webapp/manage.py"] =
      "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
    files["Dockerrun.aws.json"] = """
      {"AWSEBDockerrunVersion": 2, "containerDefinitions": [
        {"name": "web", "image": "example/web", "portMappings": [{"hostPort": 80, "containerPort": 8000}]}
      ]}

      """
    let sources = SourceFiles(
      files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    let environment = try PlatformTests.environment(sources)
    #expect(environment.platform.runtime.value == .multicontainerDocker)
    #expect(environment.django != nil)
    #expect(!Linter.lint(sources).diagnostics.contains { $0.rule == "EB006" })
  }
}
