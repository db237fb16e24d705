import EBCheckCore

/// How a scalar was written; quoting decides whether `30` is a number or a string.
public enum YAMLScalarStyle: String, Sendable, Hashable {
  case plain
  case singleQuoted
  case doubleQuoted
  case literal
  case folded
}

/// One node of a YAML (or JSON) document, with the UTF-8 byte span it was read from.
public struct YAMLNode: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case scalar(String, YAMLScalarStyle)
    case sequence([YAMLNode])
    /// Pairs in document order; duplicate keys are kept (and reported).
    case mapping([YAMLPair])
    /// An alias left unexpanded because the expansion budget ran out (or its anchor is unknown).
    case alias(String)
  }

  public var kind: Kind
  /// The tag as written after resolution of handles: `!Ref`, `tag:yaml.org,2002:str`, …
  public var tag: String?
  public var anchor: String?
  public var span: Span

  public init(_ kind: Kind, tag: String? = nil, anchor: String? = nil, span: Span) {
    self.kind = kind
    self.tag = tag
    self.anchor = anchor
    self.span = span
  }

  /// The text of a scalar node, nil for collections and aliases.
  public var scalar: String? {
    if case .scalar(let value, _) = kind { return value }
    return nil
  }

  public var style: YAMLScalarStyle? {
    if case .scalar(_, let style) = kind { return style }
    return nil
  }

  public var sequence: [YAMLNode]? {
    if case .sequence(let items) = kind { return items }
    return nil
  }

  public var mapping: [YAMLPair]? {
    if case .mapping(let pairs) = kind { return pairs }
    return nil
  }

  public var isCollection: Bool { sequence != nil || mapping != nil }

  /// A CloudFormation intrinsic: a `!Ref`-style short tag, or a one-key map `{Ref: …}` /
  /// `{"Fn::GetAtt": …}`. Returns the function name (`Ref`, `Fn::Sub`, …).
  public var cloudFormationFunction: String? {
    if let tag, tag.hasPrefix("!"), !tag.hasPrefix("!!") {
      let name = String(tag.dropFirst())
      return name == "Ref" || name == "Condition" ? name : "Fn::" + name
    }
    if let pairs = mapping, pairs.count == 1, let key = pairs[0].key.scalar,
      key == "Ref" || key.hasPrefix("Fn::")
    {
      return key
    }
    return nil
  }

  /// The mapping with YAML merge keys (`<<: *base`, `<<: [*a, *b]`) applied as PyYAML and
  /// SnakeYAML apply them: merged pairs first, explicit keys override, earlier sources win.
  public var mergedMapping: [YAMLPair]? {
    guard let pairs = mapping else { return nil }
    let isMerge = { (pair: YAMLPair) in
      pair.key.scalar == "<<" && pair.key.style == .plain && pair.key.tag == nil
    }
    guard pairs.contains(where: isMerge) else { return pairs }
    var explicit: [YAMLPair] = []
    var merged: [YAMLPair] = []
    var mergedKeys = Set<String>()
    for pair in pairs {
      guard isMerge(pair) else {
        explicit.append(pair)
        continue
      }
      let sources = pair.value.sequence ?? [pair.value]
      for source in sources {
        for inner in source.mergedMapping ?? [] {
          guard let key = inner.key.scalar else {
            merged.append(inner)
            continue
          }
          if mergedKeys.insert(key).inserted { merged.append(inner) }
        }
      }
    }
    let explicitKeys = Set(explicit.compactMap(\.key.scalar))
    return merged.filter { !explicitKeys.contains($0.key.scalar ?? "\u{0}") } + explicit
  }

  /// The value of the first pair whose scalar key equals `key`.
  public subscript(key: String) -> YAMLNode? {
    (mergedMapping ?? mapping)?.last { $0.key.scalar == key }?.value
  }

  /// The resolved scalar under YAML 1.1 rules (what PyYAML, SnakeYAML and Beanstalk see),
  /// nil for collections, aliases and CloudFormation-tagged nodes.
  public var resolved: YAMLScalarValue? {
    guard case .scalar(let text, let style) = kind else { return nil }
    if let tag {
      switch tag {
      case "tag:yaml.org,2002:str": return .string(text)
      case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null":
        return YAMLScalarValue.resolvePlain(text)
      case "!": return .string(text)
      default: return nil
      }
    }
    return style == .plain ? YAMLScalarValue.resolvePlain(text) : .string(text)
  }
}

public struct YAMLPair: Sendable, Hashable {
  public var key: YAMLNode
  public var value: YAMLNode

  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }
}

