import EBCheckCore

extension HCLParser {
  /// A quoted template; `position` is at its opening `"`.
  mutating func parseTemplate() throws(HCLSyntaxError) -> HCLExpression {
    let open = advance()
    try enter(open)
    defer { depth -= 1 }
    let parts = try parseTemplateParts(from: open.span.end, until: nil)
    let close = position
    guard close < bytes.count, bytes[close] == UInt8(ascii: "\"") else {
      throw HCLSyntaxError(
        "unterminated string", at: Span(open.span.start, min(close, bytes.count)))
    }
    position = close + 1
    let span = Span(open.span.start, position)
    let exact: Bool
    switch parts.count {
    case 0: exact = true
    case 1:
      if case .literal(let value, let raw) = parts[0] {
        exact = text(raw) == value
      } else {
        exact = false
      }
    default: exact = false
    }
    return HCLExpression(.template(parts, exact: exact), span)
  }

  /// `<<EOT` … `EOT`; `token` is the opener (through its newline).
  mutating func parseHeredoc(_ token: HCLToken, marker: String, flush: Bool)
    throws(HCLSyntaxError) -> HCLExpression
  {
    advance()
    try enter(token)
    defer { depth -= 1 }
    guard let (contentEnd, closeEnd) = heredocClose(marker: marker, from: token.span.end) else {
      throw HCLSyntaxError("heredoc \(marker) is never closed", at: token.span)
    }
    var parts = try parseTemplateParts(from: token.span.end, until: contentEnd)
    if flush { parts = Self.flushed(parts) }
    position = closeEnd
    return HCLExpression(.template(parts, exact: false), Span(token.span.start, closeEnd))
  }

  /// The start of the line closing the heredoc and the end of its marker.
  func heredocClose(marker: String, from start: Int) -> (Int, Int)? {
    let needle = Array(marker.utf8)
    var lineStart = start
    while lineStart <= bytes.count {
      var cursor = lineStart
      while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == 9 {
        cursor += 1
      }
      if scanner.matches(needle, at: cursor) {
        let after = cursor + needle.count
        let rest = scanner.lineEnd(from: after)
        if rest == after { return (lineStart, after) }
      }
      let end = scanner.lineEnd(from: lineStart)
      guard end < bytes.count else { return nil }
      lineStart = bytes[end] == UInt8(ascii: "\r") ? end + 2 : end + 1
    }
    return nil
  }

