import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckRules
import Testing

/// The platform an environment runs, read from the repository's evidence.
@Suite struct PlatformTests {
  /// The startproject-like example with `extra` files added or replaced.
  static func files(_ extra: [String: String], settings: String = "ALLOWED_HOSTS = ['*']\n")
    -> SourceFiles
  {
    var all = ExampleRepo.django(settings: settings).files
    all.merge(extra) { $1 }
    return SourceFiles(
      all.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  static func environment(_ files: SourceFiles) throws -> Environment {
    try #require(ProjectBuilder.build(files, options: ModelOptions()).environments.first)
  }

  static func cli(_ platform: String) -> [String: String] {
    [
      ".elasticbeanstalk/config.yml":
        "global:\n  application_name: site\n  default_platform: \(platform)\n"
    ]
  }

  @Test(arguments: [
    ("Python 3.8 running on 64bit Amazon Linux 2", Platform.Generation.amazonLinux2),
    (
      "arn:aws:elasticbeanstalk:eu-west-1::platform/Python 3.11 running on 64bit Amazon Linux 2023/4.1.0",
      .amazonLinux2023
    ),
    ("64bit Amazon Linux 2018.03 v2.9.4 running Python 3.6", .amazonLinuxAMI),
    ("python-3.6", .amazonLinuxAMI),
    ("python-3.8", .amazonLinux2),
    ("Python 3.12", .amazonLinux2023),
  ])
  func generationFromDefaultPlatform(_ name: String, _ expected: Platform.Generation) throws {
    let environment = try Self.environment(Self.files(Self.cli(name)))
    #expect(environment.platform.generation.value == expected)
    #expect(environment.platform.generation.location?.file == ".elasticbeanstalk/config.yml")
    #expect(environment.imdsV1Disabled.value == (expected == .amazonLinux2023))
  }

  @Test func silentRepositoryAssumesWhatNewEnvironmentsGet() throws {
    let environment = try Self.environment(Self.files([:]))
    #expect(environment.platform.generation.value == .amazonLinux2023)
    #expect(environment.platform.generation.isDefault)
    let prediction = try #require(Linter.lint(Self.files([:])).predictions.first)
    let hop = try #require(prediction.trace.hops.first { $0.step == "platform" })
    #expect(hop.detail.contains("Amazon Linux 2023 (assumed"))
  }

  @Test func amiOnlyNamespaceAndOldWSGIPathMeanTheAmazonLinuxAMI() throws {
    let config = """
      option_settings:
        aws:elasticbeanstalk:container:python:
          WSGIPath: /opt/python/current/app/mysite/wsgi.py
        aws:elasticbeanstalk:container:python:staticfiles:
          /static/: static/
        aws:elasticbeanstalk:environment:process:default:
          HealthCheckPath: /health/
      """
    let files = Self.files([".ebextensions/django.config": config])
    let environment = try Self.environment(files)
    #expect(environment.platform.generation.value == .amazonLinuxAMI)
    #expect(environment.platform.isModWSGI)
    // The file path under the AMI's app folder names the repository's mysite/wsgi.py.
    #expect(environment.appServer.module?.value == "mysite.wsgi")
    #expect(!environment.appServer.moduleMissing)
    #expect(environment.appServer.kind == "mod_wsgi")
    let result = Linter.lint(files)
    #expect(!result.diagnostics.contains { $0.rule == "EB005" })
    let prediction = try #require(result.predictions.first)
    #expect(prediction.status == 200)
    #expect(prediction.trace.hops.contains { $0.step == "Apache httpd" })
    #expect(!prediction.trace.hops.contains { $0.step == "nginx" })
  }

  /// WSGIPath's form tells the generation: a file path only the AMI loads, a module only
  /// Amazon Linux 2 and later (it outweighs the AMI's static-files namespace).
  @Test(arguments: [
    ("mysite/wsgi.py", true, false), ("mysite.wsgi:application", true, true),
    ("mysite/wsgi.py", false, false), ("mysite.wsgi:application", false, true),
  ])
  func wsgiPathFormTellsTheGeneration(_ wsgiPath: String, _ amiNamespace: Bool, _ modern: Bool)
    throws
  {
    var config =
      "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: \(wsgiPath)\n"
    if amiNamespace {
      config += "  aws:elasticbeanstalk:container:python:staticfiles:\n    /static/: static/\n"
    }
    let environment = try Self.environment(Self.files([".ebextensions/django.config": config]))
    #expect((environment.platform.generation.value == .amazonLinuxAMI) == !modern)
  }

  @Test func dockerFilesDoNotOverrideThePythonPlatform() throws {
    let compose = "services:\n  db:\n    image: postgres\n    ports:\n      - \"5432:5432\"\n"
    let environment = try Self.environment(Self.files(["docker-compose.yml": compose]))
    #expect(environment.platform.runtime.value == .python)
    #expect(environment.upstreamPort.value == 8000)
  }

  @Test func dockerPlatformNamedInTheCLIConfig() throws {
    var extra = Self.cli("Docker running on 64bit Amazon Linux 2023")
    extra["Dockerfile"] = "FROM python:3.12\nEXPOSE 5000\n"
    let environment = try Self.environment(Self.files(extra))
    #expect(environment.platform.runtime.value == .docker)
    #expect(environment.upstreamPort.value == 5000)
  }

  @Test func apacheProxyServerSkipsNginx() throws {
    let files = Self.files([
      ".ebextensions/proxy.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:proxy:\n    ProxyServer: apache\n"
    ])
    let environment = try Self.environment(files)
    #expect(environment.platform.proxy.value == .apache)
    let prediction = try #require(Linter.lint(files).predictions.first)
    #expect(prediction.trace.hops.contains { $0.step == "Apache httpd" })
  }

  static let tokenless = """
    import requests
    ALLOWED_HOSTS = ['www.example.com']
    ALLOWED_HOSTS.append(requests.get('http://169.254.169.254/latest/meta-data/local-ipv4', timeout=1).text)

    """

  @Test func imdsWithoutTokenIsAWarningWhereIMDSv1Answers() throws {
    let files = Self.files(
      Self.cli("Python 3.8 running on 64bit Amazon Linux 2"), settings: Self.tokenless)
    let result = Linter.lint(files)
    let finding = try #require(result.diagnostics.first { $0.rule == "DJ003" })
    #expect(finding.severity == .warning)
    #expect(finding.message.contains("IMDSv1 is enabled here (Amazon Linux 2 default)"))
    #expect(result.predictions.first?.healthy == true)
  }

  @Test func imdsWithoutTokenIsAnErrorWhereIMDSv1IsOff() throws {
    let result = Linter.lint(
      Self.files(
        Self.cli("Python 3.12 running on 64bit Amazon Linux 2023"), settings: Self.tokenless))
    let finding = try #require(result.diagnostics.first { $0.rule == "DJ003" })
    #expect(finding.severity == .error)
    #expect(result.predictions.first?.status == 400)
  }

  @Test func imdsLookupBesideAWildcardChangesNothing() {
    let settings = Self.tokenless.replacingOccurrences(
      "['www.example.com']", "['*']")
    let result = Linter.lint(Self.files([:], settings: settings))
    #expect(!result.diagnostics.contains { $0.rule == "DJ003" })
  }

  @Test func dockerfileEnvNamesTheSettingsModule() throws {
    var extra = Self.cli("Docker running on 64bit Amazon Linux 2")
    extra["Dockerfile"] =
      "FROM python:3.12\nENV PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=mysite.production\nEXPOSE 8000\n"
    extra["mysite/production.py"] = "from .settings import *\nALLOWED_HOSTS = ['www.example.com']\n"
    let files = Self.files(extra)
    let environment = try Self.environment(files)
    #expect(environment.django?.settingsModule == "mysite.production")
    let variable = try #require(environment.variables["DJANGO_SETTINGS_MODULE"])
    #expect(variable.location?.file == "Dockerfile")
    // No CMD of its own: the base image's command may or may not start the app.
    let prediction = try #require(Linter.lint(files).predictions.first)
    guard case .conditional(let outcomes) = prediction.verdict else {
      Issue.record("expected the command's two outcomes, got \(prediction.verdict)")
      return
    }
    #expect(outcomes.map(\.status) == [400, 502])
    #expect(prediction.healthy == false)
  }

  @Test func procfileChdirIsAnImportRoot() throws {
    var all: [String: String] = [:]
    for (path, text) in ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n").files
    where path.hasPrefix("mysite/") {
      all["backend/" + path] = text
    }
    all[".ebextensions/health.config"] =
      "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /health/\n"
    all["Procfile"] = "web: gunicorn --chdir backend --bind :8000 mysite.wsgi:application\n"
    let files = SourceFiles(
      all.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    let result = Linter.lint(files)
    #expect(!result.diagnostics.contains { $0.rule == "EB005" || $0.rule == "EB006" })
    #expect(result.predictions.first?.status == 200)
  }
}
