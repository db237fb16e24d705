import EBCheckCore

/// Exempts the health checker from an Apache `RewriteRule` that redirects to HTTPS: a
/// `RewriteCond %{HTTP_USER_AGENT} !^ELB-HealthChecker` before the rule's own conditions
/// (conditions are ANDed, so it cannot join an `[OR]` chain there).
package struct HttpdRedirectFix {
  package static let condition = "RewriteCond %{HTTP_USER_AGENT} !^ELB-HealthChecker"

  package static func make(rule location: Location, files: SourceFiles) -> Fix? {
    guard let file = files[location.file], location.span.start <= file.bytes.count else {
      return nil
    }
    let bytes = file.bytes
    func lineStart(_ offset: Int) -> Int {
      var start = offset
      while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
      return start
    }
    func text(_ start: Int) -> String {
      var end = start
      while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
      return String(decoding: bytes[start..<end], as: UTF8.self)
    }
    let ruleLine = lineStart(location.span.start)
    guard text(ruleLine).trimmingWhitespace().lowercased().hasPrefix("rewriterule") else {
      return nil
    }
    let indent = String(decoding: bytes[ruleLine..<location.span.start], as: UTF8.self)
    guard indent.allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
    // Walk back over the rule's RewriteCond lines.
    var insertAt = ruleLine
    while insertAt > 0 {
      let previous = lineStart(insertAt - 1)
      let line = text(previous).trimmingWhitespace().lowercased()
      if line.hasPrefix("rewritecond") {
        if line.contains(condition.lowercased()) { return nil }
        insertAt = previous
      } else {
        break
      }
    }
    let crlf = text(ruleLine).hasSuffix("\r")
    return Fix(
      title: "exempt the health checker from the HTTPS rewrite",
      applicability: .unsafe,
      edits: [
        .insert(indent + condition + (crlf ? "\r\n" : "\n"), in: file.path, at: insertAt)
      ],
      reason:
        "a client sending the ELB-HealthChecker user agent is then served over plain HTTP")
  }
}
