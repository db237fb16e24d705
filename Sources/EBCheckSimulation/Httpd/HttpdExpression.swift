import EBCheckCore
import EBCheckFormats

/// What httpd knows about the checker's request while it reads the configuration: its
/// headers (lowercased names), path, and the variables `SetEnvIf` set.
package struct HttpdRequestState: Sendable {
  package var path: String
  package var headers: [String: String]
  package var variables: [String: String] = [:]

  /// `%{NAME}` as mod_rewrite and `ap_expr` expand it; nil when ebcheck cannot know it.
  package func variable(_ name: String) -> String? {
    let upper = name.uppercased()
    if upper.hasPrefix("HTTP:") { return headers[String(name.dropFirst(5)).lowercased()] ?? "" }
    if upper.hasPrefix("ENV:") { return variables[String(name.dropFirst(4))] ?? "" }
    switch upper {
    case "HTTP_USER_AGENT": return headers["user-agent"] ?? ""
    case "HTTP_HOST": return headers["host"] ?? ""
    case "HTTP_REFERER": return headers["referer"] ?? ""
    case "HTTP_COOKIE": return headers["cookie"] ?? ""
    case "HTTP_ACCEPT": return headers["accept"] ?? ""
    case "REQUEST_URI": return path
    case "QUERY_STRING": return ""
    case "REQUEST_METHOD": return "GET"
    case "REQUEST_SCHEME": return "http"
    case "HTTPS": return "off"
    case "SERVER_PORT": return "80"
    case "SERVER_PROTOCOL": return "HTTP/1.1"
    case "THE_REQUEST": return "GET \(path) HTTP/1.1"
    default:
      if upper.hasPrefix("HTTP_") {
        let header = String(upper.dropFirst(5)).replacingOccurrences("_", "-").lowercased()
        return headers[header] ?? ""
      }
      return nil
    }
  }

  /// A string with `%{NAME}` references expanded; nil when one cannot be known.
  package func expand(_ text: String) -> String? {
    var result = ""
    var rest = Substring(text)
    while let start = rest.firstRange(of: "%{") {
      result += rest[..<start.lowerBound]
      guard let end = rest[start.upperBound...].firstIndex(of: "}") else { return nil }
      guard let value = variable(String(rest[start.upperBound..<end])) else { return nil }
      result += value
      rest = rest[rest.index(after: end)...]
    }
    return result + rest
  }
}

/// Evaluates the `ap_expr` conditions of `<If>`/`<ElseIf>` that depend on the request: string
/// comparisons (`==`, `!=`, `<`, `>`), regex matches (`=~`, `!~` with `/.../` or `m#...#`),
/// `-n`/`-z`, `true`/`false`, `!`, `&&`, `||` and parentheses, over `%{VAR}`, `req('H')`,
/// `http('H')` and quoted strings. Anything else is unknown (nil).
package struct HttpdExpression {
  package enum Failure: Error { case unknown(String) }

  private let bytes: [UInt8]
  private var position = 0
  private let state: HttpdRequestState

  package static func evaluate(_ text: String, state: HttpdRequestState) -> Result<Bool, Failure> {
    var parser = HttpdExpression(bytes: Array(text.utf8), state: state)
    do {
      let value = try parser.disjunction()
      parser.skipSpace()
      guard parser.position == parser.bytes.count else {
        throw Failure.unknown("`\(text)`: unsupported expression")
      }
      return .success(value)
    } catch let failure as Failure {
      return .failure(failure)
    } catch {
      return .failure(.unknown("`\(text)`"))
    }
  }

  private init(bytes: [UInt8], state: HttpdRequestState) {
    self.bytes = bytes
    self.state = state
  }

  private mutating func skipSpace() {
    while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 {
      position += 1
    }
  }

  private mutating func take(_ token: String) -> Bool {
    skipSpace()
    let token = Array(token.utf8)
    guard position + token.count <= bytes.count,
      Array(bytes[position..<position + token.count]) == token
    else { return false }
    position += token.count
    return true
  }

  private var rest: String { String(decoding: bytes[min(position, bytes.count)...], as: UTF8.self) }

  private mutating func disjunction() throws -> Bool {
    var value = try conjunction()
    while take("||") { value = try conjunction() || value }
    return value
  }

  private mutating func conjunction() throws -> Bool {
    var value = try negation()
    while take("&&") { value = try negation() && value }
    return value
  }

  private mutating func negation() throws -> Bool {
    if take("!") { return try !negation() }
    return try primary()
  }

  private mutating func primary() throws -> Bool {
    if take("(") {
      let value = try disjunction()
      guard take(")") else { throw Failure.unknown("unbalanced parentheses") }
      return value
    }
    if take("true") { return true }
    if take("false") { return false }
    if take("-n") { return !(try word()).isEmpty }
    if take("-z") { return (try word()).isEmpty }
    let left = try word()
    for op in ["==", "!=", "=~", "!~", "<=", ">=", "<", ">", "="] where take(op) {
      if op == "=~" || op == "!~" {
        let matched = try regex().matches(left)
        return op == "=~" ? matched : !matched
      }
      let right = try word()
      switch op {
      case "==", "=": return left == right
      case "!=": return left != right
      case "<": return left < right
      case ">": return left > right
      case "<=": return left <= right
      default: return left >= right
      }
    }
    throw Failure.unknown("`\(rest)`: unsupported expression")
  }

  /// A quoted string (with `%{VAR}` inside), `%{VAR}`, `req('H')` / `http('H')`.
  private mutating func word() throws -> String {
    skipSpace()
    guard position < bytes.count else { throw Failure.unknown("expression ends early") }
    let quote = bytes[position]
    if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
      position += 1
      let start = position
      while position < bytes.count, bytes[position] != quote { position += 1 }
      let text = String(decoding: bytes[start..<min(position, bytes.count)], as: UTF8.self)
      position += 1
      guard let value = state.expand(text) else {
        throw Failure.unknown("`\(text)` names a variable ebcheck cannot know")
      }
      return value
    }
    if take("%{") {
      let start = position
      while position < bytes.count, bytes[position] != UInt8(ascii: "}") { position += 1 }
      let name = String(decoding: bytes[start..<min(position, bytes.count)], as: UTF8.self)
      position += 1
      guard let value = state.variable(name) else {
        throw Failure.unknown("%{\(name)} is not known for the checker's request")
      }
      return value
    }
    for function in ["req", "http", "req_novary"] where take(function + "(") {
      let header = try word()
      guard take(")") else { throw Failure.unknown("\(function)( is not closed") }
      return state.headers[header.lowercased()] ?? ""
    }
    throw Failure.unknown("`\(rest)`: unsupported expression")
  }

  private mutating func regex() throws -> NginxRegex {
    skipSpace()
    var close = UInt8(ascii: "/")
    if take("m"), position < bytes.count {
      close = bytes[position]
    }
    guard position < bytes.count, bytes[position] == close else {
      throw Failure.unknown("`\(rest)`: a regular expression was expected")
    }
    position += 1
    let start = position
    while position < bytes.count, bytes[position] != close {
      if bytes[position] == UInt8(ascii: "\\") { position += 1 }
      position += 1
    }
    let pattern = String(decoding: bytes[start..<min(position, bytes.count)], as: UTF8.self)
    position += 1
    let caseInsensitive = position < bytes.count && bytes[position] == UInt8(ascii: "i")
    if caseInsensitive { position += 1 }
    do {
      return try NginxRegex(pattern, caseInsensitive: caseInsensitive)
    } catch {
      throw Failure.unknown("the regular expression /\(pattern)/ is not supported")
    }
  }
}
