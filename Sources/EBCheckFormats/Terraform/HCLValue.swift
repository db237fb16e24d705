import EBCheckCore

/// A value Terraform would compute, with the place it was written when it is one literal.
public struct HCLValue: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case tuple([HCLValue])
    case object([HCLObjectEntry])
    /// Known only when Terraform plans or applies (a resource attribute, a variable without
    /// a value), or beyond what ebcheck evaluates; the reason says which.
    case unknown(String)
  }

  public var kind: Kind
  /// The literal this value is a copy of (a whole quoted string, number or bool), so an edit
  /// there changes it; nil for computed values.
  public var origin: Location?

  public init(_ kind: Kind, origin: Location? = nil) {
    self.kind = kind
    self.origin = origin
  }

  public static func unknown(_ reason: String) -> HCLValue { HCLValue(.unknown(reason)) }

  public var unknownReason: String? {
    if case .unknown(let reason) = kind { return reason }
    return nil
  }

  public var isUnknown: Bool { unknownReason != nil }

  /// The value as Beanstalk receives it in a `setting`: Terraform converts numbers and bools
  /// to strings.
  public var settingText: String? {
    switch kind {
    case .string(let text): text
    case .number(let number): Self.render(number)
    case .bool(let flag): flag ? "true" : "false"
    default: nil
    }
  }

  /// `30` for whole numbers, else the shortest decimal form.
  public static func render(_ number: Double) -> String {
    if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
      return String(Int64(number))
    }
    return String(number)
  }

  /// The elements of a list or the values of an object, in order (objects sort by key, as
  /// Terraform iterates them).
  public var elements: [HCLValue]? {
    switch kind {
    case .tuple(let items): items
    case .object(let entries): entries.map(\.value)
    default: nil
    }
  }

  public subscript(key: String) -> HCLValue? {
    guard case .object(let entries) = kind else { return nil }
    return entries.last { $0.key == key }?.value
  }

  public var typeName: String {
    switch kind {
    case .string: "string"
    case .number: "number"
    case .bool: "bool"
    case .null: "null"
    case .tuple: "list"
    case .object: "object"
    case .unknown: "unknown"
    }
  }
}

public struct HCLObjectEntry: Sendable, Hashable {
  public var key: String
  public var value: HCLValue

  public init(key: String, value: HCLValue) {
    self.key = key
    self.value = value
  }
}
