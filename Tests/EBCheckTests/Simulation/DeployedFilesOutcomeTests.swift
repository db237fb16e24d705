import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckSimulation
import Foundation
import Testing

/// The fixtures whose answer comes from the deployed layout (`__file__`, file tests,
/// configparser over bundled files): the trace, the findings and the settings rows `check`
/// and `settings` give, as a golden file.
@Suite struct DeployedFilesOutcomeTests {
  static let cases = [
    "file-base-dir-local-branch", "configparser-ini-bundled", "configparser-ini-ebignored",
    "configparser-section-route", "path-exists-bundled-flag", "path-isfile-local-ebignored",
    "settings-argv-test-guard",
  ]

  static func describe(_ name: String) throws -> String {
    let path = TestPaths.repository.appendingPathComponent("Fixtures/projects/" + name).path
    let workspace = try Workspace.load(path: path)
    let result = workspace.lint(workspace.options(env: [:], select: [], ignore: []))
    var text = "== \(name)\n"
    for prediction in result.predictions {
      let status = prediction.status.map(String.init) ?? "-"
      let health = prediction.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "-"
      text += "check: \(status) \(health)\n"
      for hop in prediction.trace.hops where hop.step != "load balancer" {
        text += "  \(hop.step): \(hop.detail)\n"
      }
    }
    for diagnostic in result.diagnostics {
      text += "\(diagnostic.rule) \(diagnostic.message)\n"
    }
    let report = try #require(
      SettingsReport.make(files: workspace.files, focus: workspace.focus, env: [:], all: false))
    for row in report.rows where row.name == "ALLOWED_HOSTS" || row.name == "DEBUG" {
      text += "settings: \(row.name) = \(row.value) (\(row.kind))\n"
    }
    return text
  }

  @Test func deployedLayoutAnswersMatchGolden() throws {
    let text = try Self.cases.map(Self.describe).joined()
    try Golden.assert(text, matches: "deployed-files.txt")
  }
}
