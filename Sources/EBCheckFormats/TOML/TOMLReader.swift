/// A TOML syntax error at a 1-based line.
public struct TOMLError: Error, Sendable, Hashable, CustomStringConvertible {
  public var line: Int
  public var message: String

  public init(line: Int, _ message: String) {
    self.line = line
    self.message = message
  }

  public var description: String { "line \(line): \(message)" }
}

/// Reads TOML 1.0 documents such as `pyproject.toml`: tables and arrays of tables, dotted,
/// bare and quoted keys, basic and literal strings (multi-line too), integers, floats,
/// booleans, date-times (kept as written), arrays and inline tables. Values ebcheck never
/// reads are parsed all the same, so a valid file never fails; an invalid one names its line.
public enum TOMLReader {
  public static func parse(_ bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
    var parser = TOMLParser(bytes: bytes)
    return try parser.document()
  }

  public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
    try parse(Array(text.utf8))
  }
}

private struct TOMLParser {
  let bytes: [UInt8]
  var position = 0
  var line = 1
  var root = TOMLTable()
  /// The table key/value lines go to: a path of keys (an array of tables means its last element).
  var current: [String] = []
  /// Tables given a `[header]`, and arrays made by `[[header]]`, by concrete path.
  var definedTables: Set<[String]> = []
  var tableArrays: Set<[String]> = []
  /// Tables and arrays written inline: closed to later additions.
  var closed: Set<[String]> = []

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  var atEnd: Bool { position >= bytes.count }
  var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

  func byte(at offset: Int) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  func fail(_ message: String) -> TOMLError { TOMLError(line: line, message) }

  mutating func advance(_ count: Int = 1) {
    for _ in 0..<count where position < bytes.count {
      if bytes[position] == UInt8(ascii: "\n") { line += 1 }
      position += 1
    }
  }

  func startsWith(_ text: String) -> Bool {
    let pattern = Array(text.utf8)
    guard position + pattern.count <= bytes.count else { return false }
    return Array(bytes[position..<position + pattern.count]) == pattern
  }

  // MARK: Document structure

  mutating func document() throws(TOMLError) -> TOMLTable {
    while true {
      skipBlankLines()
      guard let byte = peek else { return root }
      if byte == UInt8(ascii: "[") {
        try header()
      } else {
        try keyValue(into: current)
      }
      try endOfLine()
    }
  }

  /// Skips spaces, tabs, comments and line breaks.
  mutating func skipBlankLines() {
    while let next = peek {
      switch next {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"): advance()
      case UInt8(ascii: "\r") where byte(at: 1) == UInt8(ascii: "\n"): advance()
      case UInt8(ascii: "#"): skipComment()
      default: return
      }
    }
  }

  mutating func skipSpaces() {
    while peek == UInt8(ascii: " ") || peek == UInt8(ascii: "\t") { advance() }
  }

  mutating func skipComment() {
    while let byte = peek, byte != UInt8(ascii: "\n") { advance() }
  }

  /// After a header or a key/value pair: only spaces and a comment may follow on the line.
  mutating func endOfLine() throws(TOMLError) {
    skipSpaces()
    if peek == UInt8(ascii: "#") { skipComment() }
    if peek == UInt8(ascii: "\r"), byte(at: 1) == UInt8(ascii: "\n") { advance() }
    guard atEnd || peek == UInt8(ascii: "\n") else {
      throw fail("expected the end of the line, found '\(describe(peek))'")
    }
  }

