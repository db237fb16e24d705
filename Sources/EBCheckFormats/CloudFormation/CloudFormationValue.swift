import EBCheckCore

/// A value CloudFormation would compute from a template node, with the scalar it was
/// written as when it is a copy of one.
struct CloudFormationValue: Sendable, Hashable {
  indirect enum Kind: Sendable, Hashable {
    case text(String)
    case list([CloudFormationValue])
    case map([CloudFormationEntry])
    /// Known only at deploy time (a resource attribute, a parameter without a default,
    /// a pseudo parameter), or beyond what ebcheck evaluates; the reason says which.
    case unknown(String)
    /// `Ref: AWS::NoValue`: the property or list element is left out.
    case noValue
  }

  var kind: Kind
  /// The scalar node this value is a copy of (so an edit there changes it).
  var origin: Span?

  init(_ kind: Kind, origin: Span? = nil) {
    self.kind = kind
    self.origin = origin
  }

  static func unknown(_ reason: String) -> CloudFormationValue {
    CloudFormationValue(.unknown(reason))
  }

  var text: String? {
    if case .text(let text) = kind { return text }
    return nil
  }

  var unknownReason: String? {
    if case .unknown(let reason) = kind { return reason }
    return nil
  }

  var list: [CloudFormationValue]? {
    if case .list(let items) = kind { return items }
    return nil
  }

  subscript(key: String) -> CloudFormationValue? {
    guard case .map(let entries) = kind else { return nil }
    return entries.last { $0.key == key }?.value
  }
}

struct CloudFormationEntry: Sendable, Hashable {
  var key: String
  var keySpan: Span
  var value: CloudFormationValue
}
