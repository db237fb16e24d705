import Testing
import EBCheckCore
import EBCheckFormats
import EBCheckModel

import EBCheck

/// Any bytes in, no crash and no hang, for every reader of this branch.
@Suite struct RequirementsRobustnessTests {
  /// A small deterministic generator (SplitMix64) so failures reproduce.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Bytes biased towards the characters each syntax cares about.
  static func samples(seed: UInt64, count: Int) -> [[UInt8]] {
    var generator = Generator(state: seed)
    let alphabet = Array(
      "{};#\"'\\$ \t\r\n=~*^()[]|:-./,<>!@?&0123456789abcxyzEÉ☕".utf8)
    return (0..<count).map { _ in
      let length = Int.random(in: 0...200, using: &generator)
      return (0..<length).map { _ in
        Bool.random(using: &generator)
          ? alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
          : UInt8.random(in: 0...255, using: &generator)
      }
    }
  }

  @Test func readersSurviveArbitraryBytes() {
    for bytes in Self.samples(seed: 42, count: 400) {
      let text = String(decoding: bytes, as: UTF8.self)
      let nginx = SourceFile(path: ".platform/nginx/conf.d/elasticbeanstalk/x.conf", bytes: bytes)
      let config = NginxConfiguration.load(from: SourceFiles([nginx]))
      _ = config.route(path: "/health/", host: "10.0.0.1:80", userAgent: "ELB-HealthChecker/2.0")
      _ = ProcfileModel.load(from: SourceFiles([SourceFile(path: "Procfile", bytes: bytes)]))
      _ = ProcfileModel.analyze(name: "web", bytes: bytes, offset: 0)
      for path in ["requirements.txt", "Pipfile", "pyproject.toml"] {
        let requirements = Requirements.load(
          from: SourceFiles([SourceFile(path: path, bytes: bytes)]))
        _ = requirements.djangoVersion
      }
      for path in ["Dockerfile", "Dockerrun.aws.json", "docker-compose.yml"] {
        _ = DockerPlatform.load(from: SourceFiles([SourceFile(path: path, bytes: bytes)]))
      }
      _ = IgnoreRules(parsing: text).isIgnored("a/b/c.py", isDirectory: false)
      _ = Glob.match(text, "a/b/c.py")
      if let regex = try? NginxRegex(text, caseInsensitive: true) {
        _ = regex.firstMatch(in: "ELB-HealthChecker/2.0 " + text)
      }
    }
  }

  /// Random sentences of meaningful words reach deeper into the option readers.
  @Test func readersSurviveRandomWordSoup() {
    var generator = Generator(state: 2026)
    let words = [
      "web:", "gunicorn", "uwsgi", "daphne", "uvicorn", "hypercorn", "waitress-serve", "python",
      "-m", "manage.py", "runserver", "--bind", "--bind=", "-b", "-b:", ":$PORT", "${PORT:-", "}",
      "--http", "--socket=", "--module", "--wsgi-file", "-e", "tcp:port=", "--port", "--port=",
      "--host", "unix:", "&&", ";", "cd", "sh", "-c", "'", "\"", "\\", "=", "a.wsgi:app",
      "0.0.0.0:",
      "8000", "[::]:", "-r", "-c", "--requirement=", "Django", ">=", "~=", "==", "^", "[x]", "@",
      "#egg=", "location", "{", ";", "if", "($x", "~*", ")", "return", "301", "rewrite", "^(.*)$",
      "proxy_pass", "http://", "include", "conf.d/*.conf", "server", "listen", "80", "[",
      "[project]",
      "dependencies", "\n", "\r\n", "EXPOSE", "ports:", "-", "\"ContainerPort\":",
    ]
    for _ in 0..<1500 {
      let count = Int.random(in: 1...30, using: &generator)
      let text = (0..<count).map { _ in words[Int.random(in: 0..<words.count, using: &generator)] }
        .joined(separator: Bool.random(using: &generator) ? " " : "")
      let bytes = Array(text.utf8)
      _ = ProcfileModel.load(from: SourceFiles([SourceFile(path: "Procfile", bytes: bytes)]))
      _ = Requirements.load(from: SourceFiles([SourceFile(path: "requirements.txt", bytes: bytes)]))
      _ = Requirements.load(from: SourceFiles([SourceFile(path: "pyproject.toml", bytes: bytes)]))
      _ = DockerPlatform.load(
        from: SourceFiles([SourceFile(path: "docker-compose.yml", bytes: bytes)]))
      let nginx = SourceFile(path: ".platform/nginx/conf.d/elasticbeanstalk/x.conf", bytes: bytes)
      _ = NginxConfiguration.load(from: SourceFiles([nginx]))
        .route(path: "/", host: "10.0.0.1", userAgent: "ELB-HealthChecker/2.0")
    }
  }

  @Test func dockerPortBecomesTheDefaultUpstream() {
    let files = SourceFiles([SourceFile(path: "Dockerfile", text: "FROM python\nEXPOSE 8080\n")])
    let docker = DockerPlatform.load(from: files)
    let config = NginxConfiguration.load(
      from: files, env: ["PORT": "5000"], applicationPort: docker?.containerPort)
    #expect(config.defaultUpstreamPort == 8080)
    let route = config.route(path: "/", host: "10.0.0.1", userAgent: "ELB-HealthChecker/2.0")
    #expect(route.outcome == .proxy(port: 8080, hostHeader: "10.0.0.1", location: nil))
  }

  @Test func includeOptionWithoutValue() {
    let requirements = Requirements.load(
      from: SourceFiles([SourceFile(path: "requirements.txt", text: "--requirement=\n-r\n-c\n")]))
    #expect(requirements.requirements.isEmpty)
  }
}
