import EBCheckCore

/// A strict JSON reader (RFC 8259) that keeps byte spans and builds `YAMLNode`s, so JSON
/// `.config` files (often tab-indented, which YAML forbids) load like YAML ones.
/// Iterative: nesting depth costs heap, not stack.
public enum JSONReader {
  /// The first meaningful byte is `{` or `[`.
  public static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    return index < bytes.count
      && (bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "["))
  }

  /// The offset of the first byte that breaks UTF-8 (overlong forms and surrogates included).
  package static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return index
      }
      guard index + length <= bytes.count else { return index }
      guard (low...high).contains(bytes[index + 1]) else { return index }
      for offset in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + offset]) {
        return index
      }
      index += length
    }
    return nil
  }

  package static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private struct Frame {
    package var isObject: Bool
    package var start: Int
    package var items: [YAMLNode] = []
    package var pairs: [YAMLPair] = []
    package var key: YAMLNode?
    package var seen: [String: Int] = [:]
  }

  private struct Failure: Error {
    package var message: String
    package var offset: Int
  }

  public static func read(_ file: SourceFile, limits: YAMLLimits = YAMLLimits()) -> YAMLFile {
    var result = YAMLFile(path: file.path, documents: [], diagnostics: [], format: .json)
    if let bad = firstInvalidUTF8(file.bytes) {
      result.diagnostics.append(
        Diagnostic(
          problem: .configurationSyntax, severity: .error,
          message: "not valid UTF-8 text: invalid byte 0x\(String(file.bytes[bad], radix: 16))",
          location: Location(file: file.path, span: Span(bad, bad + 1))))
      return result
    }
    do {
      let root = try parse(file, limits: limits, warnings: &result.diagnostics)
      result.documents = [root]
    } catch let failure as Failure {
      let bytes = file.bytes
      var end = min(failure.offset, bytes.count)
      if end < bytes.count { end += LineIndex.scalarLength(leadByte: bytes[end]) }
      result.diagnostics.append(
        Diagnostic(
          problem: .configurationSyntax, severity: .error,
          message: "JSON syntax error: \(failure.message)",
          location: Location(
            file: file.path, span: Span(min(failure.offset, bytes.count), min(end, bytes.count)))))
    } catch {}
    return result
  }

  private static func parse(_ file: SourceFile, limits: YAMLLimits, warnings: inout [Diagnostic])
    throws
    -> YAMLNode
  {
    let bytes = file.bytes
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var stack: [Frame] = []

    func skipSpace() {
      while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    }
    func describe(_ offset: Int) -> String {
      guard offset < bytes.count else { return "end of file" }
      let byte = bytes[offset]
      return byte >= 0x20 && byte < 0x7F
        ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    /// After a member: `,` (then another member must follow) or the closer (left in place).
    func expectSeparator() throws {
      skipSpace()
      guard let top = stack.last else { return }
      let closer = UInt8(ascii: top.isObject ? "}" : "]")
      guard index < bytes.count else {
        throw Failure(
          message: "unexpected end of file, expected ',' or '\(Character(Unicode.Scalar(closer)))'",
          offset: index)
      }
      if bytes[index] == closer { return }
      guard bytes[index] == UInt8(ascii: ",") else {
        throw Failure(
          message:
            "expected ',' or '\(Character(Unicode.Scalar(closer)))', found \(describe(index))",
          offset: index)
      }
      index += 1
      skipSpace()
      if index < bytes.count, bytes[index] == closer {
        throw Failure(
          message: "trailing comma before '\(Character(Unicode.Scalar(closer)))'", offset: index)
      }
    }

    func readString() throws -> YAMLNode {
      let start = index
      index += 1
      var scalars: [UInt8] = []
      var runStart = index
      while true {
        guard index < bytes.count else {
          throw Failure(message: "unterminated string", offset: start)
        }
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          scalars += bytes[runStart..<index]
          index += 1
          break
        }
        if byte < 0x20 {
          throw Failure(message: "control character in a string (escape it)", offset: index)
        }
        if byte != UInt8(ascii: "\\") {
          index += 1
          continue
        }
        scalars += bytes[runStart..<index]
        guard index + 1 < bytes.count else {
          throw Failure(message: "unterminated string", offset: start)
        }
        let escape = bytes[index + 1]
        index += 2
        switch escape {
        case UInt8(ascii: "\""): scalars.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): scalars.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): scalars.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count,
            bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          {
            let save = index
            index += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else {
              index = save
            }
          }
          let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
          scalars += Array(String(Character(scalar)).utf8)
        default:
          throw Failure(
            message: "invalid escape '\\\(Character(Unicode.Scalar(escape)))'", offset: index - 2)
        }
        runStart = index
      }
      let text = String(decoding: scalars, as: UTF8.self)
      return YAMLNode(.scalar(text, .doubleQuoted), span: Span(start, index))
    }

    func hex4() throws -> UInt32 {
      guard index + 4 <= bytes.count else {
        throw Failure(message: "short \\u escape", offset: index)
      }
      var value: UInt32 = 0
      for offset in 0..<4 {
        guard let digit = Character(Unicode.Scalar(bytes[index + offset])).hexDigitValue else {
          throw Failure(message: "invalid \\u escape", offset: index + offset)
        }
        value = value * 16 + UInt32(digit)
      }
      index += 4
      return value
    }

    func readLiteral() throws -> YAMLNode {
      let start = index
      while index < bytes.count {
        let byte = bytes[index]
        if isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]")
          || byte == UInt8(ascii: "}")
          || byte == UInt8(ascii: ":")
        {
          break
        }
        index += 1
      }
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      guard text == "true" || text == "false" || text == "null" || isNumber(text) else {
        throw Failure(
          message: text.isEmpty
            ? "expected a value, found \(describe(start))" : "invalid value '\(text)'",
          offset: start)
      }
      return YAMLNode(.scalar(text, .plain), span: Span(start, index))
    }

    func isNumber(_ text: String) -> Bool {
      var chars = Array(text.utf8)[...]
      if chars.first == UInt8(ascii: "-") { chars = chars.dropFirst() }
      let digit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
      guard let first = chars.first, digit(first) else { return false }
      var integer = chars.prefix(while: digit)
      if integer.count > 1, first == UInt8(ascii: "0") { return false }
      chars = chars.dropFirst(integer.count)
      if chars.first == UInt8(ascii: ".") {
        chars = chars.dropFirst()
        integer = chars.prefix(while: digit)
        guard !integer.isEmpty else { return false }
        chars = chars.dropFirst(integer.count)
      }
      if let mark = chars.first, mark == UInt8(ascii: "e") || mark == UInt8(ascii: "E") {
        chars = chars.dropFirst()
        if let sign = chars.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
          chars = chars.dropFirst()
        }
        integer = chars.prefix(while: digit)
        guard !integer.isEmpty else { return false }
        chars = chars.dropFirst(integer.count)
      }
      return chars.isEmpty
    }

    while true {
      skipSpace()
      // Close containers and separators.
      if let top = stack.last {
        let closer = UInt8(ascii: top.isObject ? "}" : "]")
        let empty = top.isObject ? (top.pairs.isEmpty && top.key == nil) : top.items.isEmpty
        if index < bytes.count, bytes[index] == closer, top.key == nil {
          // A trailing comma was consumed only when a value followed, so this is clean.
          index += 1
          let frame = stack.removeLast()
          let node = YAMLNode(
            frame.isObject ? .mapping(frame.pairs) : .sequence(frame.items),
            span: Span(frame.start, index))
          if let finished = try attach(node, to: &stack, file: file, warnings: &warnings) {
            skipSpace()
            guard index >= bytes.count else {
              throw Failure(
                message: "unexpected \(describe(index)) after the top-level value", offset: index)
            }
            return finished
          }
          try expectSeparator()
          continue
        }
        if top.isObject && top.key == nil {
          guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            throw Failure(
              message: empty
                ? "expected a string key or '}', found \(describe(index))"
                : "expected a string key, found \(describe(index))", offset: index)
          }
          let key = try readString()
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            throw Failure(
              message: "expected ':' after the key, found \(describe(index))", offset: index)
          }
          index += 1
          stack[stack.count - 1].key = key
          continue
        }
      }
      // A value.
      guard index < bytes.count else {
        throw Failure(message: "unexpected end of file, expected a value", offset: index)
      }
      let byte = bytes[index]
      if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
        guard stack.count < limits.maxDepth else {
          throw Failure(message: "nesting deeper than \(limits.maxDepth) levels", offset: index)
        }
        stack.append(Frame(isObject: byte == UInt8(ascii: "{"), start: index))
        index += 1
        continue
      }
      let node: YAMLNode
      if byte == UInt8(ascii: "\"") {
        node = try readString()
      } else {
        node = try readLiteral()
      }
      if let finished = try attach(node, to: &stack, file: file, warnings: &warnings) {
        skipSpace()
        guard index >= bytes.count else {
          throw Failure(
            message: "unexpected \(describe(index)) after the top-level value", offset: index)
        }
        return finished
      }
      try expectSeparator()
    }
  }

  /// Adds a finished value to the open container; returns it when it is the document root.
  private static func attach(
    _ node: YAMLNode, to stack: inout [Frame], file: SourceFile, warnings: inout [Diagnostic]
  ) throws -> YAMLNode? {
    guard !stack.isEmpty else { return node }
    let top = stack.count - 1
    if stack[top].isObject {
      guard let key = stack[top].key else { return nil }
      if let name = key.scalar {
        if let first = stack[top].seen[name] {
          warnings.append(
            Diagnostic(
              problem: .configurationSyntax, severity: .warning,
              message:
                "duplicate key \"\(name)\" in this object (first at line \(file.location(of: first).line)); the later value wins",
              location: Location(file: file.path, span: key.span)))
        } else {
          stack[top].seen[name] = key.span.start
        }
      }
      stack[top].pairs.append(YAMLPair(key: key, value: node))
      stack[top].key = nil
    } else {
      stack[top].items.append(node)
    }
    return nil
  }
}
