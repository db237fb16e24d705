/// A JSON value whose objects keep their keys in the order they were written,
/// so reports have a stable, documented key order.
package enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  package static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
  package static func optional(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }
  package static func optional(_ value: Bool?) -> JSONValue { value.map { .bool($0) } ?? .null }

  /// Pretty-printed with 2-space indentation and a trailing newline.
  package func prettyPrinted() -> String {
    var writer = JSONWriter()
    writer.write(self, depth: 0)
    writer.bytes.append(UInt8(ascii: "\n"))
    return String(decoding: writer.bytes, as: UTF8.self)
  }
}

/// Serializes `JSONValue` into UTF-8 bytes; non-ASCII text is kept as UTF-8,
/// quotes, backslashes and control characters are escaped.
package struct JSONWriter {
  package var bytes: [UInt8] = []

  package init() { bytes.reserveCapacity(4096) }

  package mutating func write(_ value: JSONValue, depth: Int) {
    switch value {
    case .null: append("null")
    case .bool(let flag): append(flag ? "true" : "false")
    case .int(let number): append(String(number))
    case .string(let text): writeString(text)
    case .array(let items):
      guard !items.isEmpty else { return append("[]") }
      bytes.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(depth + 1)
        write(item, depth: depth + 1)
      }
      newline(depth)
      bytes.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return append("{}") }
      bytes.append(UInt8(ascii: "{"))
      for (index, member) in members.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(depth + 1)
        writeString(member.0)
        append(": ")
        write(member.1, depth: depth + 1)
      }
      newline(depth)
      bytes.append(UInt8(ascii: "}"))
    }
  }

  private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

  private mutating func newline(_ depth: Int) {
    let indent = Self.indents[min(depth, Self.indents.count - 1)]
    bytes.append(contentsOf: indent)
    if depth >= Self.indents.count {
      bytes.append(
        contentsOf: repeatElement(UInt8(ascii: " "), count: (depth - Self.indents.count + 1) * 2))
    }
  }

  /// `\n` followed by 2 spaces per level, for the usual depths.
  private static let indents: [[UInt8]] = (0..<16).map { depth in
    [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: depth * 2)
  }

  package mutating func writeString(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var clean = utf8.startIndex
      for index in utf8.indices {
        let byte = utf8[index]
        guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
        clean = index + 1
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        default:
          append("\\u00")
          bytes.append(Self.hexDigits[Int(byte >> 4)])
          bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