/// A scalar after YAML 1.1 implicit typing.
public enum YAMLScalarValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(String)
  case float(String)
  case string(String)

  /// How Beanstalk renders the value as an option string: `true`, `30`, `1.5`, `` for null.
  public var rendered: String {
    switch self {
    case .null: return ""
    case .bool(let value): return value ? "true" : "false"
    case .int(let text): return text
    case .float(let text): return text
    case .string(let text): return text
    }
  }

  package static let trueWords: Set<String> = [
    "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
  ]
  package static let falseWords: Set<String> = [
    "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
  ]
  package static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

  /// YAML 1.1 resolution of a plain scalar, matching PyYAML's resolver.
  public static func resolvePlain(_ text: String) -> YAMLScalarValue {
    // A scalar that starts with an ASCII letter is never a number (those start with a digit,
    // a sign or a dot), and the null and boolean words are at most 5 bytes long.
    if let first = text.utf8.first,
      (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z"))
        || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
    {
      guard text.utf8.count <= 5 else { return .string(text) }
      if nullWords.contains(text) { return .null }
      if trueWords.contains(text) { return .bool(true) }
      if falseWords.contains(text) { return .bool(false) }
      return .string(text)
    }
    if nullWords.contains(text) { return .null }
    if trueWords.contains(text) { return .bool(true) }
    if falseWords.contains(text) { return .bool(false) }
    if let integer = parseInt(text) { return .int(integer) }
    if let number = parseFloat(text) { return .float(number) }
    return .string(text)
  }

  /// Decimal rendering of a YAML 1.1 int (`0x1F`, `017`, `0b101`, `1_000`, `+5`), or nil.
  package static func parseInt(_ text: String) -> String? {
    var chars = Substring(text)
    var negative = false
    if let first = chars.first, first == "-" || first == "+" {
      negative = first == "-"
      chars = chars.dropFirst()
    }
    var radix = 10
    var digits = chars
    if chars.hasPrefix("0x") {
      radix = 16
      digits = chars.dropFirst(2)
    } else if chars.hasPrefix("0b") {
      radix = 2
      digits = chars.dropFirst(2)
    } else if chars.count > 1, chars.hasPrefix("0") {
      radix = 8
      digits = chars.dropFirst()
    }
    guard !digits.isEmpty else { return nil }
    if radix == 10, digits.first == "_" { return nil }
    let allowed: (Character) -> Bool
    switch radix {
    case 16: allowed = { $0 == "_" || ($0.isASCII && $0.isHexDigit) }
    case 8: allowed = { $0 == "_" || ("0"..."7").contains($0) }
    case 2: allowed = { $0 == "_" || $0 == "0" || $0 == "1" }
    default: allowed = { $0 == "_" || ("0"..."9").contains($0) }
    }
    guard digits.allSatisfy(allowed) else { return nil }
    let cleaned = digits.filter { $0 != "_" }
    guard !cleaned.isEmpty else { return radix == 8 ? "0" : nil }
    guard let value = UInt64(cleaned, radix: radix) else {
      guard radix == 10 else { return nil }
      return (negative ? "-" : "") + cleaned
    }
    if value == 0 { return "0" }
    return (negative ? "-" : "") + String(value)
  }

  /// PyYAML's float pattern: digits with one dot and an optional signed exponent,
  /// or `.inf` / `.nan`.
  package static func parseFloat(_ text: String) -> String? {
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return "inf"
    case "-.inf", "-.Inf", "-.INF": return "-inf"
    case ".nan", ".NaN", ".NAN": return "nan"
    default: break
    }
    var rest = Substring(text)
    if let first = rest.first, first == "-" || first == "+" { rest = rest.dropFirst() }
    let isDigit: (Character) -> Bool = { ("0"..."9").contains($0) }
    guard let dot = rest.firstIndex(of: ".") else { return nil }
    let whole = rest[..<dot]
    if !whole.isEmpty {
      guard let first = whole.first, isDigit(first), whole.allSatisfy({ isDigit($0) || $0 == "_" })
      else { return nil }
    }
    var fraction = rest[rest.index(after: dot)...]
    var exponent: Substring = ""
    if let mark = fraction.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = fraction[fraction.index(after: mark)...]
      fraction = fraction[..<mark]
      guard let sign = exponent.first, sign == "+" || sign == "-" else { return nil }
      let exponentDigits = exponent.dropFirst()
      guard !exponentDigits.isEmpty, exponentDigits.allSatisfy(isDigit) else { return nil }
    }
    guard fraction.allSatisfy({ isDigit($0) || $0 == "_" }) else { return nil }
    if whole.isEmpty {
      guard let first = fraction.first, isDigit(first) else { return nil }
    }
    guard let value = Double(text.filter { $0 != "_" }) else { return nil }
    return pythonFloatRepr(value)
  }

  /// Python's `repr(float)` for the values configs hold (`1.5`, `30.0`, `1e+16`).
  package static func pythonFloatRepr(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == value.rounded(), abs(value) < 1e16 {
      return "\(Int64(value)).0"
    }
    return "\(value)"
  }
}
