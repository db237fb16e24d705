import Testing
import EBCheckCore
import EBCheckModel
import EBCheckSimulation
import EBCheck

/// The health checks the environment model derives from the option settings.
@Suite struct EnvironmentBuilderTests {
  static func predictions(_ config: String?) -> [HealthCheckPrediction] {
    var files: [String: String] = [
      ".ebextensions/00_marker.config": "packages: {}\n", "application.py": "application = None\n",
    ]
    if let config { files[".ebextensions/hc.config"] = config }
    let sources = SourceFiles(
      files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return HealthCheckSimulator.predictAll(ProjectBuilder.build(sources, options: ModelOptions()))
  }

  @Test func silentRepoGetsApplicationDefaults() throws {
    let check = try #require(Self.predictions(nil).first)
    #expect(check.loadBalancer == .application && check.protocol == "HTTP")
    #expect(check.port == 80 && check.path == "/" && check.matcher == "200")
    #expect(check.trace.hops.first?.detail.contains("eb create") == true)
  }

  @Test func networkChecksTCPUnlessAPathIsSet() throws {
    let tcp = try #require(
      Self.predictions(
        "option_settings:\n  aws:elasticbeanstalk:environment:\n    LoadBalancerType: network\n"
      ).first)
    #expect(tcp.protocol == "TCP" && tcp.path == nil && tcp.healthy == true)
    let http = try #require(
      Self.predictions(
        """
        option_settings:
          aws:elasticbeanstalk:environment:
            LoadBalancerType: network
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /health/
        """
      ).first)
    #expect(http.protocol == "HTTP" && http.path == "/health/")
  }

  @Test func classicUsesTheApplicationHealthcheckURL() throws {
    let classic = try #require(
      Self.predictions(
        """
        option_settings:
          aws:elasticbeanstalk:environment:
            LoadBalancerType: classic
          aws:elasticbeanstalk:application:
            Application Healthcheck URL: /health/
        """
      ).first)
    #expect(classic.protocol == "HTTP" && classic.path == "/health/" && classic.matcher == "200")
    let tcp = try #require(
      Self.predictions(
        "option_settings:\n  aws:elasticbeanstalk:environment:\n    LoadBalancerType: classic\n"
      ).first)
    #expect(tcp.protocol == "TCP" && tcp.healthy == true)
  }

  @Test func deployTimeValuesAreUnverifiableAndSingleInstanceHasNoCheck() throws {
    let checks = Self.predictions(
      """
      option_settings:
        aws:elasticbeanstalk:environment:process:default:
          HealthCheckPath: !Ref HealthPath
      """)
    #expect(checks.first?.status == nil && checks.first?.healthy == nil)
    #expect(
      Self.predictions(
        "option_settings:\n  aws:elasticbeanstalk:environment:\n    EnvironmentType: SingleInstance\n"
      ).isEmpty)
  }

  @Test func processesFollowTheDefaultOne() {
    let checks = Self.predictions(
      """
      option_settings:
        aws:elasticbeanstalk:environment:process:api:
          Port: 8081
          HealthCheckPath: /api/health/
      """)
    #expect(checks.map(\.process) == ["default", "api"])
    #expect(checks.last?.port == 8081)
  }
}
