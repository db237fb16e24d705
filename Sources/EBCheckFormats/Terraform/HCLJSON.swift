/// `jsonencode` as Terraform writes it: compact, object keys in lexical order, `<`, `>`, `&`
/// and the line and paragraph separators escaped (Go's JSON encoder), whole numbers without a
/// fraction.
enum HCLJSON {
  /// The JSON text of `value`; nil when some part is unknown and `unknownText` is nil. With
  /// `unknownText`, an unknown part is written as the string it returns for the reason (a file
  /// whose other parts are known is still read, and that part matches nothing).
  static func encode(_ value: HCLValue, unknownText: ((String) -> String)? = nil) -> String? {
    var out = ""
    return write(value, into: &out, unknownText: unknownText, depth: 0) ? out : nil
  }

  static func write(
    _ value: HCLValue, into out: inout String, unknownText: ((String) -> String)?, depth: Int
  ) -> Bool {
    guard depth < 64 else { return false }
    switch value.kind {
    case .string(let text): out += quoted(text)
    case .number(let number):
      guard number.isFinite else { return false }
      out += HCLValue.render(number)
    case .bool(let flag): out += flag ? "true" : "false"
    case .null: out += "null"
    case .tuple(let items):
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        guard write(item, into: &out, unknownText: unknownText, depth: depth + 1) else {
          return false
        }
      }
      out += "]"
    case .object(let entries):
      out += "{"
      for (index, entry) in entries.sorted(by: { $0.key < $1.key }).enumerated() {
        if index > 0 { out += "," }
        out += quoted(entry.key) + ":"
        guard write(entry.value, into: &out, unknownText: unknownText, depth: depth + 1) else {
          return false
        }
      }
      out += "}"
    case .unknown(let reason):
      guard let unknownText else { return false }
      out += quoted(unknownText(reason))
    }
    return true
  }

  /// The reason of the first unknown part of `value`, depth first.
  static func firstUnknown(_ value: HCLValue) -> String? {
    if let reason = value.unknownReason { return reason }
    return value.elements?.lazy.compactMap(firstUnknown).first
  }

  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<", ">", "&", "\u{2028}", "\u{2029}":
        out += "\\u" + hex4(scalar.value)
      default:
        if scalar.value < 0x20 {
          out += "\\u" + hex4(scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  static func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