  /// Literal text, `${…}` and `%{…}` from `start`; quoted (until `"`) when `end` is nil,
  /// else a heredoc body ending at `end`. Leaves `position` at the closing quote.
  mutating func parseTemplateParts(from start: Int, until end: Int?) throws(HCLSyntaxError)
    -> [HCLTemplatePart]
  {
    var parts: [HCLTemplatePart] = []
    var literal: [UInt8] = []
    var literalStart = start
    var cursor = start
    let limit = end ?? bytes.count
    func flush(_ upTo: Int) {
      if upTo > literalStart || !literal.isEmpty {
        parts.append(
          .literal(String(decoding: literal, as: UTF8.self), Span(literalStart, upTo)))
      }
      literal.removeAll(keepingCapacity: true)
    }
    while cursor < limit {
      let byte = bytes[cursor]
      if end == nil, byte == UInt8(ascii: "\"") { break }
      if end == nil, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        throw HCLSyntaxError(
          "unterminated string (a quoted string cannot span lines; use a heredoc)",
          at: Span(start - 1, cursor))
      }
      let next = scanner.peek(cursor + 1)
      if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%") {
        if next == byte, scanner.peek(cursor + 2) == UInt8(ascii: "{") {
          // `$${` and `%%{` are the literal `${` and `%{`.
          literal += [byte, UInt8(ascii: "{")]
          cursor += 3
          continue
        }
        if next == UInt8(ascii: "{") {
          flush(cursor)
          let isDirective = byte == UInt8(ascii: "%")
          let (part, after) = try parseTemplateSequence(at: cursor, directive: isDirective)
          parts.append(part)
          cursor = after
          literalStart = cursor
          continue
        }
      }
      if end == nil, byte == UInt8(ascii: "\\") {
        let (decoded, length) = try escape(at: cursor)
        literal += decoded
        cursor += length
        continue
      }
      literal.append(byte)
      cursor += 1
    }
    if end == nil, cursor >= bytes.count {
      throw HCLSyntaxError("unterminated string", at: Span(start - 1, cursor))
    }
    flush(cursor)
    position = cursor
    return parts
  }

  /// `${ expression }` or `%{ directive }` at `start`, with optional `~` strip markers.
  mutating func parseTemplateSequence(at start: Int, directive: Bool) throws(HCLSyntaxError)
    -> (HCLTemplatePart, Int)
  {
    position = start + 2
    if scanner.peek(position) == UInt8(ascii: "~") { position += 1 }
    let savedNewlines = newlinesIgnored
    newlinesIgnored = 1
    defer { newlinesIgnored = savedNewlines }
    let opener = Span(start, start + 2)
    try enter(HCLToken(kind: .symbol("${"), span: opener))
    defer { depth -= 1 }
    if directive {
      let keyword = advance()
      let word = keyword.kind == .identifier ? text(keyword.span) : ""
      switch word {
      case "if":
        _ = try parseExpression()
      case "for":
        let first = advance()
        guard first.kind == .identifier else { throw failure("expected a name after for", first) }
        if peek().isSymbol(",") {
          advance()
          _ = advance()
        }
        let inKeyword = advance()
        guard text(inKeyword.span) == "in" else {
          throw failure("expected 'in' in the for directive", inKeyword)
        }
        _ = try parseExpression()
      case "else", "endif", "endfor":
        break
      default:
        throw failure("expected if, else, endif, for or endfor in a template directive", keyword)
      }
      if peek().isSymbol("~") { advance() }
      let close = try expect("}", "to close the template directive")
      return (.directive(Span(start, close.span.end)), close.span.end)
    }
    let expression = try parseExpression()
    if peek().isSymbol("~") { advance() }
    let close = try expect("}", "to close the interpolation")
    return (.interpolation(expression), close.span.end)
  }

  /// A backslash escape in a quoted string: its bytes and the length written.
  func escape(at start: Int) throws(HCLSyntaxError) -> ([UInt8], Int) {
    guard let kind = scanner.peek(start + 1) else {
      throw HCLSyntaxError("unterminated string", at: Span(start, start + 1))
    }
    switch kind {
    case UInt8(ascii: "n"): return ([0x0A], 2)
    case UInt8(ascii: "r"): return ([0x0D], 2)
    case UInt8(ascii: "t"): return ([0x09], 2)
    case UInt8(ascii: "\""): return ([0x22], 2)
    case UInt8(ascii: "\\"): return ([0x5C], 2)
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let digits = kind == UInt8(ascii: "u") ? 4 : 8
      let hexStart = start + 2
      guard hexStart + digits <= bytes.count,
        let value = UInt32(text(Span(hexStart, hexStart + digits)), radix: 16),
        let scalar = Unicode.Scalar(value)
      else {
        throw HCLSyntaxError(
          "invalid \\\(Character(Unicode.Scalar(kind))) escape: expected \(digits) hex digits of a Unicode scalar",
          at: Span(start, min(bytes.count, hexStart + digits)))
      }
      return (Array(String(Character(scalar)).utf8), 2 + digits)
    default:
      throw HCLSyntaxError(
        "invalid escape '\\\(Character(Unicode.Scalar(kind)))' (HCL knows \\n \\r \\t \\\" \\\\ \\uNNNN \\UNNNNNNNN)",
        at: Span(start, start + 2))
    }
  }

  /// `<<-` heredocs: the smallest indentation of the lines holding text is removed from
  /// every line.
  static func flushed(_ parts: [HCLTemplatePart]) -> [HCLTemplatePart] {
    var indents: [Int] = []
    var blanks = 0
    var lineHasText = false
    func sawText() {
      if !lineHasText { indents.append(blanks) }
      lineHasText = true
    }
    for part in parts {
      guard case .literal(let text, _) = part else {
        sawText()
        continue
      }
      for byte in text.utf8 {
        if byte == 0x0A {
          blanks = 0
          lineHasText = false
        } else if !lineHasText, byte == 0x20 || byte == 0x09 {
          blanks += 1
        } else {
          sawText()
        }
      }
    }
    let strip = indents.min() ?? 0
    guard strip > 0 else { return parts }
    var result: [HCLTemplatePart] = []
    var remaining = strip
    for part in parts {
      guard case .literal(let text, let span) = part else {
        result.append(part)
        remaining = 0
        continue
      }
      var out: [UInt8] = []
      for byte in text.utf8 {
        if byte == 0x0A {
          out.append(byte)
          remaining = strip
        } else if remaining > 0, byte == 0x20 || byte == 0x09 {
          remaining -= 1
        } else {
          remaining = 0
          out.append(byte)
        }
      }
      result.append(.literal(String(decoding: out, as: UTF8.self), span))
    }
    return result
  }
}