  mutating func header() throws(TOMLError) {
    let isArray = byte(at: 1) == UInt8(ascii: "[")
    advance(isArray ? 2 : 1)
    skipSpaces()
    let keys = try dottedKey()
    skipSpaces()
    guard peek == UInt8(ascii: "]"), !isArray || byte(at: 1) == UInt8(ascii: "]") else {
      throw fail("a table header ends with '\(isArray ? "]]" : "]")'")
    }
    advance(isArray ? 2 : 1)
    let headerLine = line
    if isArray {
      let parent = Array(keys.dropLast())
      let concreteParent = try concrete(parent, line: headerLine)
      let arrayPath = concreteParent + [keys.last!]
      var index = 0
      let isTableArray = tableArrays.contains(arrayPath)
      try modify(concreteParent) { (table: inout TOMLTable) throws(TOMLError) in
        let key = keys.last!
        switch table[key]?.kind {
        case nil:
          let element = TOMLNode(.table(TOMLTable()), line: headerLine)
          table.set(key, TOMLNode(.array([element]), line: headerLine))
        case .array(var items) where isTableArray:
          items.append(TOMLNode(.table(TOMLTable()), line: headerLine))
          index = items.count - 1
          table.set(key, TOMLNode(.array(items), line: table[key]!.line))
        default:
          throw TOMLError(
            line: headerLine,
            "'\(keys.joined(separator: "."))' is already defined as a value, not an array of tables"
          )
        }
      }
      tableArrays.insert(arrayPath)
      current = arrayPath + ["#\(index)"]
    } else {
      let path = try concrete(keys, line: headerLine)
      guard !definedTables.contains(path), !closed.contains(path) else {
        throw fail("table [\(keys.joined(separator: "."))] is defined twice")
      }
      definedTables.insert(path)
      current = path
    }
  }

  /// The concrete path (array-of-tables elements as `#index`) of a header's keys, creating
  /// the tables on the way.
  mutating func concrete(_ keys: [String], line: Int) throws(TOMLError) -> [String] {
    var path: [String] = []
    for key in keys {
      let parent = path
      var next = parent + [key]
      var elementIndex: Int?
      let isTableArray = tableArrays.contains(next)
      try modify(parent) { (table: inout TOMLTable) throws(TOMLError) in
        switch table[key]?.kind {
        case nil:
          table.set(key, TOMLNode(.table(TOMLTable()), line: line))
        case .table:
          break
        case .array(let items) where isTableArray:
          elementIndex = items.count - 1
        default:
          throw TOMLError(line: line, "'\(key)' already holds a value, it cannot become a table")
        }
      }
      if let elementIndex { next.append("#\(elementIndex)") }
      if closed.contains(next) {
        throw fail("'\(keys.joined(separator: "."))' was written inline and cannot be extended")
      }
      path = next
    }
    return path
  }

  /// Runs `body` on the table at the concrete `path`, writing the result back.
  mutating func modify(
    _ path: [String], _ body: (inout TOMLTable) throws(TOMLError) -> Void
  ) throws(TOMLError) {
    try Self.modify(&root, path[...], body)
  }

  static func modify(
    _ table: inout TOMLTable, _ path: ArraySlice<String>,
    _ body: (inout TOMLTable) throws(TOMLError) -> Void
  ) throws(TOMLError) {
    guard let key = path.first else { return try body(&table) }
    let rest = path.dropFirst()
    guard let node = table[key] else { return }
    switch node.kind {
    case .table(var inner):
      try modify(&inner, rest, body)
      table.set(key, TOMLNode(.table(inner), line: node.line))
    case .array(var items):
      guard let marker = rest.first, marker.hasPrefix("#"), let index = Int(marker.dropFirst()),
        items.indices.contains(index), case .table(var element) = items[index].kind
      else { return }
      try modify(&element, rest.dropFirst(), body)
      items[index] = TOMLNode(.table(element), line: items[index].line)
      table.set(key, TOMLNode(.array(items), line: node.line))
    default:
      return
    }
  }

  // MARK: Keys and values

  mutating func keyValue(into table: [String]) throws(TOMLError) {
    let keyLine = line
    let keys = try dottedKey()
    skipSpaces()
    guard peek == UInt8(ascii: "=") else {
      throw fail("expected '=' after the key '\(keys.joined(separator: "."))'")
    }
    advance()
    skipSpaces()
    let value = try self.value(path: table + keys)
    let parent = try concreteForDottedKey(table, Array(keys.dropLast()), line: keyLine)
    let key = keys.last!
    try modify(parent) { (target: inout TOMLTable) throws(TOMLError) in
      guard target[key] == nil else {
        throw TOMLError(line: keyLine, "the key '\(keys.joined(separator: "."))' is defined twice")
      }
      target.set(key, value)
    }
    if case .array = value.kind { closed.insert(parent + [key]) }
    if case .table = value.kind { closed.insert(parent + [key]) }
  }

  /// Dotted keys inside a table create (or reopen) sub-tables that no header defined.
  mutating func concreteForDottedKey(_ base: [String], _ keys: [String], line: Int)
    throws(TOMLError)
    -> [String]
  {
    var path = base
    for key in keys {
      let parent = path
      try modify(parent) { (table: inout TOMLTable) throws(TOMLError) in
        switch table[key]?.kind {
        case nil: table.set(key, TOMLNode(.table(TOMLTable()), line: line))
        case .table: break
        default:
          throw TOMLError(line: line, "'\(key)' already holds a value, it cannot hold keys")
        }
      }
      path = parent + [key]
      if closed.contains(path) {
        throw fail("'\(keys.joined(separator: "."))' cannot be extended here")
      }
    }
    return path
  }

  mutating func dottedKey() throws(TOMLError) -> [String] {
    var keys = [try simpleKey()]
    while true {
      skipSpaces()
      guard peek == UInt8(ascii: ".") else { return keys }
      advance()
      skipSpaces()
      keys.append(try simpleKey())
    }
  }

  mutating func simpleKey() throws(TOMLError) -> String {
    switch peek {
    case UInt8(ascii: "\""): return try basicString()
    case UInt8(ascii: "'"): return try literalString()
    default:
      let start = position
      while let byte = peek, Self.isBareKey(byte) { advance() }
      guard position > start else { throw fail("expected a key, found '\(describe(peek))'") }
      return String(decoding: bytes[start..<position], as: UTF8.self)
    }
  }

  static func isBareKey(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
      true
    default: false
    }
  }

  mutating func value(path: [String]) throws(TOMLError) -> TOMLNode {
    let valueLine = line
    switch peek {
    case UInt8(ascii: "\""):
      let text =
        startsWith("\"\"\"") ? try multiLineString(quote: UInt8(ascii: "\"")) : try basicString()
      return TOMLNode(.string(text), line: valueLine)
    case UInt8(ascii: "'"):
      let text =
        startsWith("'''") ? try multiLineString(quote: UInt8(ascii: "'")) : try literalString()
      return TOMLNode(.string(text), line: valueLine)
    case UInt8(ascii: "["):
      return TOMLNode(.array(try array(path: path)), line: valueLine)
    case UInt8(ascii: "{"):
      return TOMLNode(.table(try inlineTable(path: path)), line: valueLine)
    case nil, UInt8(ascii: "\n"), UInt8(ascii: "#"):
      throw fail("a key needs a value after '='")
    default:
      return TOMLNode(try scalar(), line: valueLine)
    }
  }

  mutating func array(path: [String]) throws(TOMLError) -> [TOMLNode] {
    advance()
    var items: [TOMLNode] = []
    while true {
      skipBlankLines()
      if peek == UInt8(ascii: "]") {
        advance()
        return items
      }
      guard !atEnd else { throw fail("an array is not closed with ']'") }
      items.append(try value(path: path + ["#\(items.count)"]))
      skipBlankLines()
      if peek == UInt8(ascii: ",") {
        advance()
      } else if peek != UInt8(ascii: "]") {
        throw fail("expected ',' or ']' in an array, found '\(describe(peek))'")
      }
    }
  }

  mutating func inlineTable(path: [String]) throws(TOMLError) -> TOMLTable {
    advance()
    var parser = TOMLParser(bytes: [])
    var table = TOMLTable()
    var first = true
    while true {
      skipBlankLines()
      if peek == UInt8(ascii: "}") {
        advance()
        return table
      }
      if !first {
        guard peek == UInt8(ascii: ",") else {
          throw fail("expected ',' or '}' in an inline table, found '\(describe(peek))'")
        }
        advance()
        skipBlankLines()
      }
      first = false
      guard !atEnd else { throw fail("an inline table is not closed with '}'") }
      // Each pair is read by a parser whose root is the inline table, so dotted keys and
      // duplicate checks behave as in a document.
      let keyLine = line
      let keys = try dottedKey()
      skipSpaces()
      guard peek == UInt8(ascii: "=") else {
        throw fail("expected '=' after the key '\(keys.joined(separator: "."))'")
      }
      advance()
      skipSpaces()
      let node = try value(path: path + keys)
      parser.root = table
      parser.line = keyLine
      let parent = try parser.concreteForDottedKey([], Array(keys.dropLast()), line: keyLine)
      let key = keys.last!
      try parser.modify(parent) { (target: inout TOMLTable) throws(TOMLError) in
        guard target[key] == nil else {
          throw TOMLError(
            line: keyLine, "the key '\(keys.joined(separator: "."))' is defined twice")
        }
        target.set(key, node)
      }
      table = parser.root
    }
  }

  // MARK: Strings

  mutating func basicString() throws(TOMLError) -> String {
    advance()
    var out: [UInt8] = []
    while true {
      guard let byte = peek, byte != UInt8(ascii: "\n") else {
        throw fail("a string is not closed with '\"'")
      }
      if byte == UInt8(ascii: "\"") {
        advance()
        return String(decoding: out, as: UTF8.self)
      }
      if byte == UInt8(ascii: "\\") {
        out += try escape()
      } else {
        guard byte >= 0x20 || byte == UInt8(ascii: "\t"), byte != 0x7F else {
          throw fail("a control character must be escaped in a string")
        }
        out.append(byte)
        advance()
      }
    }
  }

  mutating func literalString() throws(TOMLError) -> String {
    advance()
    let start = position
    while let byte = peek, byte != UInt8(ascii: "'") {
      guard byte != UInt8(ascii: "\n") else { throw fail("a string is not closed with \"'\"") }
      advance()
    }
    guard !atEnd else { throw fail("a string is not closed with \"'\"") }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    advance()
    return text
  }

  /// `"""…"""` (escapes, `\` at a line end joins lines) or `'''…'''` (as written); a line
  /// break right after the opening quotes is dropped; up to two quotes may end the content.
  mutating func multiLineString(quote: UInt8) throws(TOMLError) -> String {
    let opening = line
    advance(3)
    if peek == UInt8(ascii: "\r"), byte(at: 1) == UInt8(ascii: "\n") { advance() }
    if peek == UInt8(ascii: "\n") { advance() }
    var out: [UInt8] = []
    while true {
      guard let byte = peek else {
        throw TOMLError(line: opening, "a multi-line string is not closed")
      }
      if byte == quote, self.byte(at: 1) == quote, self.byte(at: 2) == quote {
        var extra = 0
        while extra < 2, self.byte(at: 3 + extra) == quote { extra += 1 }
        out += Array(repeating: quote, count: extra)
        advance(3 + extra)
        return String(decoding: out, as: UTF8.self)
      }
      if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
        if lineEndingBackslash() { continue }
        out += try escape()
        continue
      }
      out.append(byte)
      advance()
    }
  }

  /// A `\` followed only by spaces up to the line end: skips it and all whitespace after.
  mutating func lineEndingBackslash() -> Bool {
    var offset = 1
    while byte(at: offset) == UInt8(ascii: " ") || byte(at: offset) == UInt8(ascii: "\t") {
      offset += 1
    }
    if byte(at: offset) == UInt8(ascii: "\r") { offset += 1 }
    guard byte(at: offset) == UInt8(ascii: "\n") else { return false }
    advance(offset + 1)
    while let next = peek,
      next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n")
        || next == UInt8(ascii: "\r")
    {
      advance()
    }
    return true
  }

  mutating func escape() throws(TOMLError) -> [UInt8] {
    advance()
    guard let code = peek else { throw fail("a string ends inside an escape") }
    advance()
    switch code {
    case UInt8(ascii: "b"): return [0x08]
    case UInt8(ascii: "t"): return [0x09]
    case UInt8(ascii: "n"): return [0x0A]
    case UInt8(ascii: "f"): return [0x0C]
    case UInt8(ascii: "r"): return [0x0D]
    case UInt8(ascii: "e"): return [0x1B]
    case UInt8(ascii: "\""): return [UInt8(ascii: "\"")]
    case UInt8(ascii: "\\"): return [UInt8(ascii: "\\")]
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let digits = code == UInt8(ascii: "u") ? 4 : 8
      guard position + digits <= bytes.count,
        let value = UInt32(
          String(decoding: bytes[position..<position + digits], as: UTF8.self), radix: 16),
        let scalar = Unicode.Scalar(value)
      else {
        throw fail(
          "'\\\(Character(Unicode.Scalar(code)))' needs \(digits) hex digits of a Unicode scalar")
      }
      advance(digits)
      return Array(String(Character(scalar)).utf8)
    default:
      throw fail("unknown escape '\\\(Character(Unicode.Scalar(code)))' in a string")
    }
  }

  // MARK: Numbers, booleans, date-times

  mutating func scalar() throws(TOMLError) -> TOMLNode.Kind {
    let start = position
    while let byte = peek, Self.isScalarByte(byte) { advance() }
    // A date and a time separated by one space form one date-time.
    if position - start == 10, peek == UInt8(ascii: " "), let digit = byte(at: 1),
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit), byte(at: 3) == UInt8(ascii: ":")
    {
      advance()
      while let byte = peek, Self.isScalarByte(byte) { advance() }
    }
    let token = String(decoding: bytes[start..<position], as: UTF8.self)
    guard !token.isEmpty else { throw fail("expected a value, found '\(describe(peek))'") }
    switch token {
    case "true": return .boolean(true)
    case "false": return .boolean(false)
    case "inf", "+inf": return .float(.infinity)
    case "-inf": return .float(-.infinity)
    case "nan", "+nan", "-nan": return .float(.nan)
    default: break
    }
    if Self.isDateTime(token) { return .dateTime(token) }
    if let integer = Self.integer(token) { return .integer(integer) }
    if let float = Self.float(token) { return .float(float) }
    throw fail("'\(token)' is not a TOML value (strings need quotes)")
  }

  static func isScalarByte(_ byte: UInt8) -> Bool {
    isBareKey(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
      || byte == UInt8(ascii: ":")
  }

  static func isDateTime(_ token: String) -> Bool {
    let bytes = Array(token.utf8)
    let digit = { (index: Int) -> Bool in
      index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
    }
    let date =
      bytes.count >= 10 && (0..<4).allSatisfy(digit) && bytes[4] == UInt8(ascii: "-")
      && digit(5) && digit(6) && bytes[7] == UInt8(ascii: "-") && digit(8) && digit(9)
    let time =
      bytes.count >= 8 && digit(0) && digit(1) && bytes[2] == UInt8(ascii: ":")
      && digit(3) && digit(4) && bytes[5] == UInt8(ascii: ":")
    return date || time
  }

  static func integer(_ token: String) -> Int? {
    var text = Substring(token)
    var negative = false
    if text.first == "+" || text.first == "-" {
      negative = text.first == "-"
      text = text.dropFirst()
    }
    var radix = 10
    for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
      guard token.first != "+", token.first != "-" else { return nil }
      radix = base
      text = text.dropFirst(2)
    }
    guard validUnderscores(text), radix != 10 || text == "0" || !text.hasPrefix("0") else {
      return nil
    }
    guard let magnitude = Int(text.filter { $0 != "_" }, radix: radix) else { return nil }
    return negative ? -magnitude : magnitude
  }

  static func float(_ token: String) -> Double? {
    guard token.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
      validUnderscores(Substring(token)), !token.hasSuffix("."), !token.hasPrefix(".")
    else { return nil }
    return Double(token.filter { $0 != "_" })
  }

  /// Underscores only between two digits.
  static func validUnderscores(_ text: Substring) -> Bool {
    let characters = Array(text)
    guard !characters.isEmpty else { return false }
    for (index, character) in characters.enumerated() where character == "_" {
      guard index > 0, index < characters.count - 1, characters[index - 1].isHexDigit,
        characters[index + 1].isHexDigit
      else { return false }
    }
    return true
  }

  func describe(_ byte: UInt8?) -> String {
    guard let byte else { return "end of file" }
    if byte == UInt8(ascii: "\n") { return "end of line" }
    if byte < 0x20 || byte >= 0x7F { return "byte 0x" + String(byte, radix: 16) }
    return String(Character(Unicode.Scalar(byte)))
  }
}
