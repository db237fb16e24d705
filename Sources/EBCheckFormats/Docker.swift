import EBCheckCore

/// The Docker platform, when the repository deploys a container: Beanstalk picks
/// `docker-compose.yml`, else `Dockerrun.aws.json`, else `Dockerfile` (all at the root),
/// and its nginx proxies port 80 to the container port found there.
public struct DockerPlatform: Sendable, Hashable {
  public enum Source: String, Sendable, Hashable {
    case compose
    case dockerrun
    case dockerfile
  }

  public var source: Source
  /// The port inside the container the app listens on (nginx's upstream); nil when unstated.
  public var containerPort: Int?
  /// For compose / Dockerrun v2: the host side of the mapping, when given.
  public var hostPort: Int?
  /// The file that decided; the span is the port when found, else the file start.
  public var location: Location

  /// The root compose file Beanstalk's Docker platform (Amazon Linux 2 and later) runs.
  public static func composeFile(_ files: SourceFiles) -> SourceFile? {
    ["docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml"].lazy.compactMap {
      files[$0]
    }.first
  }

  /// nil when there is no Docker file at the root.
  public static func load(from files: SourceFiles) -> DockerPlatform? {
    if let file = composeFile(files) { return compose(file) }
    if let file = files["Dockerrun.aws.json"] { return dockerrun(file) }
    if let file = files["Dockerfile"] { return dockerfile(file) }
    return nil
  }

  /// `EXPOSE 8000`, `EXPOSE 8000/tcp 9000`: the first port of the last stage's first EXPOSE.
  package static func dockerfile(_ file: SourceFile) -> DockerPlatform {
    var found: (Int, Span)?
    for line in 1...file.lineIndex.lineCount {
      let range = file.lineIndex.lineContentRange(line: line)
      let text = file.text(Span(range.lowerBound, range.upperBound))
      let trimmed = text.trimmingWhitespace()
      let lead = text.utf8.count - String(text.drop { $0 == " " || $0 == "\t" }).utf8.count
      let upper = trimmed.uppercased()
      if upper.hasPrefix("FROM ") { found = nil }
      guard upper.hasPrefix("EXPOSE "), found == nil else { continue }
      var offset = range.lowerBound + lead + 7
      for word in trimmed.dropFirst(7).split(separator: " ", omittingEmptySubsequences: false) {
        defer { offset += word.utf8.count + 1 }
        let digits = word.prefix { $0.isASCII && $0.isNumber }
        if let port = Int(digits), !digits.isEmpty {
          found = (port, Span(offset, offset + digits.utf8.count))
          break
        }
      }
    }
    return DockerPlatform(
      source: .dockerfile, containerPort: found?.0, hostPort: nil,
      location: Location(file: file.path, span: found?.1 ?? Span(at: 0)))
  }

  /// v1 `"Ports": [{"ContainerPort": 8000}]`, v2 `"portMappings": [{"containerPort": 80, "hostPort": 80}]`.
  package static func dockerrun(_ file: SourceFile) -> DockerPlatform {
    let container = numberAfterKey(file, ["ContainerPort", "containerPort"])
    let host = numberAfterKey(file, ["HostPort", "hostPort"])
    return DockerPlatform(
      source: .dockerrun, containerPort: container?.0, hostPort: host?.0,
      location: Location(file: file.path, span: container?.1 ?? Span(at: 0)))
  }

  package static func numberAfterKey(_ file: SourceFile, _ keys: [String]) -> (Int, Span)? {
    let bytes = file.bytes
    for key in keys {
      let needle = Array("\"\(key)\"".utf8)
      guard bytes.count >= needle.count else { continue }
      var index = 0
      while index + needle.count <= bytes.count {
        if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle {
          var cursor = index + needle.count
          while cursor < bytes.count,
            [0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ":"), UInt8(ascii: "\"")].contains(bytes[cursor])
          {
            cursor += 1
          }
          let start = cursor
          while cursor < bytes.count, bytes[cursor] >= 48, bytes[cursor] <= 57 { cursor += 1 }
          if cursor > start,
            let number = Int(String(decoding: bytes[start..<cursor], as: UTF8.self))
          {
            return (number, Span(start, cursor))
          }
        }
        index += 1
      }
    }
    return nil
  }

  /// The first `ports:` entry: `"80:8000"`, `8000`, `127.0.0.1:80:8000/tcp`, or `target:` / `published:`.
  package static func compose(_ file: SourceFile) -> DockerPlatform {
    var inPorts = false
    var portsIndent = 0
    var result: (container: Int?, host: Int?, span: Span?) = (nil, nil, nil)
    for line in 1...file.lineIndex.lineCount {
      let range = file.lineIndex.lineContentRange(line: line)
      var text = file.text(Span(range.lowerBound, range.upperBound))
      if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
      let indent = text.prefix { $0 == " " }.count
      let trimmed = text.trimmingWhitespace()
      if trimmed.isEmpty { continue }
      if trimmed.hasPrefix("ports:") {
        inPorts = true
        portsIndent = indent
        let inline = trimmed.dropFirst(6).trimmingWhitespace()
        guard inline.hasPrefix("[") else { continue }
        // ports: ["80:8000"]
        let entry = inline.dropFirst().split(separator: ",").first.map(String.init) ?? ""
        if let parsed = mapping(entry, file: file, range: range) { result = parsed }
        break
      }
      guard inPorts else { continue }
      if indent <= portsIndent && !trimmed.hasPrefix("-") {
        if result.container != nil { break }
        inPorts = false
        continue
      }
      var entry = trimmed
      if entry.hasPrefix("-") { entry = entry.dropFirst().trimmingWhitespace() }
      if entry.hasPrefix("target:") {
        let value = entry.dropFirst(7).trimmingWhitespace()
        result.container = Int(value)
        result.span = spanOf(value, in: file, range: range)
        continue
      }
      if entry.hasPrefix("published:") {
        result.host = Int(
          entry.dropFirst(10).trimmingWhitespace().filter { $0 != "\"" && $0 != "'" })
        continue
      }
      if let parsed = mapping(entry, file: file, range: range) {
        result = parsed
        break
      }
    }
    return DockerPlatform(
      source: .compose, containerPort: result.container, hostPort: result.host,
      location: Location(file: file.path, span: result.span ?? Span(at: 0)))
  }

  package static func mapping(_ entry: String, file: SourceFile, range: Range<Int>) -> (
    Int?, Int?, Span?
  )? {
    var text = entry.trimmingWhitespace().filter { $0 != "\"" && $0 != "'" && $0 != "]" }
    if let slash = text.firstIndex(of: "/") { text = String(text[..<slash]) }
    let parts = text.split(separator: ":").map(String.init)
    guard let last = parts.last, let container = Int(last) else { return nil }
    let host = parts.count >= 2 ? Int(parts[parts.count - 2]) : nil
    return (container, host, spanOf(last, in: file, range: range, fromEnd: true))
  }

  package static func spanOf(
    _ needle: String, in file: SourceFile, range: Range<Int>, fromEnd: Bool = false
  )
    -> Span?
  {
    let bytes = file.bytes[range]
    let target = Array(needle.utf8)
    guard !target.isEmpty, bytes.count >= target.count else { return nil }
    // Compared in place: no copy of the text or of each candidate position.
    let last = range.upperBound - target.count
    let starts = range.lowerBound...last
    let matches = { (start: Int) -> Bool in
      bytes[start] == target[0] && bytes[start..<(start + target.count)].elementsEqual(target)
    }
    let found = fromEnd ? starts.reversed().first(where: matches) : starts.first(where: matches)
    return found.map { Span($0, $0 + target.count) }
  }
}
