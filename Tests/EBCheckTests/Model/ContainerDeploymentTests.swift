import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckRules
import Testing

/// The Docker platform: the image's command is the app server, behind the platform's proxy.
@Suite struct ContainerDeploymentTests {
  static func files(_ dockerfile: String, _ extra: [String: String] = [:]) -> SourceFiles {
    var all = DockerExample.repo(dockerfile: dockerfile).files
    all.merge(extra) { $1 }
    return SourceFiles(
      all.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  static func environment(_ files: SourceFiles) throws -> Environment {
    try #require(ProjectBuilder.build(files, options: ModelOptions()).environments.first)
  }

  @Test func gunicornCommandIsTheAppServer() throws {
    let files = Self.files(
      "FROM python:3.12\nEXPOSE 8000\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"mysite.wsgi\"]\n"
    )
    let environment = try Self.environment(files)
    #expect(environment.platform.runtime.value == .docker)
    #expect(environment.appServer.kind == "gunicorn")
    #expect(environment.appServer.module?.value == "mysite.wsgi")
    #expect(environment.appServer.port?.location?.file == "Dockerfile")
    #expect(environment.appServer.containerLoopback == nil)
    let prediction = try #require(Linter.lint(files).predictions.first)
    #expect(prediction.status == 200)
  }

  @Test func containerPortAndCommandPortDisagree() throws {
    let files = Self.files(
      "FROM python:3.12\nEXPOSE 8000\nCMD gunicorn --bind 0.0.0.0:5000 mysite.wsgi\n")
    let result = Linter.lint(files)
    #expect(result.predictions.first?.status == 502)
    #expect(result.diagnostics.contains { $0.rule == "EB008" && $0.location.file == "Dockerfile" })
  }

  @Test func runserverDefaultBindIsTheContainerLoopback() throws {
    let files = Self.files("FROM python:3.12\nEXPOSE 8000\nCMD python manage.py runserver\n")
    let environment = try Self.environment(files)
    #expect(environment.appServer.containerLoopback?.value == "127.0.0.1")
    let result = Linter.lint(files)
    #expect(result.predictions.first?.status == 502)
    #expect(result.diagnostics.contains { $0.rule == "DK001" })
  }

  @Test func substitutedSettingsModuleFromTheImage() throws {
    let files = Self.files(
      "FROM python:3.12\nARG MODE=production\nENV DJANGO_SETTINGS_MODULE=mysite.${MODE}\nEXPOSE 8000\nCMD gunicorn -b :8000 mysite.wsgi\n",
      ["mysite/production.py": "from .settings import *\nALLOWED_HOSTS = ['www.example.com']\n"])
    let environment = try Self.environment(files)
    #expect(environment.django?.settingsModule == "mysite.production")
    #expect(Linter.lint(files).predictions.first?.status == 400)
  }

  @Test func missingSettingsModuleFromTheImageIsReportedThere() throws {
    let files = Self.files(
      "FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=mysite.prod\nEXPOSE 8000\nCMD gunicorn -b :8000 mysite.wsgi\n"
    )
    let finding = try #require(Linter.lint(files).diagnostics.first { $0.rule == "EB006" })
    #expect(finding.location.file == "Dockerfile")
  }

  @Test func workdirUnderTheCopiedRepositoryIsTheImportRoot() throws {
    var all: [String: String] = [:]
    for (path, text) in Self.files("").all.map({ ($0.path, $0.text(Span(0, $0.bytes.count))) }) {
      all[path.hasPrefix("mysite/") || path == "manage.py" ? "web/" + path : path] = text
    }
    all["Dockerfile"] =
      "FROM python:3.12\nCOPY . /code\nWORKDIR /code/web\nEXPOSE 8000\nCMD gunicorn -b 0.0.0.0:8000 mysite.wsgi\n"
    let files = SourceFiles(
      all.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    let environment = try Self.environment(files)
    #expect(environment.appServer.moduleMissing == false)
    #expect(environment.django?.settingsModule == "mysite.settings")
  }

  @Test func developmentComposeBesideThePythonVirtualenvIsNotDocker() throws {
    let files = Self.files(
      "FROM python:3.12\nCMD python manage.py runserver\n",
      [
        "docker-compose.yml":
          "services:\n  db:\n    image: postgres\n    ports:\n      - \"5432:5432\"\n",
        ".platform/hooks/postdeploy/01_migrate.sh":
          "#!/bin/bash\nsource /var/app/venv/*/bin/activate\npython manage.py migrate\n",
        "Procfile": "",
      ].filter { $0.key != "Procfile" })
    let environment = try Self.environment(files)
    #expect(environment.platform.runtime.value == .python)
    #expect(
      environment.platform.runtime.location?.file == ".platform/hooks/postdeploy/01_migrate.sh")
  }

  @Test func composeDeploymentRunsNoPlatformProxy() throws {
    let files = Self.files(
      "FROM python:3.12\nCMD gunicorn -b 0.0.0.0:8000 mysite.wsgi\n",
      ["docker-compose.yml": "services:\n  web:\n    build: .\n    ports:\n      - \"80:8000\"\n"])
    let environment = try Self.environment(files)
    #expect(environment.platform.runtime.value == .docker)
    #expect(environment.platform.proxy.value == .none)
  }

  @Test(arguments: [
    ("multi-container-docker-18.06.1-ce-(generic)", Platform.Runtime.multicontainerDocker),
    ("docker-19.03.13-ce", .docker),
  ])
  func dockerVersionInTheShortNameMeansTheAmazonLinuxAMI(
    _ name: String, _ runtime: Platform.Runtime
  ) throws {
    let parsed = try #require(PlatformName(name))
    #expect(parsed.generation == .amazonLinuxAMI)
    #expect(parsed.runtime == runtime)
    #expect(PlatformName("docker")?.generation == nil)
  }

  @Test func amiHookFolderMeansTheAmazonLinuxAMI() throws {
    let files = Self.files(
      "FROM python:3.12\nEXPOSE 8000\nCMD gunicorn -b 0.0.0.0:8000 mysite.wsgi\n",
      [
        ".ebextensions/hooks.config":
          "files:\n  \"/opt/elasticbeanstalk/hooks/appdeploy/post/01_x.sh\":\n    content: |\n      echo ok\n"
      ])
    let environment = try Self.environment(files)
    #expect(environment.platform.generation.value == .amazonLinuxAMI)
    #expect(environment.imdsV1Disabled.value == false)
  }

  static func multicontainer(_ definitions: String) -> SourceFiles {
    var all = DockerExample.repo(dockerfile: "").files
    all["Dockerfile"] = nil
    all["Dockerrun.aws.json"] =
      "{\"AWSEBDockerrunVersion\": 2, \"containerDefinitions\": [\(definitions)]}\n"
    return SourceFiles(
      all.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  @Test func multiContainerWithoutPort80AnswersNothing() throws {
    let files = Self.multicontainer(
      "{\"name\": \"web\", \"image\": \"x\", \"portMappings\": [{\"hostPort\": 8000, \"containerPort\": 8000}]}"
    )
    let environment = try Self.environment(files)
    #expect(environment.platform.runtime.value == .multicontainerDocker)
    #expect(environment.platform.proxy.value == .none)
    let result = Linter.lint(files)
    #expect(result.predictions.first?.healthy == false)
    #expect(result.diagnostics.contains { $0.rule == "DK002" })
  }

  @Test func multiContainerProxyLinkedToTheAppIsNotAFinding() throws {
    let files = Self.multicontainer(
      "{\"name\": \"app\", \"image\": \"x\"}, {\"name\": \"proxy\", \"image\": \"nginx\", \"links\": [\"app\"], \"portMappings\": [{\"hostPort\": 80, \"containerPort\": 80}]}"
    )
    let environment = try Self.environment(files)
    #expect(environment.appServer.containerNotListening == nil)
    #expect(environment.appServer.containerCommandUnknown?.value.contains("proxies to app") == true)
    #expect(!Linter.lint(files).diagnostics.contains { $0.rule == "DK002" })
  }

  @Test func unreadCommandMakesTheAppsAnswerAPremise() throws {
    // supervisord may or may not start the app: two outcomes, never the app "taken to answer".
    var files = DockerExample.repo(
      dockerfile: "FROM python:3.12\nEXPOSE 8000\nCMD supervisord -n\n"
    )
    .files
    files["mysite/settings.py"] =
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n").files["mysite/settings.py"]
    let result = Linter.lint(
      SourceFiles(files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    )
    let prediction = try #require(result.predictions.first)
    guard case .conditional(let outcomes) = prediction.verdict else {
      Issue.record("expected two outcomes, got \(prediction.verdict)")
      return
    }
    #expect(outcomes.map(\.status) == [200, 502])
    #expect(outcomes.map(\.healthy) == [true, false])
    #expect(
      outcomes.map(\.condition) == [
        "if the container's command starts the app on :8000", "if it does not",
      ])
    #expect(prediction.healthy == nil && prediction.status == nil)
    #expect(!prediction.trace.hops.contains { $0.detail.contains("taken to answer") })
    // The app's own answer passes: a note, not a warning.
    let finding = try #require(result.diagnostics.first { $0.rule == "DK003" })
    #expect(finding.severity == .info)
    #expect(finding.location.file == "Dockerfile")
    #expect(!result.diagnostics.contains { $0.rule == "HC014" })
  }

  @Test func unreadCommandFailingEitherWayIsAnError() throws {
    // 400 if supervisord starts the app, 502 if not: unhealthy whatever it does.
    let example = ContainerCommandUnreadRule.hostsRepo(
      dockerfile: "FROM python:3.12\nEXPOSE 8000\nCMD supervisord -n\n")
    let result = Linter.lint(
      SourceFiles(
        example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) }))
    #expect(result.predictions.first?.healthy == false)
    let finding = try #require(result.diagnostics.first { $0.rule == "DK003" })
    #expect(finding.severity == .error)
    #expect(finding.message.contains("if it does not: 502"))
  }

  @Test func unreadCommandWithAnUnknownAppStaysUnverifiable() throws {
    // Unknown either way: the app's unknown stays the finding (HC007), the premise in the trace.
    var files = DockerExample.repo(
      dockerfile: "FROM python:3.12\nEXPOSE 8000\nCMD supervisord -n\n"
    )
    .files
    files["mysite/settings.py"] =
      ExampleRepo.django(settings: "import json\nALLOWED_HOSTS = json.load(open('hosts.json'))\n")
      .files["mysite/settings.py"]
    let result = Linter.lint(
      SourceFiles(files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    )
    let prediction = try #require(result.predictions.first)
    guard case .unverifiable = prediction.verdict else {
      Issue.record("expected unverifiable, got \(prediction.verdict)")
      return
    }
    #expect(
      prediction.trace.hops.contains {
        $0.detail.contains("holds only if that command starts the app")
      })
    #expect(!result.diagnostics.contains { $0.rule == "DK003" })
  }

  @Test func composeWithoutPort80AnswersNothing() throws {
    let files = Self.files(
      "FROM python:3.12\nCMD gunicorn -b 0.0.0.0:8000 mysite.wsgi\n",
      ["docker-compose.yml": "services:\n  web:\n    build: .\n    ports:\n      - \"8000:8000\"\n"]
    )
    let result = Linter.lint(files)
    #expect(result.predictions.first?.healthy == false)
    let finding = try #require(result.diagnostics.first { $0.rule == "DK002" })
    #expect(finding.location.file == "docker-compose.yml")
  }

  @Test func composePublishingPort80IsNotAFinding() throws {
    let files = Self.files(
      "FROM python:3.12\nCMD gunicorn -b 0.0.0.0:8000 mysite.wsgi\n",
      [
        "docker-compose.yml":
          "services:\n  web:\n    build: .\n    ports:\n      - target: 8000\n        published: 80\n"
      ])
    let environment = try Self.environment(files)
    #expect(environment.appServer.containerNotListening == nil)
    #expect(
      environment.appServer.containerCommandUnknown?.value.contains("'web' publishes port 80")
        == true)
  }

  @Test func dockerrunCommandReplacesTheImageCommand() throws {
    let files = Self.files(
      "FROM python:3.12\nEXPOSE 8000\nCMD gunicorn -b 0.0.0.0:8000 mysite.wsgi\n",
      [
        "Dockerrun.aws.json":
          "{\"AWSEBDockerrunVersion\": \"1\", \"Ports\": [{\"ContainerPort\": 8000}], \"Command\": \"gunicorn -b 0.0.0.0:9000 mysite.wsgi\"}\n"
      ])
    let environment = try Self.environment(files)
    let port = try #require(environment.appServer.port)
    #expect(port.value == 9000)
    #expect(port.location?.file == "Dockerrun.aws.json")
    let file = try #require(files["Dockerrun.aws.json"])
    #expect(file.text(try #require(port.location).span) == "9000")
  }
}
