/// Where `ebcheck probe` sends its one request: an `http://host[:port][/path]` URL.
public struct ProbeTarget: Sendable, Hashable {
  public var host: String
  public var port: Int
  /// The URL's path (with its query), nil when the URL names none.
  public var path: String?

  public init(host: String, port: Int, path: String?) {
    self.host = host
    self.port = port
    self.path = path
  }

  /// Parses the URL; https and anything but a plain host and port is refused with a message.
  public static func parse(_ url: String) throws(ProbeError) -> ProbeTarget {
    let lowered = url.lowercased()
    if lowered.hasPrefix("https://") {
      throw .usage(
        "\(url): https is not supported; the load balancer checks instances over plain HTTP, so probe the instance's HTTP port (e.g. http://127.0.0.1:8000)"
      )
    }
    var rest = Substring(url)
    if lowered.hasPrefix("http://") {
      rest = rest.dropFirst("http://".count)
    } else if lowered.contains("://") {
      throw .usage("\(url): only http:// URLs can be probed")
    }
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    var path: String? = String(rest[authorityEnd...])
    if path == "" || path == nil { path = nil }
    if let query = path, query.hasPrefix("?") { path = "/" + query }
    guard !authority.isEmpty, !authority.contains("@") else {
      throw .usage("\(url): expected http://HOST[:PORT][/PATH]")
    }
    var host = String(authority)
    var port = 80
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else {
        throw .usage("\(url): unclosed [ in the IPv6 address")
      }
      host = String(authority[authority.index(after: authority.startIndex)..<close])
      let after = authority[authority.index(after: close)...]
      if after.hasPrefix(":") {
        guard let number = Int(after.dropFirst()), (1...65535).contains(number) else {
          throw .usage("\(url): the port must be a number from 1 to 65535")
        }
        port = number
      } else if !after.isEmpty {
        throw .usage("\(url): expected :PORT after the IPv6 address")
      }
    } else if let colon = authority.lastIndex(of: ":") {
      host = String(authority[..<colon])
      guard let number = Int(authority[authority.index(after: colon)...]),
        (1...65535).contains(number)
      else { throw .usage("\(url): the port must be a number from 1 to 65535") }
      port = number
    }
    guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-_:".contains($0) })
    else { throw .usage("\(url): '\(host)' is not a host name or address") }
    return ProbeTarget(host: host, port: port, path: path)
  }
}

/// Why a probe could not be made or answered.
public enum ProbeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A bad URL or option (exit 2 before anything is sent).
  case usage(String)
  /// Nothing answered: refused, unresolvable, timed out, or not HTTP (exit 2).
  case unreachable(String)

  public var description: String {
    switch self {
    case .usage(let message), .unreachable(let message): message
    }
  }
}
