import EBCheckCore

/// One HCL2 (native syntax) file: its top-level body and what could not be read.
public struct HCLFile: Sendable {
  public var path: String
  /// The file's bytes (shared with its `SourceFile`), for quoting what was written.
  public var bytes: [UInt8]
  public var body: HCLBody
  /// Parse errors and limits hit; the body holds what was read before the first one.
  public var errors: [HCLSyntaxError]

  public init(path: String, bytes: [UInt8], body: HCLBody, errors: [HCLSyntaxError]) {
    self.path = path
    self.bytes = bytes
    self.body = body
    self.errors = errors
  }
}

/// Where and why a file is not valid HCL (or breaks a reader limit).
public struct HCLSyntaxError: Error, Sendable, Hashable {
  public var message: String
  public var span: Span

  public init(_ message: String, at span: Span) {
    self.message = message
    self.span = span
  }
}

/// The attributes and blocks of a file or of a block, in written order.
public struct HCLBody: Sendable, Hashable {
  public var attributes: [HCLAttribute] = []
  public var blocks: [HCLBlock] = []
  /// The span between the braces (the whole file for a top-level body).
  public var span: Span

  public init(span: Span) { self.span = span }

  public func attribute(_ name: String) -> HCLAttribute? {
    attributes.last { $0.name == name }
  }

  public func blocks(_ type: String) -> [HCLBlock] { blocks.filter { $0.type == type } }
}

/// `name = expression`.
public struct HCLAttribute: Sendable, Hashable {
  public var name: String
  public var nameSpan: Span
  public var expression: HCLExpression
  public var span: Span
}

/// `type "label" "label" { body }`.
public struct HCLBlock: Sendable, Hashable {
  public var type: String
  public var typeSpan: Span
  public var labels: [HCLLabel]
  public var body: HCLBody
  public var span: Span

  public func label(_ index: Int) -> String? {
    index < labels.count ? labels[index].text : nil
  }
}

/// A block label, quoted or bare.
public struct HCLLabel: Sendable, Hashable {
  public var text: String
  public var span: Span
}

/// An expression with the bytes it was written in.
public struct HCLExpression: Sendable, Hashable {
  public var kind: HCLExpressionKind
  public var span: Span

  public init(_ kind: HCLExpressionKind, _ span: Span) {
    self.kind = kind
    self.span = span
  }
}

public enum HCLUnaryOperator: String, Sendable, Hashable {
  case not = "!"
  case negate = "-"
}

public enum HCLBinaryOperator: String, Sendable, Hashable {
  case or = "||"
  case and = "&&"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case greater = ">"
  case lessOrEqual = "<="
  case greaterOrEqual = ">="
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case modulo = "%"
}

/// One step after the root of a traversal: `.name`, `[index]`, `.*` / `[*]`.
public enum HCLTraversalStep: Sendable, Hashable {
  case attribute(String)
  case index(HCLExpression)
  case splat
}

/// A `for` expression: `[for k, v in collection : value if condition]` or the object form
/// with `key => value` (and `...` to group).
public struct HCLForExpression: Sendable, Hashable {
  public var keyName: String?
  public var valueName: String
  public var collection: HCLExpression
  public var keyExpression: HCLExpression?
  public var valueExpression: HCLExpression
  public var condition: HCLExpression?
  public var grouping: Bool
}

/// One piece of a string template.
public enum HCLTemplatePart: Sendable, Hashable {
  /// Literal text (escapes decoded) and the bytes it was written in.
  case literal(String, Span)
  case interpolation(HCLExpression)
  /// `%{ if … }`, `%{ for … }`: read but not evaluated.
  case directive(Span)
}

public indirect enum HCLExpressionKind: Sendable, Hashable {
  /// A number as written.
  case number(String)
  case bool(Bool)
  case null
  /// A quoted string or heredoc; `exact` when the value is the written text between the
  /// quotes byte for byte (no escapes, no interpolation).
  case template([HCLTemplatePart], exact: Bool)
  /// A bare name: `var`, `local`, `each`, a resource type, a function-less identifier.
  case variable(String)
  case traversal(HCLExpression, [HCLTraversalStep])
  case call(String, [HCLExpression], expandsFinal: Bool)
  case tuple([HCLExpression])
  case object([HCLObjectItem])
  case forExpression(HCLForExpression)
  case conditional(HCLExpression, HCLExpression, HCLExpression)
  case binary(HCLBinaryOperator, HCLExpression, HCLExpression)
  case unary(HCLUnaryOperator, HCLExpression)
  case parentheses(HCLExpression)
}

/// `key = value` inside an object constructor; a bare-word key is a string.
public struct HCLObjectItem: Sendable, Hashable {
  public var key: HCLExpression
  public var value: HCLExpression
}
