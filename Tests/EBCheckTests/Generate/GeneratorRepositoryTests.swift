import Testing
import EBCheckCore
import EBCheckModel
import EBCheckGenerate

import EBCheck

/// Generators start from what the repository already sets.
@Suite struct GeneratorRepositoryTests {
  static func files(_ config: String) -> SourceFiles {
    SourceFiles([SourceFile(path: ".ebextensions/hc.config", text: config)])
  }

  @Test func keepsTheRepositorysValuesAndNarrowsAWideMatcher() {
    let spec = HealthCheckSpec.fromRepository(
      Self.files(
        """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /ping/
            HealthCheckInterval: 30
            MatcherHTTPCode: 200-499
        """), loadBalancer: nil, path: nil)
    #expect(spec.path == "/ping/" && spec.interval == 30 && spec.matcher == "200")
    #expect(spec.loadBalancer == .application)
  }

  @Test func flagsWinAndSilentFoldersGetDefaults() {
    let spec = HealthCheckSpec.fromRepository(
      Self.files(
        "option_settings:\n  aws:elasticbeanstalk:environment:\n    LoadBalancerType: network\n"),
      loadBalancer: nil, path: "/up/")
    #expect(spec.loadBalancer == .network && spec.path == "/up/" && spec.interval == 30)
    let empty = HealthCheckSpec.fromRepository(SourceFiles(), loadBalancer: .classic, path: nil)
    #expect(empty.loadBalancer == .classic && empty.path == "/health/")
  }
}
