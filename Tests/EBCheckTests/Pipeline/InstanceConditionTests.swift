import EBCheck
import EBCheckCore
import EBCheckReport
import EBCheckSimulation
import Foundation
import Testing

/// The instance itself as a premise (Xen or Nitro by `/sys/hypervisor`, its host name) and
/// EB007 through an `os.environ` a supplied variable chose: answers and findings with their
/// conditions.
@Suite struct InstanceConditionTests {
  static func lint(_ name: String) throws -> LintResult {
    let path = TestPaths.repository.appendingPathComponent("Fixtures/projects/\(name)").path
    let workspace = try Workspace.load(path: path)
    return workspace.lint(workspace.options(env: [:], select: [], ignore: []))
  }

  @Test func familiesAreArmsUnlessAnOptionNamesThem() throws {
    let guarded = try #require(try Self.lint("hypervisor-guard-imds-xen").predictions.first)
    guard case .conditional(let outcomes) = guarded.verdict else {
      Issue.record("not conditional: \(guarded.verdict)")
      return
    }
    #expect(outcomes.map(\.premise?.family) == ["xen", "nitro"])
    #expect(outcomes.map(\.status) == [200, 400])
    #expect(outcomes.allSatisfy { $0.premise?.kind == .instanceFamily })
    let named = try #require(try Self.lint("hypervisor-instance-type-t2").predictions.first)
    #expect(named.status == 200)
    #expect(named.trace.hops.contains { $0.detail.contains("t2.micro, t2.small (xen)") })
  }

  @Test func conditionsMatchGolden() throws {
    var text = ""
    for name in [
      "hypervisor-guard-imds-xen", "hypervisor-instance-type-t2", "hostname-allowed-hosts",
      "hostname-resolved-hosts", "eb007-environ-decided-branch",
    ] {
      let result = try Self.lint(name)
      text += "\(name):\n"
      for prediction in result.predictions { text += ReportWording.prediction(prediction) + "\n" }
      for finding in result.diagnostics {
        text += "\(finding.rule) \(finding.location.file) fix=\(finding.fix != nil): "
        text += finding.message + "\n"
        for related in finding.related { text += "  \(related.label)\n" }
      }
    }
    try Golden.assert(text, matches: "instance-conditions.txt")
  }
}
