/// One value of a TOML document, with the 1-based line it starts on (for messages).
public struct TOMLNode: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// Offset date-times, local dates and times, kept as written.
    case dateTime(String)
    case array([TOMLNode])
    case table(TOMLTable)
  }

  public var kind: Kind
  public var line: Int

  public init(_ kind: Kind, line: Int) {
    self.kind = kind
    self.line = line
  }

  public var string: String? {
    if case .string(let text) = kind { return text }
    return nil
  }

  public var integer: Int? {
    if case .integer(let value) = kind { return value }
    return nil
  }

  public var boolean: Bool? {
    if case .boolean(let value) = kind { return value }
    return nil
  }

  public var array: [TOMLNode]? {
    if case .array(let items) = kind { return items }
    return nil
  }

  public var table: TOMLTable? {
    if case .table(let table) = kind { return table }
    return nil
  }

  /// What the value is, for messages: `a string`, `an array`, ...
  public var kindName: String {
    switch kind {
    case .string: "a string"
    case .integer: "an integer"
    case .float: "a float"
    case .boolean: "a boolean"
    case .dateTime: "a date-time"
    case .array: "an array"
    case .table: "a table"
    }
  }
}

/// A TOML table: keys in the order they were written.
public struct TOMLTable: Sendable, Hashable {
  public private(set) var keys: [String] = []
  private var values: [String: TOMLNode] = [:]

  public init() {}

  public subscript(key: String) -> TOMLNode? { values[key] }

  /// The table at a dotted path of keys (`["tool", "ebcheck"]`), nil when absent or not a table.
  public func table(at path: [String]) -> TOMLTable? {
    var current = self
    for key in path {
      guard let next = current[key]?.table else { return nil }
      current = next
    }
    return current
  }

  /// Sets `key`; the caller has checked that it is new or may be replaced.
  package mutating func set(_ key: String, _ node: TOMLNode) {
    if values.updateValue(node, forKey: key) == nil { keys.append(key) }
  }
}
