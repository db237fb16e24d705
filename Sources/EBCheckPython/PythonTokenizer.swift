import EBCheckCore

/// Splits Python 3 source bytes into tokens the way CPython's `tokenize` does, without
/// decoding the file into Swift strings. Invalid input becomes P001 diagnostics; the
/// tokenizer always runs to the end of the file.
public enum PythonTokenizer {

  public static func tokenize(_ file: SourceFile) -> PyTokenStream {
    tokenize(bytes: file.bytes, path: file.path)
  }

  public static func tokenize(bytes: [UInt8], path: String) -> PyTokenStream {
    bytes.withUnsafeBufferPointer { buffer in
      var lexer = PyLexer(buffer: buffer, path: path)
      lexer.run()
      return PyTokenStream(tokens: lexer.tokens, diagnostics: lexer.diagnostics)
    }
  }

  /// Tokens of a slice of a file (an f-string replacement field); spans stay file-absolute.
  package static func tokenize(bytes: [UInt8], path: String, range: Range<Int>) -> PyTokenStream {
    bytes.withUnsafeBufferPointer { buffer in
      var lexer = PyLexer(buffer: buffer, path: path, range: range)
      lexer.run()
      return PyTokenStream(tokens: lexer.tokens, diagnostics: lexer.diagnostics)
    }
  }

  package static func diagnostic(_ message: String, file: String, span: Span) -> Diagnostic {
    Diagnostic(
      problem: .pythonSyntax, severity: .error, message: "cannot parse: \(message)",
      location: Location(file: file, span: span))
  }
}

private enum ASCII {
  package static let newline = UInt8(ascii: "\n")
  package static let carriageReturn = UInt8(ascii: "\r")
  package static let space = UInt8(ascii: " ")
  package static let tab = UInt8(ascii: "\t")
  package static let formFeed: UInt8 = 0x0C
  package static let hash = UInt8(ascii: "#")
  package static let backslash = UInt8(ascii: "\\")
  package static let singleQuote = UInt8(ascii: "'")
  package static let doubleQuote = UInt8(ascii: "\"")
  package static let underscore = UInt8(ascii: "_")
  package static let dot = UInt8(ascii: ".")
  package static let zero = UInt8(ascii: "0")
  package static let nine = UInt8(ascii: "9")
  package static let openBrace = UInt8(ascii: "{")
  package static let closeBrace = UInt8(ascii: "}")

  /// Bit 0: may start a name; bit 1: may continue a name; bit 2: decimal digit; bit 3: hex digit.
  /// `classes` copied once into immutable memory the hot loops index without bounds checks.
  nonisolated(unsafe) static let classTable: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    table.initialize(from: classes, count: 256)
    return UnsafePointer(table)
  }()

  package static let classes: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 256)
    for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = 3 }
    for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = 3 }
    table[Int(underscore)] = 3
    for byte in zero...nine { table[Int(byte)] = 2 | 4 | 8 }
    for byte in UInt8(ascii: "a")...UInt8(ascii: "f") { table[Int(byte)] |= 8 }
    for byte in UInt8(ascii: "A")...UInt8(ascii: "F") { table[Int(byte)] |= 8 }
    return table
  }()
}

