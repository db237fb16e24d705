import EBCheck
import EBCheckCore
import EBCheckReport
import EBCheckSimulation
import Foundation
import Testing

/// Multi-container Docker: the nginx of the container that publishes port 80, read from the
/// file the definition mounts or the image the repository builds; and a container command
/// that runs a start script. Real nginx (`nginx -t`) refuses the two unlinked fixtures'
/// files at the line ebcheck reports: "host not found in upstream".
@Suite struct ContainerNginxTests {
  static let fixtures = [
    "multicontainer-nginx-mounted-unlinked", "multicontainer-nginx-mounted-linked",
    "multicontainer-nginx-ci-upstream-unlinked", "multicontainer-nginx-compose-sites-linked",
    "multicontainer-nginx-makefile-ambiguous", "docker-start-script-gunicorn-conf",
    "docker-start-script-gunicorn-conf-port", "docker-supervisord-loopback",
    "multicontainer-ebignore-unbuilt-image",
  ]

  static func lint(_ name: String) throws -> LintResult {
    let path = TestPaths.repository.appendingPathComponent("Fixtures/projects/\(name)").path
    let workspace = try Workspace.load(path: path)
    return workspace.lint(workspace.options(env: [:], select: [], ignore: []))
  }

  @Test func anUnlinkedUpstreamHostLeavesNothingOnPort80() throws {
    let result = try Self.lint("multicontainer-nginx-mounted-unlinked")
    let finding = try #require(result.diagnostics.first { $0.rule == "DK002" })
    #expect(finding.location.file == "deploy/nginx/kiosk.conf")
    #expect(finding.message.contains("host not found in upstream"))
    #expect(result.predictions.first?.healthy == false)
    // A TCP check (the classic load balancer) fails the same way.
    let tcp = try Self.lint("multicontainer-nginx-ci-upstream-unlinked")
    #expect(tcp.predictions.first?.protocol == "TCP")
    #expect(tcp.predictions.first?.healthy == false)
    #expect(
      tcp.diagnostics.first { $0.rule == "DK002" }?.location.file == "gateway/conf/harbor.conf")
  }

  @Test func aLinkedUpstreamStatesTheChainAndStaysConditional() throws {
    let result = try Self.lint("multicontainer-nginx-mounted-linked")
    #expect(!result.diagnostics.contains { $0.rule == "DK002" })
    let prediction = try #require(result.predictions.first)
    #expect(prediction.healthy == nil)
    #expect(
      prediction.trace.hops.contains {
        $0.detail.contains("built from web/Dockerfile by .github/workflows/release.yml:11")
      })
  }

  @Test func aStartScriptsLastCommandIsTheServer() throws {
    #expect(try Self.lint("docker-start-script-gunicorn-conf").predictions.first?.status == 200)
    let broken = try Self.lint("docker-start-script-gunicorn-conf-port")
    #expect(broken.predictions.first?.status == 502)
    #expect(
      broken.diagnostics.first { $0.rule == "EB008" }?.location.file == "docker/gunicorn.conf.py")
  }

  /// Real supervisord starts the `web` program; its gunicorn binds the container's own
  /// loopback, which the platform's nginx never reaches.
  @Test func aSupervisordProgramIsTheServer() throws {
    let result = try Self.lint("docker-supervisord-loopback")
    #expect(result.predictions.first?.status == 502)
    #expect(
      result.diagnostics.first { $0.rule == "DK001" }?.location.file == "deploy/supervisord.conf")
  }

  /// Each fixture's answer, findings and container hops.
  @Test func containerReadingsMatchGolden() throws {
    var text = ""
    for name in Self.fixtures {
      let result = try Self.lint(name)
      text += "\(name):\n"
      for prediction in result.predictions {
        text += ReportWording.prediction(prediction) + "\n"
        for hop in prediction.trace.hops where hop.step.hasPrefix("container") {
          let place = hop.location.map { " (\($0.file))" } ?? ""
          text += "  \(hop.step): \(hop.detail)\(place)\n"
        }
      }
      for finding in result.diagnostics {
        text += "\(finding.rule) \(finding.location.file) fix=\(finding.fix != nil)\n"
      }
    }
    try Golden.assert(text, matches: "container-nginx.txt")
  }
}
