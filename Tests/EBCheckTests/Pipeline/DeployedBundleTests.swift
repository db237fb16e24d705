import EBCheck
import EBCheckCore
import EBCheckReport
import EBCheckSimulation
import Foundation
import Testing

/// A deploy script that copies files into the bundle before `eb deploy`: each bundle it can
/// assemble is linted, and each answer carries the bundle's condition.
@Suite struct DeployedBundleTests {
  static func fixture(_ name: String) -> String {
    TestPaths.repository.appendingPathComponent("Fixtures/projects/\(name)").path
  }

  static func lint(_ path: String) throws -> LintResult {
    let workspace = try Workspace.load(path: path)
    return workspace.lint(workspace.options(env: [:], select: [], ignore: []))
  }

  static func outcomes(_ result: LintResult) throws -> [ConditionedOutcome] {
    let prediction = try #require(result.predictions.first)
    guard case .conditional(let outcomes) = prediction.verdict else {
      Issue.record("not conditional: \(prediction.verdict)")
      return []
    }
    return outcomes
  }

  @Test func eachStageIsABundleWithItsCondition() throws {
    let result = try Self.lint(Self.fixture("deploy-script-stage-prod"))
    let outcomes = try Self.outcomes(result)
    #expect(
      outcomes.map(\.condition) == [
        "if scripts/deploy.sh deploys it with STAGE=prod",
        "if scripts/deploy.sh deploys it with STAGE=staging",
      ])
    #expect(outcomes.map(\.status) == [200, 502])
    #expect(outcomes.allSatisfy { $0.premise?.kind == .deployedBundle })
    #expect(result.predictions[0].healthy == nil)
    // The 502 is the staging bundle's: reported at the shared Dockerfile with its condition,
    // and with no fix (binding :5000 would break the prod bundle).
    let port = try #require(result.diagnostics.first { $0.rule == "EB008" })
    #expect(
      port.related.contains {
        $0.label == "holds if scripts/deploy.sh deploys it with STAGE=staging"
      })
    #expect(port.fix == nil)
  }

  @Test func aFixForOneBundleIsKeptWhenTheOthersStayHealthy() throws {
    let result = try Self.lint(Self.fixture("deploy-script-ebextensions-settings"))
    #expect(try Self.outcomes(result).map(\.status) == [400, 200])
    let hosts = try #require(result.diagnostics.first { $0.rule == "HC001" })
    #expect(hosts.location.file == "almanac/settings/production.py")
    #expect(hosts.fix != nil)
  }

  @Test func aCopyWithoutAVariableIsTheOnlyBundle() throws {
    let result = try Self.lint(Self.fixture("deploy-makefile-dockerrun-command"))
    let prediction = try #require(result.predictions.first)
    #expect(prediction.status == 502)
    let loopback = try #require(result.diagnostics.first { $0.rule == "DK001" })
    // Reported, and fixed, in the file the Makefile copies.
    #expect(loopback.location.file == "deploy/Dockerrun.aws.json")
    #expect(loopback.fix?.edits.map(\.file) == ["deploy/Dockerrun.aws.json"])
  }

  @Test func ignoredSourcesAreReadAndIgnoredDestinationsAreNotDeployed() throws {
    let tree = TempTree()
    tree.write(".ebignore", "*\n!Dockerrun.aws.json\n!Dockerfile\n")
    tree.write(
      "Dockerfile",
      "FROM python:3.12-slim\nEXPOSE 8000\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"a.wsgi\"]\n"
    )
    tree.write(
      "environments/prod/Dockerrun.aws.json",
      "{\"AWSEBDockerrunVersion\": \"1\", \"Ports\": [{\"ContainerPort\": 5000}]}\n")
    tree.write("environments/prod/extra.config", "option_settings: {}\n")
    tree.write(
      "bin/deploy",
      "cp environments/$ENV/Dockerrun.aws.json .\ncp environments/$ENV/extra.config .ebextensions/\neb deploy\n"
    )
    let workspace = try Workspace.load(path: tree.root)
    let candidate = try #require(workspace.files.bundleCandidates.first)
    #expect(workspace.files.bundleCandidates.count == 1)
    #expect(candidate.condition == "if bin/deploy deploys it with ENV=prod")
    // `.ebextensions/extra.config` is not in the .ebignore's exceptions: never uploaded.
    #expect(candidate.copies.map(\.destination) == ["Dockerrun.aws.json"])
    let result = workspace.lint(workspace.options(env: [:], select: [], ignore: []))
    #expect(result.predictions.first?.status == 502)
    // The copied file and the script are shown where findings name them.
    #expect(result.files["environments/prod/Dockerrun.aws.json"] != nil)
    #expect(result.files["bin/deploy"] != nil)
  }

  @Test func aFolderCopiedFromIsNoApplicationAndLinksOutOfTheRootAreNotRead() throws {
    let tree = TempTree()
    let outside = TempTree()
    outside.write("Dockerrun.aws.json", "{\"AWSEBDockerrunVersion\": \"1\"}\n")
    tree.write("Dockerfile", "FROM python:3.12-slim\nEXPOSE 8000\nCMD [\"sleep\", \"1\"]\n")
    tree.write(
      "stages/a/Dockerrun.aws.json",
      "{\"AWSEBDockerrunVersion\": \"1\", \"Ports\": [{\"ContainerPort\": 8000}]}\n")
    tree.symlink("stages/b", to: outside.root)
    tree.write("deploy.sh", "cp \"stages/$S/Dockerrun.aws.json\" .\neb deploy\n")
    let workspace = try Workspace.load(path: tree.root)
    #expect(
      workspace.files.bundleCandidates.map(\.condition) == ["if deploy.sh deploys it with S=a"])
    let result = workspace.lint(workspace.options(env: [:], select: [], ignore: []))
    // One environment, the root's: `stages/a/` holds a stage's file, not an application.
    #expect(result.predictions.count == 1)
    #expect(result.predictions.first?.appRoot == "")
  }

  /// The answers and findings of each deploy-script fixture, with their conditions.
  @Test func conditionsMatchGolden() throws {
    var text = ""
    for name in [
      "deploy-script-stage-prod", "deploy-script-ebextensions-settings",
      "deploy-makefile-dockerrun-command",
    ] {
      let result = try Self.lint(Self.fixture(name))
      text += "\(name):\n"
      for prediction in result.predictions { text += ReportWording.prediction(prediction) + "\n" }
      for finding in result.diagnostics {
        text += "\(finding.rule) \(finding.location.file) fix=\(finding.fix != nil)\n"
        for related in finding.related where related.label.hasPrefix("holds ") {
          text += "  \(related.label)\n"
        }
      }
    }
    try Golden.assert(text, matches: "deployed-bundles.txt")
  }
}
