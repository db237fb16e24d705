import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckReport
import EBCheckRules
import EBCheckSimulation
import Testing

/// `.platform/hooks` and `.platform/confighooks` scripts run on Amazon Linux 2 and later only:
/// they rule the AMI out (its old option forms are then left over), not Amazon Linux 2.
@Suite struct PlatformHookEvidenceTests {
  static func files(_ contents: [String: String]) -> SourceFiles {
    SourceFiles(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  static let amiOptions =
    "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: mysite/wsgi.py\n"

  @Test func aHookOverridesTheAMIsOptionForms() {
    let plain = Self.files([".ebextensions/01.config": Self.amiOptions])
    let hooked = Self.files([
      ".ebextensions/01.config": Self.amiOptions,
      ".platform/confighooks/prebuild/01_env.sh": "#!/bin/sh\necho ok\n",
    ])
    let before = Platform.infer(beanstalk: BeanstalkConfiguration.load(from: plain), files: plain)
    let after = Platform.infer(beanstalk: BeanstalkConfiguration.load(from: hooked), files: hooked)
    #expect(before.generation.value == .amazonLinuxAMI)
    #expect(after.generation.value == .amazonLinux2023)
    #expect(after.generation.isDefault)
    #expect(after.laterThanAMI?.file == ".platform/confighooks/prebuild/01_env.sh")
    #expect(!after.isModWSGI)
  }

  @Test func theLaterVirtualenvOverridesTheAMIsTraces() {
    let leftovers =
      Self.amiOptions
      + "files:\n  \"/opt/elasticbeanstalk/hooks/appdeploy/post/99.sh\":\n    content: echo\n"
    let plain = Self.files([".ebextensions/01.config": leftovers])
    let activated = Self.files([
      ".ebextensions/01.config": leftovers,
      ".ebextensions/02_commands.config":
        "container_commands:\n  01_migrate:\n    command: \"source /var/app/venv/*/bin/activate && python3 manage.py migrate\"\n",
    ])
    let before = Platform.infer(beanstalk: BeanstalkConfiguration.load(from: plain), files: plain)
    let after = Platform.infer(
      beanstalk: BeanstalkConfiguration.load(from: activated), files: activated)
    #expect(before.generation.value == .amazonLinuxAMI)
    #expect(before.isModWSGI)
    #expect(after.generation.value == .amazonLinux2023)
    #expect(after.generation.isDefault)
    #expect(after.laterThanAMI?.file == ".ebextensions/02_commands.config")
    #expect(!after.isModWSGI)
    // The AMI's own virtualenv is no such evidence.
    let ami = Self.files([
      ".ebextensions/01.config": leftovers,
      ".ebextensions/02_commands.config":
        "container_commands:\n  01:\n    command: \"source /opt/python/run/venv/bin/activate\"\n",
    ])
    let old = Platform.infer(beanstalk: BeanstalkConfiguration.load(from: ami), files: ami)
    #expect(old.generation.value == .amazonLinuxAMI)
    #expect(old.laterThanAMI == nil)
  }

  @Test func aNamedPlatformStillDecides() {
    let files = Self.files([
      ".elasticbeanstalk/config.yml":
        "global:\n  default_platform: 64bit Amazon Linux 2018.03 v2.9.4 running Python 3.6\n",
      ".platform/hooks/postdeploy/01.sh": "#!/bin/sh\n",
    ])
    let platform = Platform.infer(beanstalk: BeanstalkConfiguration.load(from: files), files: files)
    #expect(platform.generation.value == .amazonLinuxAMI)
  }

  @Test func theOlderOutcomeIsAmazonLinux2Only() throws {
    var contents = ExampleRepo.django(
      settings:
        "from urllib.request import urlopen\nALLOWED_HOSTS = ['www.example.com']\n"
        + "with urlopen('http://169.254.169.254/latest/meta-data/local-ipv4', timeout=1) as r:\n"
        + "    ALLOWED_HOSTS.append(r.read().decode())\n"
    ).files
    contents[".platform/hooks/postdeploy/01.sh"] = "#!/bin/sh\n"
    let result = Linter.lint(Self.files(contents))
    let prediction = try #require(result.predictions.first)
    guard case .conditional(let outcomes) = prediction.verdict else {
      Issue.record("expected one answer per generation, got \(prediction.verdict)")
      return
    }
    #expect(
      outcomes.map(\.condition) == [
        "on Amazon Linux 2023 (IMDSv1 disabled by default)",
        "on Amazon Linux 2 (IMDSv1 enabled by default)",
      ])
  }

  @Test func noAnswerIsSaidSoInTheSummary() throws {
    // Docker with no platform proxy and an unread command: where the command does not start
    // the app, nothing accepts the connection: "no answer", not "unknown".
    var contents = DockerExample.repo(
      dockerfile: "FROM python:3.12\nEXPOSE 8000\nCMD supervisord -n\n"
    ).files
    contents[".ebextensions/proxy.config"] =
      "option_settings:\n  aws:elasticbeanstalk:environment:proxy:\n    ProxyServer: none\n"
    let result = Linter.lint(Self.files(contents))
    let prediction = try #require(result.predictions.first)
    let line = ReportWording.prediction(prediction)
    #expect(line.contains("if it does not: no answer (unhealthy)"), "\(line)")
  }
}
