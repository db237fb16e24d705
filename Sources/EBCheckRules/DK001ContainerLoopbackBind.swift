import EBCheckCore
import EBCheckModel

/// DK001: the container's app server listens only on the container's loopback address.
public struct ContainerLoopbackBindRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "DK001", name: "container-loopback-bind", severity: .error,
    summary:
      "The container's app server binds 127.0.0.1, which the Docker platform's proxy cannot reach: 502.",
    rationale: """
      On the Docker platform, nginx on the instance proxies to the container's own address on \
      the docker network (or, with `ProxyServer: none`, Docker publishes the container port on \
      port 80). A server inside the container that binds 127.0.0.1 (gunicorn's and \
      `manage.py runserver`'s default) listens only on the container's loopback, so every \
      request the proxy forwards is refused and the health check gets 502.
      """,
    fix:
      "Bind 0.0.0.0 inside the container: `gunicorn --bind 0.0.0.0:8000 …`, `runserver 0.0.0.0:8000`.",
    fixable: true,
    triggering: [
      DockerExample.repo(
        dockerfile:
          "FROM python:3.12-slim\nEXPOSE 8000\nCMD gunicorn --bind ↓127.0.0.1:8000 mysite.wsgi\n"
      ).saying("binds 127.0.0.1 inside the container"),
      DockerExample.repo(
        dockerfile:
          "FROM python:3.12-slim\r\nEXPOSE 8000\r\n# 한국어 주석\r\nCMD ↓[\"python\", \"manage.py\", \"runserver\"]\r\n"
      ),
    ],
    nonTriggering: [
      DockerExample.repo(
        dockerfile:
          "FROM python:3.12-slim\nEXPOSE 8000\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"mysite.wsgi\"]\n"
      ),
      DockerExample.repo(
        dockerfile:
          "FROM python:3.12-slim\nEXPOSE 8000\nCMD gunicorn --bind 127.0.0.1:8000 mysite.wsgi  # ebcheck: ignore[DK001]\n"
      ),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/single-container-docker-configuration.html"
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.environments.compactMap { environment in
      let server = environment.appServer
      guard let loopback = server.containerLoopback, let location = loopback.location else {
        return nil
      }
      let how = loopback.origin.isEmpty ? "" : " (\(loopback.origin))"
      let host = hostSpan(before: location, loopback.value, context)
      return diagnostic(
        "\(server.kind) binds \(loopback.value) inside the container\(how): the platform's proxy connects to the container's address and every request gets 502",
        at: host.map { Location(file: location.file, span: Span($0.start, location.span.end)) }
          ?? location,
        fix: host.map {
          Fix(
            title: "bind 0.0.0.0", applicability: .safe,
            edits: [Edit(file: location.file, span: $0, replacement: "0.0.0.0")])
        } ?? defaultBindFix(location, server.kind, environment.upstreamPort.value, context),
        help: "bind 0.0.0.0 (all the container's addresses)")
    }
  }

  /// A command that binds by default: the address written after the program (`gunicorn`,
  /// `runserver`), in the command's own form (a JSON array or a shell line).
  func defaultBindFix(_ command: Location, _ kind: String, _ port: Int, _ context: LintContext)
    -> Fix?
  {
    guard let file = context.files[command.file], kind == "gunicorn" || kind == "runserver"
    else { return nil }
    let needle = Array(kind.utf8)
    let bytes = file.bytes
    var index = command.span.start
    while index + needle.count <= min(command.span.end, bytes.count) {
      defer { index += 1 }
      guard Array(bytes[index..<(index + needle.count)]) == needle else { continue }
      let after = index + needle.count
      let next = after < bytes.count ? bytes[after] : 0x0A
      let address = "0.0.0.0:\(port)"
      let text: String
      let at: Int
      if next == UInt8(ascii: "\"") {
        text = kind == "gunicorn" ? ", \"--bind\", \"\(address)\"" : ", \"\(address)\""
        at = after + 1
      } else if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D {
        text = kind == "gunicorn" ? " --bind \(address)" : " \(address)"
        at = after
      } else {
        continue
      }
      return Fix(
        title: "bind \(address)", applicability: .safe,
        edits: [Edit(file: command.file, span: Span(at: at), replacement: text)])
    }
    return nil
  }

  /// The host written just before the port (`127.0.0.1:8000`), when it is there.
  func hostSpan(before port: Location, _ host: String, _ context: LintContext) -> Span? {
    guard let file = context.files[port.file] else { return nil }
    let end = port.span.start - 1
    let start = end - host.utf8.count
    guard start >= 0, end < file.bytes.count, file.bytes[end] == UInt8(ascii: ":"),
      Array(file.bytes[start..<end]) == Array(host.utf8)
    else { return nil }
    return Span(start, end)
  }
}

/// Small Docker-platform repositories for the DK rules' examples: the standard project
/// with a Dockerfile, and option settings that name no Python option (so the platform is Docker).
package enum DockerExample {
  package static func repo(dockerfile: String, files: [String: String] = [:]) -> RuleExample {
    var all = ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n").files
    all[".ebextensions/django.config"] = """
      option_settings:
        aws:elasticbeanstalk:environment:process:default:
          HealthCheckPath: /health/

      """
    all["Dockerfile"] = dockerfile
    all.merge(files) { $1 }
    return RuleExample(all)
  }
}