package struct PyLexer {
  package let bytes: UnsafeBufferPointer<UInt8>
  package let path: String
  package let count: Int
  package let classes: UnsafePointer<UInt8> = ASCII.classTable
  package let keywordKeys: [UInt64] = PyKeyword.hashSlots.keys
  package let keywordValues: [PyKeyword] = PyKeyword.hashSlots.values
  package var position = 0
  package var tokens: [PyToken] = []
  package var diagnostics: [Diagnostic] = []
  package var indents: [Int] = [0]
  /// Open brackets: the byte and its offset.
  package var brackets: [(UInt8, Int)] = []
  package var atLineStart = true
  package var lineHasTokens = false
  package var reportedInvalidUTF8 = false

  /// Whether this lexer reads a whole file (BOM, UTF-8 check) or a slice such as an f-string field.
  package let wholeFile: Bool

  package init(buffer: UnsafeBufferPointer<UInt8>, path: String, range: Range<Int>? = nil) {
    self.bytes = buffer
    self.path = path
    self.count = range?.upperBound ?? buffer.count
    self.position = range?.lowerBound ?? 0
    self.wholeFile = range == nil
    tokens.reserveCapacity((count - position) / 4 + 16)
  }

  @inline(__always) package func byte(_ offset: Int) -> UInt8 { offset < count ? bytes[offset] : 0 }

  package mutating func error(_ message: String, _ span: Span) {
    diagnostics.append(PythonTokenizer.diagnostic(message, file: path, span: span))
  }

  package mutating func emit(_ kind: PyTokenKind, _ start: Int, _ end: Int, op: PyOp = .none) {
    tokens.append(PyToken(kind: kind, start: start, end: end, op: op))
  }

  package mutating func run() {
    if wholeFile {
      if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
      validateUTF8()
    }
    while true {
      if atLineStart && brackets.isEmpty {
        atLineStart = false
        indentation()
      }
      skipSpaces()
      guard position < count else { break }
      let current = bytes[position]
      switch current {
      case ASCII.hash:
        let start = position
        while position < count && bytes[position] != ASCII.newline
          && bytes[position] != ASCII.carriageReturn
        {
          position += 1
        }
        emit(.comment, start, position)
      case ASCII.newline, ASCII.carriageReturn:
        let start = position
        position += 1
        if current == ASCII.carriageReturn && byte(position) == ASCII.newline { position += 1 }
        if brackets.isEmpty && lineHasTokens {
          emit(.newline, start, position)
        } else {
          emit(.nl, start, position)
        }
        if brackets.isEmpty {
          lineHasTokens = false
          atLineStart = true
        }
      case ASCII.backslash:
        let start = position
        position += 1
        if byte(position) == ASCII.carriageReturn { position += 1 }
        if position < count && bytes[position] == ASCII.newline {
          position += 1
        } else if position >= count {
          error("unexpected EOF after line continuation character", Span(start, position))
          emit(.error, start, position)
        } else {
          error("unexpected character after line continuation character", Span(start, start + 1))
          emit(.error, start, start + 1)
        }
      case ASCII.singleQuote, ASCII.doubleQuote:
        lineHasTokens = true
        string(start: position, isFormat: false)
      case ASCII.zero...ASCII.nine:
        lineHasTokens = true
        number()
      case ASCII.dot:
        lineHasTokens = true
        let next = byte(position + 1)
        if next >= ASCII.zero && next <= ASCII.nine {
          number()
        } else if next == ASCII.dot && byte(position + 2) == ASCII.dot {
          emit(.op, position, position + 3, op: .ellipsis)
          position += 3
        } else {
          emit(.op, position, position + 1, op: .dot)
          position += 1
        }
      default:
        lineHasTokens = true
        if classes[Int(current)] & 1 != 0 || current >= 0x80 {
          name()
        } else {
          operatorToken()
        }
      }
    }
    finish()
  }

  package mutating func skipSpaces() {
    while position < count {
      let current = bytes[position]
      if current == ASCII.space || current == ASCII.tab || current == ASCII.formFeed {
        position += 1
      } else {
        return
      }
    }
  }

  /// At the start of a logical line: measure indentation and emit INDENT/DEDENT tokens.
  package mutating func indentation() {
    let start = position
    var column = 0
    while position < count {
      switch bytes[position] {
      case ASCII.space: column += 1
      case ASCII.tab: column = (column / 8 + 1) * 8
      case ASCII.formFeed: column = 0
      default: break
      }
      if bytes[position] != ASCII.space && bytes[position] != ASCII.tab
        && bytes[position] != ASCII.formFeed
      {
        break
      }
      position += 1
    }
    guard position < count else { return }
    let next = bytes[position]
    if next == ASCII.hash || next == ASCII.newline || next == ASCII.carriageReturn {
      return
    }
    if next == ASCII.backslash
      && (byte(position + 1) == ASCII.newline || byte(position + 1) == ASCII.carriageReturn)
    {
      return
    }
    let current = indents[indents.count - 1]
    if column > current {
      indents.append(column)
      emit(.indent, start, position)
    } else if column < current {
      while indents.count > 1 && column < indents[indents.count - 1] {
        indents.removeLast()
        emit(.dedent, position, position)
      }
      if column != indents[indents.count - 1] {
        error("unindent does not match any outer indentation level", Span(start, position))
      }
    }
  }

  package mutating func finish() {
    if let (open, offset) = brackets.last {
      let character = String(UnicodeScalar(open))
      error("'\(character)' was never closed", Span(offset, offset + 1))
    }
    if lineHasTokens || !brackets.isEmpty { emit(.newline, count, count) }
    while indents.count > 1 {
      indents.removeLast()
      emit(.dedent, count, count)
    }
    emit(.endMarker, count, count)
  }

  // MARK: names

  /// Decodes the scalar at `offset`; nil when the bytes are not valid UTF-8.
  package func scalar(at offset: Int) -> (Unicode.Scalar, Int)? {
    let lead = bytes[offset]
    var length = 0
    var value: UInt32 = 0
    switch lead {
    case 0xC2...0xDF:
      length = 2
      value = UInt32(lead & 0x1F)
    case 0xE0...0xEF:
      length = 3
      value = UInt32(lead & 0x0F)
    case 0xF0...0xF4:
      length = 4
      value = UInt32(lead & 0x07)
    default: return nil
    }
    guard offset + length <= count else { return nil }
    for index in 1..<length {
      let continuation = bytes[offset + index]
      guard continuation & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(continuation & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }

  package mutating func name() {
    let start = position
    var asciiOnly = true
    if bytes[position] >= 0x80 {
      guard let (first, length) = scalar(at: position) else {
        invalidByte()
        return
      }
      guard first.properties.isXIDStart else {
        error(
          "invalid character '\(first)' (U+\(String(first.value, radix: 16, uppercase: true)))",
          Span(position, position + length))
        emit(.error, position, position + length)
        position += length
        return
      }
      asciiOnly = false
      position += length
    }
    while position < count {
      let current = bytes[position]
      if current < 0x80 {
        if classes[Int(current)] & 2 != 0 { position += 1 } else { break }
      } else {
        guard let (next, length) = scalar(at: position), next.properties.isXIDContinue else {
          break
        }
        asciiOnly = false
        position += length
      }
    }
    let length = position - start
    if asciiOnly && length <= 2 && position < count
      && (bytes[position] == ASCII.singleQuote || bytes[position] == ASCII.doubleQuote)
    {
      if let isFormat = stringPrefix(start, length) {
        string(start: start, isFormat: isFormat)
        return
      }
    }
    var keyword = PyKeyword.none
    if asciiOnly && length >= 2 && length <= 8 {
      var packed: UInt64 = 0
      for index in 0..<length { packed |= UInt64(bytes[start + index]) << (8 * UInt64(index)) }
      var slot = PyKeyword.hashSlot(packed)
      while true {
        let key = keywordKeys[slot]
        if key == packed {
          keyword = keywordValues[slot]
          break
        }
        if key == 0 { break }
        slot = (slot + 1) & 127
      }
    }
    tokens.append(PyToken(kind: .name, start: start, end: position, keyword: keyword))
  }

  /// Whether the name at `start` is a valid string prefix; returns whether it makes an f-string.
  package func stringPrefix(_ start: Int, _ length: Int) -> Bool? {
    var raw = 0
    var other: UInt8 = 0
    var otherCount = 0
    for index in 0..<length {
      let lower = bytes[start + index] | 0x20
      if lower == UInt8(ascii: "r") {
        raw += 1
      } else {
        other = lower
        otherCount += 1
      }
    }
    if raw > 1 || otherCount > 1 { return nil }
    if otherCount == 0 { return false }
    switch other {
    case UInt8(ascii: "b"): return false
    case UInt8(ascii: "f"): return true
    case UInt8(ascii: "u"): return raw == 0 ? false : nil
    default: return nil
    }
  }

  package mutating func invalidByte() {
    let offset = position
    if bytes[offset] >= 0x80 && reportedInvalidUTF8 {
      // Already reported once by the UTF-8 validation pass.
    } else if bytes[offset] == 0 {
      error("source code cannot contain null bytes", Span(offset, offset + 1))
    } else if bytes[offset] >= 0x80 {
      error(
        "invalid UTF-8 byte 0x\(String(bytes[offset], radix: 16, uppercase: true))",
        Span(offset, offset + 1))
    } else {
      let printable = bytes[offset] >= 0x20 && bytes[offset] < 0x7F
      let shown =
        printable
        ? "'\(String(UnicodeScalar(bytes[offset])))'"
        : "U+\(String(bytes[offset], radix: 16, uppercase: true))"
      error("invalid character \(shown)", Span(offset, offset + 1))
    }
    emit(.error, offset, offset + 1)
    position += 1
  }

  // MARK: numbers

  package mutating func digits(_ mask: UInt8) -> Int {
    let start = position
    while position < count {
      let current = bytes[position]
      if classes[Int(current)] & mask != 0 || current == ASCII.underscore {
        position += 1
      } else {
        break
      }
    }
    return position - start
  }

  package mutating func number() {
    let start = position
    let first = bytes[position]
    let second = byte(position + 1) | 0x20
    if first == ASCII.zero
      && (second == UInt8(ascii: "x") || second == UInt8(ascii: "o") || second == UInt8(ascii: "b"))
    {
      position += 2
      if digits(second == UInt8(ascii: "x") ? 8 : 4) == 0 {
        error(
          "invalid \(second == UInt8(ascii: "x") ? "hexadecimal" : second == UInt8(ascii: "o") ? "octal" : "binary") literal",
          Span(start, position))
        emit(.error, start, position)
        return
      }
      emit(.number, start, position)
      return
    }
    var isInteger = true
    if first != ASCII.dot { _ = digits(4) }
    if byte(position) == ASCII.dot {
      isInteger = false
      position += 1
      _ = digits(4)
    }
    let exponent = byte(position) | 0x20
    if exponent == UInt8(ascii: "e") {
      var probe = position + 1
      if byte(probe) == UInt8(ascii: "+") || byte(probe) == UInt8(ascii: "-") { probe += 1 }
      let digit = byte(probe)
      if digit >= ASCII.zero && digit <= ASCII.nine {
        isInteger = false
        position = probe
        _ = digits(4)
      }
    }
    if byte(position) | 0x20 == UInt8(ascii: "j") {
      isInteger = false
      position += 1
    }
    if isInteger && first == ASCII.zero {
      var index = start
      while index < position {
        if bytes[index] != ASCII.zero && bytes[index] != ASCII.underscore {
          error(
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            Span(start, position))
          emit(.error, start, position)
          return
        }
        index += 1
      }
    }
    emit(.number, start, position)
  }

  // MARK: strings

  /// Scans a string literal whose prefix starts at `start` and whose quote is at `position`.
  package mutating func string(start: Int, isFormat: Bool) {
    if scanString(isFormat: isFormat, nesting: 0) {
      emit(.string, start, position)
    } else {
      emit(.error, start, position)
    }
  }

  /// Moves `position` past one string body (from its opening quote). Reports and returns
  /// false when the string is not terminated.
  package mutating func scanString(isFormat: Bool, nesting: Int) -> Bool {
    let literalStart = position
    let quote = bytes[position]
    let triple = byte(position + 1) == quote && byte(position + 2) == quote
    position += triple ? 3 : 1
    var depth = 0
    while position < count {
      let current = bytes[position]
      if !isFormat {
        // Fast path: skip ordinary bytes of plain strings.
        if current != quote && current != ASCII.backslash && current != ASCII.newline
          && current != ASCII.carriageReturn
        {
          position += 1
          continue
        }
      }
      switch current {
      case ASCII.backslash:
        position += 2
        if position <= count && bytes[position - 1] == ASCII.carriageReturn
          && byte(position) == ASCII.newline
        {
          position += 1
        }
        if position > count { position = count }
      case quote where depth == 0 || !isFormat:
        if !triple {
          position += 1
          return true
        }
        if byte(position + 1) == quote && byte(position + 2) == quote {
          position += 3
          return true
        }
        position += 1
      case ASCII.newline, ASCII.carriageReturn:
        if !triple {
          unterminated(literalStart, triple: false)
          return false
        }
        position += 1
      case ASCII.openBrace where isFormat:
        if depth == 0 && byte(position + 1) == ASCII.openBrace {
          position += 2
        } else {
          depth += 1
          position += 1
        }
      case ASCII.closeBrace where isFormat:
        if depth > 0 {
          depth -= 1
          position += 1
        } else if byte(position + 1) == ASCII.closeBrace {
          position += 2
        } else {
          position += 1
        }
      case ASCII.singleQuote where isFormat && depth > 0,
        ASCII.doubleQuote where isFormat && depth > 0:
        // A quote inside a replacement field opens a nested string (PEP 701).
        if nesting < 16 {
          var prefixStart = position
          while prefixStart > literalStart && (bytes[prefixStart - 1] | 0x20) >= UInt8(ascii: "a")
            && (bytes[prefixStart - 1] | 0x20) <= UInt8(ascii: "z")
          {
            prefixStart -= 1
          }
          let nestedFormat = bytes[prefixStart..<position].contains {
            $0 | 0x20 == UInt8(ascii: "f")
          }
          if !scanString(isFormat: nestedFormat, nesting: nesting + 1) { return false }
        } else {
          position += 1
        }
      default:
        position += 1
      }
    }
    unterminated(literalStart, triple: triple)
    return false
  }

  package mutating func unterminated(_ start: Int, triple: Bool) {
    if triple {
      error("unterminated triple-quoted string literal", Span(start, min(start + 3, count)))
    } else {
      error("unterminated string literal", Span(start, position))
    }
  }

  // MARK: operators

  package mutating func operatorToken() {
    let start = position
    let first = bytes[position]
    let second = byte(position + 1)
    let third = byte(position + 2)
    let equal = UInt8(ascii: "=")
    var op = PyOp.none
    var length = 1
    func pick(_ single: PyOp, _ withEqual: PyOp) -> (PyOp, Int) {
      second == equal ? (withEqual, 2) : (single, 1)
    }
    switch first {
    case UInt8(ascii: "("): op = .lpar
    case UInt8(ascii: ")"): op = .rpar
    case UInt8(ascii: "["): op = .lsqb
    case UInt8(ascii: "]"): op = .rsqb
    case UInt8(ascii: "{"): op = .lbrace
    case UInt8(ascii: "}"): op = .rbrace
    case UInt8(ascii: ","): op = .comma
    case UInt8(ascii: ";"): op = .semi
    case UInt8(ascii: "~"): op = .tilde
    case UInt8(ascii: ":"): (op, length) = pick(.colon, .colonEqual)
    case UInt8(ascii: "+"): (op, length) = pick(.plus, .plusEqual)
    case UInt8(ascii: "-"):
      if second == UInt8(ascii: ">") {
        (op, length) = (.arrow, 2)
      } else {
        (op, length) = pick(.minus, .minusEqual)
      }
    case UInt8(ascii: "*"):
      if second == UInt8(ascii: "*") {
        (op, length) = third == equal ? (.doubleStarEqual, 3) : (.doubleStar, 2)
      } else {
        (op, length) = pick(.star, .starEqual)
      }
    case UInt8(ascii: "/"):
      if second == UInt8(ascii: "/") {
        (op, length) = third == equal ? (.doubleSlashEqual, 3) : (.doubleSlash, 2)
      } else {
        (op, length) = pick(.slash, .slashEqual)
      }
    case UInt8(ascii: "%"): (op, length) = pick(.percent, .percentEqual)
    case UInt8(ascii: "@"): (op, length) = pick(.at, .atEqual)
    case UInt8(ascii: "|"): (op, length) = pick(.vbar, .vbarEqual)
    case UInt8(ascii: "&"): (op, length) = pick(.amper, .amperEqual)
    case UInt8(ascii: "^"): (op, length) = pick(.circumflex, .circumflexEqual)
    case UInt8(ascii: "="): (op, length) = pick(.equal, .eqEqual)
    case UInt8(ascii: "!"):
      if second == equal { (op, length) = (.notEqual, 2) }
    case UInt8(ascii: "<"):
      if second == UInt8(ascii: "<") {
        (op, length) = third == equal ? (.leftShiftEqual, 3) : (.leftShift, 2)
      } else {
        (op, length) = pick(.less, .lessEqual)
      }
    case UInt8(ascii: ">"):
      if second == UInt8(ascii: ">") {
        (op, length) = third == equal ? (.rightShiftEqual, 3) : (.rightShift, 2)
      } else {
        (op, length) = pick(.greater, .greaterEqual)
      }
    default: break
    }
    guard op != .none else {
      invalidByte()
      return
    }
    switch op {
    case .lpar, .lsqb, .lbrace:
      brackets.append((first, start))
    case .rpar, .rsqb, .rbrace:
      let closing = String(UnicodeScalar(first))
      if let (open, _) = brackets.last {
        let expected: UInt8 =
          open == UInt8(ascii: "(")
          ? UInt8(ascii: ")") : open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
        if expected != first {
          error(
            "closing parenthesis '\(closing)' does not match opening parenthesis '\(String(UnicodeScalar(open)))'",
            Span(start, start + 1))
        }
        brackets.removeLast()
      } else {
        error("unmatched '\(closing)'", Span(start, start + 1))
      }
    default: break
    }
    position += length
    tokens.append(PyToken(kind: .op, start: start, end: position, op: op))
  }

  // MARK: UTF-8 validation

  /// Reports the first invalid UTF-8 sequence; runs 8 bytes at a time over ASCII text.
  package mutating func validateUTF8() {
    guard let base = bytes.baseAddress else { return }
    let raw = UnsafeRawPointer(base)
    var offset = 0
    while offset < count {
      if offset + 8 <= count {
        let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        if word & 0x8080_8080_8080_8080 == 0 {
          offset += 8
          continue
        }
      }
      let lead = bytes[offset]
      if lead < 0x80 {
        offset += 1
        continue
      }
      guard let (decoded, length) = scalar(at: offset), isShortestForm(decoded, length) else {
        error(
          "invalid UTF-8 byte 0x\(String(lead, radix: 16, uppercase: true))",
          Span(offset, offset + 1))
        reportedInvalidUTF8 = true
        return
      }
      offset += length
    }
  }

  package func isShortestForm(_ scalar: Unicode.Scalar, _ length: Int) -> Bool {
    switch length {
    case 3: return scalar.value >= 0x800
    case 4: return scalar.value >= 0x10000
    default: return true
    }
  }
}
