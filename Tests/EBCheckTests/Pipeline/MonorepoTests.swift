import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckRules
import Testing

/// Several Beanstalk applications in one repository are linted folder by folder.
@Suite struct MonorepoTests {
  static func app(_ prefix: String, hosts: String) -> [SourceFile] {
    let example = ExampleRepo.django(settings: "ALLOWED_HOSTS = \(hosts)\n")
    return example.files.map { SourceFile(path: prefix + $0.key, text: $0.value) }
  }

  @Test func eachApplicationIsSimulatedInItsOwnFolder() throws {
    let files = SourceFiles(
      Self.app("services/api/", hosts: "['api.example.com']")
        + Self.app("services/web/", hosts: "['*']"))
    let result = Linter.lint(files)
    #expect(result.predictions.map(\.environment.name) == ["services/api", "services/web"])
    #expect(result.predictions.map(\.status) == [400, 200])
    let hostFinding = try #require(result.diagnostics.first { $0.rule == "HC001" })
    #expect(hostFinding.location.file == "services/api/mysite/settings.py")
    #expect(hostFinding.fix?.edits.allSatisfy { $0.file.hasPrefix("services/api/") } == true)
    #expect(
      result.diagnostics.contains {
        $0.rule == "DJ001" && $0.location.file.hasPrefix("services/web/")
      })
  }

  @Test func strayConfigurationIsLintedButNotSimulated() throws {
    // A module folder of infrastructure code with an `.ebextensions` of its own: nothing to
    // deploy there, so no phantom environment; its options are still checked.
    let files = SourceFiles(
      Self.app("", hosts: "['*']") + [
        SourceFile(
          path: "infra/module/.ebextensions/health.config",
          text:
            "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckpath: /health/\n"
        ),
        SourceFile(path: "infra/module/main.tf", text: "# module\n"),
      ])
    let result = Linter.lint(files)
    #expect(result.predictions.count == 1)
    #expect(result.predictions.first?.status == 200)
    let typo = try #require(result.diagnostics.first { $0.rule == "EB001" })
    #expect(typo.location.file == "infra/module/.ebextensions/health.config")
  }

  @Test func aDockerrunFileAloneMarksABeanstalkApplication() {
    let files = SourceFiles([
      SourceFile(
        path: "Dockerrun.aws.json",
        text: #"{"AWSEBDockerrunVersion": "1", "Ports": [{"ContainerPort": 8000}]}"#),
      SourceFile(path: "Dockerfile", text: "FROM python:3.12\nEXPOSE 8000\n"),
    ])
    #expect(BeanstalkConfiguration.appRoots(in: files) == [""])
    let result = Linter.lint(files)
    #expect(result.predictions.count == 1)
  }

  @Test func fixesLandInTheRightFolderAndHeal() {
    let files = SourceFiles(Self.app("services/api/", hosts: "['api.example.com']"))
    let outcome = FixSession.run(files, options: LintOptions(), includeUnsafe: false)
    #expect(outcome.changed.keys.contains("services/api/mysite/ebcheck_health.py"))
    #expect(outcome.remaining.predictions.first?.healthy == true)
  }
}
