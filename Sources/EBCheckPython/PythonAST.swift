import EBCheckCore

/// A parsed Python module: statements with byte spans, comments, and parse errors (P001).
public struct PythonModule: Sendable, Hashable {
  public var file: String
  public var statements: [PyStmt]
  public var comments: [Span]
  public var diagnostics: [Diagnostic]

  public init(file: String, statements: [PyStmt], comments: [Span], diagnostics: [Diagnostic]) {
    self.file = file
    self.statements = statements
    self.comments = comments
    self.diagnostics = diagnostics
  }
}

public struct PyStmt: Sendable, Hashable {
  public var kind: PyStmtKind
  public var span: Span

  public init(_ kind: PyStmtKind, _ span: Span) {
    self.kind = kind
    self.span = span
  }
}

public struct PyImportName: Sendable, Hashable {
  /// Dotted name as written (`os.path`) or the imported name in `from … import name`.
  public var name: String
  public var alias: String?
  public var span: Span

  /// The name this import binds in the importing module.
  public var boundName: String {
    if let alias { return alias }
    return String(name.split(separator: ".").first ?? Substring(name))
  }
}

public struct PyExceptHandler: Sendable, Hashable {
  public var type: PyExpr?
  public var name: String?
  public var body: [PyStmt]
  public var span: Span
}

public struct PyWithItem: Sendable, Hashable {
  public var context: PyExpr
  public var target: PyExpr?
}

public struct PyParameter: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case positional, varPositional, keywordOnlyMarker, varKeyword, positionalOnlyMarker
  }
  public var name: String
  public var kind: Kind
  public var annotation: PyExpr?
  public var defaultValue: PyExpr?
  public var span: Span
}

public struct PyFunctionDef: Sendable, Hashable {
  public var name: String
  public var nameSpan: Span
  public var parameters: [PyParameter]
  public var returns: PyExpr?
  public var decorators: [PyExpr]
  public var body: [PyStmt]
  public var isAsync: Bool
}

public struct PyClassDef: Sendable, Hashable {
  public var name: String
  public var nameSpan: Span
  public var bases: [PyArgument]
  public var decorators: [PyExpr]
  public var body: [PyStmt]
}

public indirect enum PyStmtKind: Sendable, Hashable {
  case expression(PyExpr)
  /// `a = b = value`: targets left to right.
  case assign(targets: [PyExpr], value: PyExpr)
  case augmentedAssign(target: PyExpr, op: PyBinaryOperator, value: PyExpr)
  case annotatedAssign(target: PyExpr, annotation: PyExpr, value: PyExpr?)
  case importModules([PyImportName])
  /// `from ..pkg import a as b`; `level` counts leading dots; `names` empty with `star`.
  case importFrom(module: String?, level: Int, names: [PyImportName], star: Bool)
  /// `elif` is a nested `if` alone in `orElse`.
  case ifStatement(test: PyExpr, body: [PyStmt], orElse: [PyStmt])
  case tryStatement(
    body: [PyStmt], handlers: [PyExceptHandler], orElse: [PyStmt], finally: [PyStmt])
  case with(items: [PyWithItem], body: [PyStmt], isAsync: Bool)
  case forLoop(target: PyExpr, iterable: PyExpr, body: [PyStmt], orElse: [PyStmt], isAsync: Bool)
  case whileLoop(test: PyExpr, body: [PyStmt], orElse: [PyStmt])
  case functionDef(PyFunctionDef)
  case classDef(PyClassDef)
  case returnStatement(PyExpr?)
  case pass
  case breakStatement
  case continueStatement
  case raise(exception: PyExpr?, cause: PyExpr?)
  case global([String])
  case nonlocal([String])
  case assert(test: PyExpr, message: PyExpr?)
  case delete([PyExpr])
}

public struct PyExpr: Sendable, Hashable {
  public var kind: PyExprKind
  public var span: Span

  public init(_ kind: PyExprKind, _ span: Span) {
    self.kind = kind
    self.span = span
  }
}

public struct PyArgument: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case positional
    case keyword(String)
    case star, doubleStar
  }
  public var kind: Kind
  public var value: PyExpr

  public var keyword: String? {
    if case .keyword(let name) = kind { return name }
    return nil
  }
}

public struct PyDictItem: Sendable, Hashable {
  /// nil for `**mapping`.
  public var key: PyExpr?
  public var value: PyExpr
}

public struct PyComprehension: Sendable, Hashable {
  public var target: PyExpr
  public var iterable: PyExpr
  public var conditions: [PyExpr]
  public var isAsync: Bool
}

/// One piece of an f-string: literal text, or a replacement field with its source span.
public enum PyFStringPart: Sendable, Hashable {
  case text(String)
  case field(PyExpr?, Span)
}

public enum PyStringContent: Sendable, Hashable {
  case text(String)
  case bytes([UInt8])
  /// An f-string (or a concatenation containing one).
  case format([PyFStringPart])
}

public enum PyUnaryOperator: String, Sendable, Hashable {
  case plus = "+"
  case minus = "-"
  case invert = "~"
  case not = "not"
}

public enum PyBinaryOperator: String, Sendable, Hashable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case floorDivide = "//"
  case modulo = "%"
  case power = "**"
  case matrixMultiply = "@"
  case leftShift = "<<"
  case rightShift = ">>"
  case bitOr = "|"
  case bitXor = "^"
  case bitAnd = "&"
}

public enum PyBoolOperator: String, Sendable, Hashable {
  case and, or
}

public enum PyCompareOperator: String, Sendable, Hashable {
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case isOp = "is"
  case isNot = "is not"
  case inOp = "in"
  case notIn = "not in"
}

public indirect enum PyExprKind: Sendable, Hashable {
  case name(String)
  case attribute(PyExpr, name: String, nameSpan: Span)
  case call(PyExpr, [PyArgument])
  case subscription(PyExpr, PyExpr)
  case slice(lower: PyExpr?, upper: PyExpr?, step: PyExpr?)
  case string(PyStringContent)
  case int(Int)
  /// An integer literal too large for `Int`, kept as written.
  case bigInt(String)
  case float(Double)
  case imaginary(String)
  case bool(Bool)
  case none
  case ellipsis
  case list([PyExpr])
  case tuple([PyExpr])
  case set([PyExpr])
  case dict([PyDictItem])
  case listComprehension(PyExpr, [PyComprehension])
  case setComprehension(PyExpr, [PyComprehension])
  case dictComprehension(key: PyExpr, value: PyExpr, [PyComprehension])
  case generator(PyExpr, [PyComprehension])
  case lambda([PyParameter], PyExpr)
  case conditional(test: PyExpr, body: PyExpr, orElse: PyExpr)
  case boolOp(PyBoolOperator, [PyExpr])
  case compare(PyExpr, [PyComparison])
  case binary(PyExpr, PyBinaryOperator, PyExpr)
  case unary(PyUnaryOperator, PyExpr)
  case await(PyExpr)
  case yield(PyExpr?, isFrom: Bool)
  case namedExpr(target: String, value: PyExpr)
  case starred(PyExpr)
  case doubleStarred(PyExpr)
}

/// One `op right` link of a comparison chain.
public struct PyComparison: Sendable, Hashable {
  public var op: PyCompareOperator
  public var right: PyExpr
}
