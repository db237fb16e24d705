/// What the server answered: the status, the headers and the first bytes of the body.
public struct ProbeResponse: Sendable, Hashable {
  public var status: Int
  public var reason: String
  public var headers: [(name: String, value: String)]
  /// At most `HealthProbe.bodyPrefixLimit` bytes.
  public var bodyPrefix: [UInt8]

  public init(
    status: Int, reason: String, headers: [(name: String, value: String)], bodyPrefix: [UInt8]
  ) {
    self.status = status
    self.reason = reason
    self.headers = headers
    self.bodyPrefix = bodyPrefix
  }

  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  public var location: String? { header("Location") }

  public static func == (lhs: ProbeResponse, rhs: ProbeResponse) -> Bool {
    lhs.status == rhs.status && lhs.reason == rhs.reason && lhs.bodyPrefix == rhs.bodyPrefix
      && lhs.headers.map(\.name) == rhs.headers.map(\.name)
      && lhs.headers.map(\.value) == rhs.headers.map(\.value)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(status)
    hasher.combine(bodyPrefix)
  }

  /// Parses the status line and headers of `bytes` (what was read); nil when they are not
  /// an HTTP/1.x response head.
  public static func parse(_ bytes: [UInt8], bodyLimit: Int) -> ProbeResponse? {
    let separator: [UInt8] = [13, 10, 13, 10]
    var headEnd: Int?
    var index = 0
    while index + 4 <= bytes.count {
      if Array(bytes[index..<(index + 4)]) == separator {
        headEnd = index
        break
      }
      index += 1
    }
    guard let headEnd else { return nil }
    let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
    var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
    guard !lines.isEmpty else { return nil }
    let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
    guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."),
      let status = Int(statusLine[1]), (100...999).contains(status)
    else { return nil }
    let headers = lines.compactMap { line -> (name: String, value: String)? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (String(line[..<colon]), line[line.index(after: colon)...].trimmingWhitespace())
    }
    let body = bytes[(headEnd + 4)...].prefix(bodyLimit)
    return ProbeResponse(
      status: status, reason: statusLine.count > 2 ? String(statusLine[2]) : "",
      headers: headers, bodyPrefix: Array(body))
  }
}
