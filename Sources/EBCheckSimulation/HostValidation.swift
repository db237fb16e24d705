import EBCheckCore

/// Django's host validation (`django.http.request.split_domain_port` and `validate_host`),
/// the same in Django 3.2 to 5.x (docs/facts.md §6).
public enum HostValidation {
  /// The domain Django compares, or nil when the host is malformed (and so rejected).
  public static func domain(of host: String) -> String? {
    let host = host.lowercased()
    guard isWellFormed(host) else { return nil }
    if host.hasSuffix("]") { return host }
    var domain = host
    if let colon = host.lastIndex(of: ":"), !host.hasPrefix("[") {
      domain = String(host[..<colon])
    } else if host.hasPrefix("["), let close = host.lastIndex(of: "]") {
      domain = String(host[...close])
    }
    if domain.hasSuffix(".") { domain.removeLast() }
    return domain
  }

  /// Django's `host_validation_re`: a name or IPv4 (letters, digits, `-`, `.`) or a
  /// bracketed IPv6 literal, with an optional `:port`.
  package static func isWellFormed(_ host: String) -> Bool {
    var rest = Substring(host)
    if rest.hasPrefix("[") {
      guard let close = rest.firstIndex(of: "]") else { return false }
      let inside = rest[rest.index(after: rest.startIndex)..<close]
      guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
        return false
      }
      rest = rest[rest.index(after: close)...]
    } else {
      let name = rest.prefix { $0 != ":" }
      guard !name.isEmpty,
        name.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "." })
      else { return false }
      rest = rest[name.endIndex...]
    }
    if rest.isEmpty { return true }
    guard rest.first == ":" else { return false }
    return rest.dropFirst().allSatisfy(\.isNumber)
  }

  /// Whether `domain` (already split from its port) matches one ALLOWED_HOSTS pattern.
  public static func matches(domain: String, pattern: String) -> Bool {
    let pattern = pattern.lowercased()
    if pattern == "*" { return true }
    if pattern.hasPrefix(".") {
      return domain == String(pattern.dropFirst()) || domain.hasSuffix(pattern)
    }
    return domain == pattern
  }

  /// The hosts Django allows when `ALLOWED_HOSTS` is empty and `DEBUG` is true.
  public static let debugDefaults = [".localhost", "127.0.0.1", "[::1]"]
}

/// `MatcherHTTPCode`: `200`, `200,302` or `200-399`.
public struct StatusMatcher: Sendable, Hashable, CustomStringConvertible {
  public var ranges: [ClosedRange<Int>]
  public var text: String

  public init?(_ text: String) {
    var ranges: [ClosedRange<Int>] = []
    for part in text.split(separator: ",") {
      let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
        .map { Int($0.trimmingWhitespace()) }
      switch bounds.count {
      case 1:
        guard let code = bounds[0] else { return nil }
        ranges.append(code...code)
      case 2:
        guard let low = bounds[0], let high = bounds[1], low <= high else { return nil }
        ranges.append(low...high)
      default:
        return nil
      }
    }
    guard !ranges.isEmpty else { return nil }
    self.ranges = ranges
    self.text = text.trimmingWhitespace()
  }

  public func accepts(_ status: Int) -> Bool { ranges.contains { $0.contains(status) } }

  /// True when a 4xx answer would still count as healthy.
  public var acceptsClientErrors: Bool { ranges.contains { $0.upperBound >= 400 } }

  public var description: String { text }
}
