import EBCheckCore
import EBCheckFormats
import EBCheckModel
import Testing

@testable import EBCheckSimulation

/// httpd files that may or may not apply: lines a container command appends to the Amazon
/// Linux AMI's wsgi.conf, and `.ebextensions` httpd files on Amazon Linux 2.
@Suite struct HttpdExtensionsTests {
  func load(_ config: String) -> (HttpdConfiguration, Platform) {
    let files = SourceFiles([SourceFile(path: ".ebextensions/01.config", text: config)])
    let beanstalk = BeanstalkConfiguration.load(from: files, appRoot: "")
    let platform = Platform.infer(beanstalk: beanstalk, files: files)
    return (
      HttpdConfiguration.load(from: files, beanstalk: beanstalk, platform: platform), platform
    )
  }

  static let ami = """
    option_settings:
      aws:elasticbeanstalk:container:python:
        WSGIPath: mysite/wsgi.py

    """

  @Test func appendedLinesAreReadNotUnknown() {
    let (httpd, _) = load(
      Self.ami + """
        container_commands:
          01_auth:
            command: 'echo "WSGIPassAuthorization On" >> ../wsgi.conf'
        """)
    #expect(httpd.unmodelled.isEmpty)
    #expect(httpd.uncertainFiles.first?.directives.first?.name == "WSGIPassAuthorization")
    let (outcome, hops) = HealthCheckSimulator.route(
      httpd, .modWSGI(script: "mysite/wsgi.py"), HealthCheckRequest(path: "/health/", port: 80))
    if case .pass = outcome {} else { Issue.record("expected the request to pass, got \(outcome)") }
    #expect(hops.first?.detail.contains("the same with and without") == true)
  }

  @Test func appendsThatChangeTheAnswerOrAreNotLiteralStayUnknown() {
    let (denying, _) = load(
      Self.ami + """
        container_commands:
          01_deny:
            command: "echo 'Redirect 403 /health/' >> ../wsgi.conf"
        """)
    let (outcome, _) = HealthCheckSimulator.route(
      denying, .modWSGI(script: "mysite/wsgi.py"), HealthCheckRequest(path: "/health/", port: 80))
    if case .unknown = outcome {} else { Issue.record("expected unknown, got \(outcome)") }
    #expect(WSGIConfAppend(command: "echo \"X $HOME\" >> ../wsgi.conf") == nil)
    #expect(WSGIConfAppend(command: "sed -i 's/a/b/' ../wsgi.conf") == nil)
    #expect(WSGIConfAppend(command: "echo 'A' >> /tmp/other.conf") == nil)
    #expect(WSGIConfAppend(command: "printf 'A\\nB\\n' >> ../wsgi.conf")?.text == "A\nB\n\n")
    let (sed, _) = load(
      Self.ami + """
        container_commands:
          01_sed:
            command: "sed -i 's/Require all granted/Require all denied/' ../wsgi.conf"
        """)
    #expect(!sed.unmodelled.isEmpty)
  }

  @Test func ebextensionsHttpdFilesOnAmazonLinux2AreTriedBothWays() {
    let proxy = """
      option_settings:
        aws:elasticbeanstalk:environment:proxy:
          ProxyServer: apache
      files:
        "/etc/httpd/conf.d/headers.conf":
          content: |
            Header always set X-Frame-Options DENY
        "/etc/httpd/conf.d/deny.conf":
          content: |
            <Location "/admin/">
              Require all denied
            </Location>

      """
    let (httpd, platform) = load(proxy)
    #expect(platform.proxy.value == .apache)
    #expect(httpd.files.isEmpty)
    #expect(httpd.uncertainFiles.count == 2)
    let request = HealthCheckRequest(path: "/health/", port: 80)
    let (outcome, _) = HealthCheckSimulator.route(httpd, .proxy(upstream: 8000), request)
    if case .pass = outcome {} else { Issue.record("expected the request to pass, got \(outcome)") }
    let admin = HealthCheckRequest(path: "/admin/", port: 80)
    let (refused, _) = HealthCheckSimulator.route(httpd, .proxy(upstream: 8000), admin)
    if case .unknown = refused {} else { Issue.record("expected unknown, got \(refused)") }
  }
}
