import EBCheckCore

/// One token of HCL's native syntax outside string templates.
struct HCLToken: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    case identifier
    case number
    /// `"`: a quoted template starts after it.
    case quote
    /// `<<EOT` or `<<-EOT` and the newline after it; the content starts at the span's end.
    case heredoc(marker: String, flush: Bool)
    case symbol(String)
    case newline
    case end
    case invalid(String)
  }

  var kind: Kind
  var span: Span

  func isSymbol(_ text: String) -> Bool { kind == .symbol(text) }
}

/// Turns bytes into tokens on demand; comments and blanks are skipped, newlines are tokens.
struct HCLScanner {
  let bytes: [UInt8]

  static let symbols3: [[UInt8]] = [Array("...".utf8)]
  static let symbols2: [[UInt8]] = ["==", "!=", "<=", ">=", "&&", "||", "=>", "::"].map {
    Array($0.utf8)
  }
  static let symbols1 = Set(Array("{}[](),=.:?<>!+-*/%~".utf8))

  /// The token starting at or after `offset`.
  func token(at offset: Int) -> HCLToken {
    var index = offset
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
        index += 1
      case UInt8(ascii: "\r")
      where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"):
        return HCLToken(kind: .newline, span: Span(index, index + 2))
      case UInt8(ascii: "\r"):
        index += 1
      case UInt8(ascii: "\n"):
        return HCLToken(kind: .newline, span: Span(index, index + 1))
      case UInt8(ascii: "#"):
        index = lineEnd(from: index)
      case UInt8(ascii: "/") where peek(index + 1) == UInt8(ascii: "/"):
        index = lineEnd(from: index)
      case UInt8(ascii: "/") where peek(index + 1) == UInt8(ascii: "*"):
        guard let close = find("*/", from: index + 2) else {
          return HCLToken(
            kind: .invalid("unterminated /* comment"), span: Span(index, index + 2))
        }
        index = close + 2
      default:
        return significant(at: index)
      }
    }
    return HCLToken(kind: .end, span: Span(at: bytes.count))
  }

  private func significant(at start: Int) -> HCLToken {
    let byte = bytes[start]
    if Self.isIdentifierStart(byte) {
      var end = start + 1
      while end < bytes.count, Self.isIdentifierContinue(bytes[end]) { end += 1 }
      return HCLToken(kind: .identifier, span: Span(start, end))
    }
    if Self.isDigit(byte) { return number(at: start) }
    if byte == UInt8(ascii: "\"") { return HCLToken(kind: .quote, span: Span(start, start + 1)) }
    if byte == UInt8(ascii: "<"), peek(start + 1) == UInt8(ascii: "<"),
      let heredoc = heredoc(at: start)
    {
      return heredoc
    }
    for symbol in Self.symbols3 where matches(symbol, at: start) {
      return HCLToken(
        kind: .symbol(String(decoding: symbol, as: UTF8.self)),
        span: Span(start, start + symbol.count))
    }
    for symbol in Self.symbols2 where matches(symbol, at: start) {
      return HCLToken(
        kind: .symbol(String(decoding: symbol, as: UTF8.self)),
        span: Span(start, start + symbol.count))
    }
    if Self.symbols1.contains(byte) {
      return HCLToken(
        kind: .symbol(String(UnicodeScalar(byte))), span: Span(start, start + 1))
    }
    let length = max(1, LineIndex.scalarLength(leadByte: byte))
    let end = min(bytes.count, start + length)
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    return HCLToken(kind: .invalid("unexpected character '\(text)'"), span: Span(start, end))
  }

  /// `123`, `1.5`, `1e10`, `2.5E-3`.
  private func number(at start: Int) -> HCLToken {
    var end = start
    while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
    if peek(end) == UInt8(ascii: "."), let next = peek(end + 1), Self.isDigit(next) {
      end += 1
      while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
    }
    if let e = peek(end), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      var cursor = end + 1
      if let sign = peek(cursor), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        cursor += 1
      }
      if let digit = peek(cursor), Self.isDigit(digit) {
        end = cursor
        while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
      }
    }
    return HCLToken(kind: .number, span: Span(start, end))
  }

  /// `<<EOT` / `<<-EOT` followed by a newline.
  private func heredoc(at start: Int) -> HCLToken? {
    var cursor = start + 2
    let flush = peek(cursor) == UInt8(ascii: "-")
    if flush { cursor += 1 }
    guard let first = peek(cursor), Self.isIdentifierStart(first) else { return nil }
    let markerStart = cursor
    while cursor < bytes.count, Self.isIdentifierContinue(bytes[cursor]) { cursor += 1 }
    let marker = String(decoding: bytes[markerStart..<cursor], as: UTF8.self)
    if peek(cursor) == UInt8(ascii: "\r"), peek(cursor + 1) == UInt8(ascii: "\n") {
      cursor += 2
    } else if peek(cursor) == UInt8(ascii: "\n") {
      cursor += 1
    } else {
      return HCLToken(
        kind: .invalid("a heredoc marker must be followed by a newline"),
        span: Span(start, cursor))
    }
    return HCLToken(kind: .heredoc(marker: marker, flush: flush), span: Span(start, cursor))
  }

  func peek(_ index: Int) -> UInt8? { index >= 0 && index < bytes.count ? bytes[index] : nil }

  func matches(_ needle: [UInt8], at index: Int) -> Bool {
    guard index + needle.count <= bytes.count else { return false }
    for offset in 0..<needle.count where bytes[index + offset] != needle[offset] { return false }
    return true
  }

  func find(_ text: String, from start: Int) -> Int? {
    let needle = Array(text.utf8)
    var index = start
    while index + needle.count <= bytes.count {
      if matches(needle, at: index) { return index }
      index += 1
    }
    return nil
  }

  /// The offset of the `\n` (or `\r\n`) ending the line of `index`, or the end of the bytes.
  func lineEnd(from index: Int) -> Int {
    var cursor = index
    while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\n") { cursor += 1 }
    if cursor > index, cursor < bytes.count, bytes[cursor - 1] == UInt8(ascii: "\r") {
      return cursor - 1
    }
    return cursor
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// Letters, `_`, and any non-ASCII byte (HCL identifiers follow Unicode ID_Start).
  static func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
      || byte >= 0x80
  }

  static func isIdentifierContinue(_ byte: UInt8) -> Bool {
    isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "-")
  }
}
