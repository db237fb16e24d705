import Testing
import EBCheckCore
import EBCheckFormats

import EBCheck

/// On the Docker platform the container port plays the Procfile's part.
@Suite struct ProcfileDockerTests {
  func platform(_ files: [String: String]) -> DockerPlatform? {
    DockerPlatform.load(from: SourceFiles(files.map { SourceFile(path: $0.key, text: $0.value) }))
  }

  @Test func noDockerFiles() {
    #expect(
      platform(["Procfile": "web: gunicorn a.wsgi\n", "app/Dockerfile": "EXPOSE 1\n"]) == nil)
  }

  @Test func dockerfileExposeOfTheLastStage() throws {
    let text =
      "FROM python:3.12 AS build\r\nEXPOSE 9999\r\nFROM python:3.12-slim\r\n# ☕ runtime\r\n  expose 8000/tcp 9000\r\nEXPOSE 7000\r\n"
    let docker = try #require(platform(["Dockerfile": text]))
    #expect(docker.source == .dockerfile)
    #expect(docker.containerPort == 8000)
    let file = SourceFile(path: "Dockerfile", text: text)
    #expect(file.text(docker.location.span) == "8000")
    #expect(file.location(of: docker.location.span.start) == LineColumn(line: 5, column: 10))
  }

  @Test func dockerrunV1AndV2() throws {
    let v1 = try #require(
      platform([
        "Dockerrun.aws.json":
          "{\n  \"AWSEBDockerrunVersion\": \"1\",\n  \"Ports\": [{ \"ContainerPort\": \"8000\" }]\n}\n",
        "Dockerfile": "EXPOSE 5000\n",
      ]))
    #expect(v1.source == .dockerrun && v1.containerPort == 8000 && v1.hostPort == nil)
    let v2 = try #require(
      platform([
        "Dockerrun.aws.json":
          "{\"containerDefinitions\": [{\"name\": \"web\", \"portMappings\": [{\"hostPort\": 80, \"containerPort\": 8080}]}]}"
      ]))
    #expect(v2.containerPort == 8080 && v2.hostPort == 80)
  }

  @Test func composePortsForms() throws {
    let short = try #require(
      platform([
        "docker-compose.yml":
          "services:\n  web:\n    build: .\n    ports:\n      - \"80:8000\"  # nginx → app\n    environment:\n      - PORT=8000\n"
      ]))
    #expect(short.source == .compose && short.containerPort == 8000 && short.hostPort == 80)
    let long = try #require(
      platform([
        "docker-compose.yml":
          "services:\n  web:\n    ports:\n      - target: 8001\n        published: \"80\"\n    image: x\n"
      ]))
    #expect(long.containerPort == 8001 && long.hostPort == 80)
    let inline = try #require(
      platform(["compose.yaml": "services:\n  web:\n    ports: [\"127.0.0.1:8080:5000/tcp\"]\n"]))
    #expect(inline.containerPort == 5000 && inline.hostPort == 8080)
  }
}
