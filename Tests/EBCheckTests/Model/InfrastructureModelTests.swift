import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckRules
import EBCheckSimulation
import Testing

@Suite struct InfrastructureModelTests {
  static func files(_ contents: [String: String]) -> SourceFiles {
    SourceFiles(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  static func app(_ prefix: String = "", ebextensions: String? = nil) -> [String: String] {
    var repo = ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n", healthPath: nil).files
    if let ebextensions { repo[".ebextensions/django.config"] = ebextensions }
    return Dictionary(uniqueKeysWithValues: repo.map { (prefix + $0.key, $0.value) })
  }

  static func terraform(path: String, name: String = "web", extra: String = "") -> String {
    """
    resource "aws_elastic_beanstalk_environment" "\(name)" {
      name = "mysite-\(name)"
      setting {
        namespace = "aws:elasticbeanstalk:environment"
        name      = "LoadBalancerType"
        value     = "application"
      }
      setting {
        namespace = "aws:elasticbeanstalk:environment:process:default"
        name      = "HealthCheckPath"
        value     = "\(path)"
      }
    \(extra)}

    """
  }

  @Test func settingsAppliedDirectlyOverrideEbextensions() throws {
    var repo = Self.app(
      ebextensions: """
        option_settings:
          aws:elasticbeanstalk:container:python:
            WSGIPath: mysite.wsgi:application
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /
        """)
    repo["infra/main.tf"] = Self.terraform(path: "/health/")
    let result = Linter.lint(Self.files(repo))
    let prediction = try #require(result.predictions.first)
    #expect(result.predictions.count == 1)
    #expect(prediction.path == "/health/")
    #expect(prediction.status == 200)
    #expect(prediction.environment.name == "mysite-web")
    let conflict = try #require(result.diagnostics.first { $0.rule == "EB009" })
    #expect(conflict.location.file == ".ebextensions/django.config")
    #expect(conflict.message.contains("Terraform applies its settings to the environment directly"))
  }

  @Test func oneEnvironmentPerDefinitionEachWithItsHandle() throws {
    var repo = Self.app()
    repo["infra/main.tf"] =
      Self.terraform(path: "/health/", name: "good") + Self.terraform(path: "/nope/", name: "bad")
    let result = Linter.lint(Self.files(repo))
    #expect(result.predictions.map(\.environment.name) == ["mysite-good", "mysite-bad"])
    #expect(result.predictions.map(\.environment.index) == [0, 1])
    #expect(result.predictions.map(\.status) == [200, 404])
    let notRouted = try #require(result.diagnostics.first { $0.rule == "HC004" })
    #expect(notRouted.location.file == "infra/main.tf")
  }

  @Test func aMisspeltOptionInASettingBlockIsEB001There() throws {
    var repo = Self.app()
    repo["infra/main.tf"] = Self.terraform(
      path: "/health/",
      extra: """
          setting {
            namespace = "aws:elasticbeanstalk:environment:process:default"
            name      = "HealthCheckIntervall"
            value     = "30"
          }

        """)
    let result = Linter.lint(Self.files(repo))
    let finding = try #require(result.diagnostics.first { $0.rule == "EB001" })
    #expect(finding.location.file == "infra/main.tf")
    let file = try #require(Self.files(repo)["infra/main.tf"])
    #expect(file.text(finding.location.span) == "\"HealthCheckIntervall\"")
    let edit = try #require(finding.fix?.edits.first)
    #expect(file.text(edit.span) == "HealthCheckIntervall")
    #expect(edit.replacement == "HealthCheckInterval")
  }

  @Test func eb002FixEditsTheTfvarsBytes() throws {
    var repo = Self.app()
    repo["infra/main.tf"] = """
      variable "interval" { default = 30 }
      resource "aws_elastic_beanstalk_environment" "web" {
        setting {
          namespace = "aws:elasticbeanstalk:environment:process:default"
          name      = "HealthCheckInterval"
          value     = var.interval
        }
        setting {
          namespace = "aws:elasticbeanstalk:environment:process:default"
          name      = "HealthCheckPath"
          value     = "/health/"
        }
      }
      """
    repo["infra/terraform.tfvars"] = "interval = 900 # 초\n"
    let files = Self.files(repo)
    let result = Linter.lint(files)
    let finding = try #require(result.diagnostics.first { $0.rule == "EB002" })
    #expect(finding.location.file == "infra/terraform.tfvars")
    let edit = try #require(finding.fix?.edits.first)
    #expect(files["infra/terraform.tfvars"]?.text(edit.span) == "900")
    #expect(edit.replacement == "300")
  }

  @Test func appFolderChoiceIsExplainedInTheTrace() throws {
    var repo = Self.app("backend/")
    repo.merge(Self.app("tools/")) { $1 }
    repo["backend/infra/main.tf"] = Self.terraform(path: "/health/")
    let result = Linter.lint(Self.files(repo))
    // tools/ is a bundle of its own (its .ebextensions), with its own environment.
    #expect(result.predictions.map(\.environment.name).sorted() == ["mysite-web", "tools"])
    let prediction = try #require(result.predictions.first { $0.environment.name == "mysite-web" })
    let application = try #require(prediction.trace.hops.first { $0.step == "application" })
    #expect(application.detail.contains("deploys backend/"))
    #expect(application.detail.contains("2 application folders could match"))
    #expect(prediction.trace.hops.first?.location?.file == "backend/infra/main.tf")
  }

  @Test func infrastructureOutsideTheAppFolderKeepsItsPaths() throws {
    var repo = Self.app("app/")
    repo["infra/main.tf"] =
      """
      data "archive_file" "bundle" {
        type        = "zip"
        source_dir  = "${path.module}/../app"
        output_path = "bundle.zip"
      }

      """ + Self.terraform(path: "/health")
    let result = Linter.lint(Self.files(repo))
    let prediction = try #require(result.predictions.first)
    #expect(prediction.path == "/health")
    #expect(prediction.status == 301)
    let redirect = try #require(result.diagnostics.first { $0.rule == "HC003" })
    #expect(redirect.location.file == "infra/main.tf")
    let edit = try #require(redirect.fix?.edits.first)
    #expect(edit.file == "infra/main.tf")
    #expect(edit.replacement == "/health/")
    #expect(Self.files(repo)["infra/main.tf"]?.text(edit.span) == "/health")
    let application = try #require(prediction.trace.hops.first { $0.step == "application" })
    #expect(application.detail.contains("source_dir names app"))
  }

  @Test func parseErrorsOfInfrastructureAreReportedOnceInAMonorepo() throws {
    var repo = Self.app("a/")
    repo.merge(Self.app("b/")) { $1 }
    repo["infra/broken.tf"] = "locals {\n  x = \"open\n}\n"
    let result = Linter.lint(Self.files(repo))
    #expect(result.diagnostics.filter { $0.rule == "TF001" }.count == 1)
  }

  @Test func valueEditsKeepEachSyntax() {
    let files = Self.files([
      "a.tf": "x = \"/\"\ny = 30\n",
      "t.yaml": "A: /\nB: 5\n",
      "t.json": "{\"A\": \"/\"}",
      "stack.py": "x = '/'\n",
    ])
    func edit(_ path: String, _ text: String, _ value: String) -> (String, String) {
      let file = files[path]!
      let start = Array(file.text.utf8).firstRange(of: Array(text.utf8))!.lowerBound
      let edit = OptionEdits.valueEdit(
        at: Location(file: path, span: Span(start, start + text.utf8.count)), to: value,
        files: files)
      return edit.map { (file.text($0.span), $0.replacement) } ?? ("", "<none>")
    }
    #expect(edit("a.tf", "\"/\"", "/health/") == ("/", "/health/"))
    #expect(edit("a.tf", "30", "300") == ("30", "300"))
    #expect(edit("a.tf", "30", "${x}") == ("30", "\"$${x}\""))
    #expect(edit("t.yaml", "5", "10") == ("5", "'10'"))
    #expect(edit("t.json", "\"/\"", "/a\"b") == ("/", "/a\\\"b"))
    #expect(edit("stack.py", "'/'", "/it's") == ("/", "/it\\'s"))
    // A value computed in code is not edited.
    #expect(edit("a.tf", "x", "/") == ("", "<none>"))
  }
}
