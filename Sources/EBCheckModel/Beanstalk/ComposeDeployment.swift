import EBCheckCore
import EBCheckFormats

extension ContainerDeployment {
  /// Docker Compose on Amazon Linux 2 and later: no platform proxy, so exactly one service
  /// must publish host port 80 (facts.md §9).
  package mutating func readCompose(_ file: SourceFile) {
    let yaml = YAMLLoader.load(file)
    guard !yaml.failed, let services = yaml.root?["services"]?.mapping else {
      unknownReason = "\(file.path): its services could not be read"
      return
    }
    var publishing: [(String, Location)] = []
    for service in services {
      for entry in service.value["ports"]?.sequence ?? [] {
        if let host = Self.publishedPort(entry), host.0 == 80 {
          publishing.append(
            (service.key.scalar ?? "", Location(file: file.path, span: host.1)))
        }
      }
    }
    switch publishing.count {
    case 0:
      nothingOnPort80 = Sourced(
        "no service of \(file.path) publishes host port 80",
        at: Location(file: file.path, span: services.first?.key.span ?? Span(at: 0)))
    case 1:
      unknownReason =
        "service '\(publishing[0].0)' publishes port 80; its command and any proxy in it are not simulated"
      unknownLocation = publishing[0].1
    default:
      let names = publishing.map { "'\($0.0)'" }.joined(separator: " and ")
      nothingOnPort80 = Sourced(
        "services \(names) both publish host port 80: the second cannot start",
        at: publishing[1].1)
    }
  }

  /// The host port of a `ports:` entry: `"80:8000"`, `127.0.0.1:80:8000/tcp`, or
  /// `{published: 80, target: 8000}`; nil for a container port alone (a random host port).
  static func publishedPort(_ entry: YAMLNode) -> (Int, Span)? {
    if entry.mapping != nil, let published = entry["published"], let text = published.scalar {
      return Int(text).map { ($0, published.span) }
    }
    guard let text = entry.scalar else { return nil }
    var parts = text.split(separator: ":").map(String.init)
    guard parts.count >= 2 else { return nil }
    parts.removeLast()
    let host = parts[parts.count - 1].split(separator: "-").first.map(String.init) ?? ""
    return Int(host).map { ($0, entry.span) }
  }
}
