import EBCheckCore
import EBCheckFormats
import Testing

@Suite struct DockerfileImageTests {
  @Test func substitutesArgDefaultsAndEarlierEnv() {
    let values = ["BUILD_MODE": "production", "EMPTY": ""]
    #expect(
      DockerfileImage.substitute("config.settings.${BUILD_MODE}", values)
        == "config.settings.production")
    #expect(DockerfileImage.substitute("a.$BUILD_MODE.b", values) == "a.production.b")
    #expect(DockerfileImage.substitute("${EMPTY:-dev}/${MISSING:-x}", values) == "dev/x")
    #expect(DockerfileImage.substitute("cost $5", values) == "cost $5")
  }

  @Test func envValueBuiltFromAnotherEnvAndAnArg() throws {
    let text =
      "FROM python:3.12\nARG MODE=staging\nENV BUILD_MODE production\nENV DJANGO_SETTINGS_MODULE config.settings.${BUILD_MODE}\nENV OTHER=app.${MODE}\n"
    let variables = DockerfileEnvironment.read(SourceFile(path: "Dockerfile", text: text))
    #expect(variables["DJANGO_SETTINGS_MODULE"]?.value == "config.settings.production")
    #expect(variables["OTHER"]?.value == "app.staging")
    // The legacy form takes the whole rest of the line, `=` included.
    let legacy = DockerfileEnvironment.read(
      SourceFile(path: "Dockerfile", text: "FROM x\nENV OPTS -a=1 -b\n"))
    #expect(legacy["OPTS"]?.value == "-a=1 -b")
  }

  @Test func workdirCopyExposeAndExecCommand() throws {
    let text = """
      FROM node AS assets
      CMD ["node"]
      FROM python:3.12-slim
      WORKDIR /srv
      COPY . /srv
      WORKDIR app
      EXPOSE 8000/tcp 9000
      CMD ["gunicorn", "--bind", "0.0.0.0:8000", "mysite.wsgi"]

      """
    let file = SourceFile(path: "Dockerfile", text: text)
    let image = DockerfileImage.read(file)
    #expect(image.workdir == "/srv/app")
    #expect(image.copyDestination == "/srv")
    #expect(image.repositoryWorkdir == "app")
    let port = try #require(image.exposedPort)
    #expect(port.value == 8000)
    #expect(file.text(try #require(port.location).span) == "8000")
    let command = try #require(image.command)
    let offset = try #require(command.offset)
    // The blanked command keeps every byte where it is in the file.
    #expect(
      command.text.split(separator: " ") == ["gunicorn", "--bind", "0.0.0.0:8000", "mysite.wsgi"])
    let process = ProcfileModel.analyze(name: "web", bytes: command.bytes, offset: offset)
    #expect(process.server == .gunicorn)
    #expect(process.host == "0.0.0.0")
    #expect(process.port == 8000)
    #expect(file.text(try #require(process.portSpan)) == "8000")
    #expect(file.text(try #require(process.moduleSpan)) == "mysite.wsgi")
  }

  @Test func shellFormWithContinuationAndCRLF() throws {
    let text = "FROM python:3.12\r\n# 한국어\r\nCMD gunicorn mysite.wsgi \\\r\n    --bind :5000\r\n"
    let file = SourceFile(path: "Dockerfile", text: text)
    let command = try #require(DockerfileImage.read(file).command)
    let process = ProcfileModel.analyze(
      name: "web", bytes: command.bytes, offset: try #require(command.offset))
    #expect(process.port == 5000)
    #expect(file.text(try #require(process.portSpan)) == "5000")
    #expect(process.module == "mysite.wsgi")
  }

  @Test func execEntrypointTakesCmdAsArguments() throws {
    let text =
      "FROM python:3.12\nENTRYPOINT [\"python\", \"manage.py\"]\nCMD [\"runserver\", \"0.0.0.0:8000\"]\n"
    let file = SourceFile(path: "Dockerfile", text: text)
    let command = try #require(DockerfileImage.read(file).command)
    #expect(command.hasEntrypoint)
    let process = ProcfileModel.analyze(
      name: "web", bytes: command.bytes, offset: try #require(command.offset))
    #expect(process.server == .runserver)
    #expect(process.host == "0.0.0.0")
    #expect(file.text(try #require(process.portSpan)) == "8000")
  }

  @Test func noCommandInTheLastStage() {
    let text = "FROM python:3.12 AS build\nCMD [\"x\"]\nFROM python:3.12\nRUN pip install django\n"
    #expect(DockerfileImage.read(SourceFile(path: "Dockerfile", text: text)).command == nil)
  }
}
