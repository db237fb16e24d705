import EBCheckCore

/// The lexical category of one Python token, mirroring CPython's `tokenize` types.
public enum PyTokenKind: UInt8, Sendable, Hashable {
  case name
  case number
  case string
  case op
  case comment
  /// End of a logical line.
  case newline
  /// A line break that does not end a logical line (blank line, comment line, inside brackets).
  case nl
  case indent
  case dedent
  case endMarker
  /// Bytes the tokenizer could not make sense of; a P001 diagnostic explains them.
  case error
}

/// Operators and delimiters, one case per spelling.
public enum PyOp: UInt8, Sendable, Hashable {
  case none
  case lpar, rpar, lsqb, rsqb, lbrace, rbrace
  case colon, comma, semi, dot, ellipsis, arrow, colonEqual, at, atEqual
  case plus, minus, star, slash, doubleSlash, percent, doubleStar
  case vbar, amper, circumflex, tilde, leftShift, rightShift
  case less, greater, lessEqual, greaterEqual, eqEqual, notEqual
  case equal, plusEqual, minusEqual, starEqual, slashEqual, doubleSlashEqual, percentEqual
  case doubleStarEqual, vbarEqual, amperEqual, circumflexEqual, leftShiftEqual, rightShiftEqual
  case exclamation
}

/// Python keywords (hard ones, plus the soft keywords the parser cares about).
public enum PyKeyword: UInt8, Sendable, Hashable {
  case none
  case falseKw, noneKw, trueKw, andKw, asKw, assertKw, asyncKw, awaitKw, breakKw, classKw
  case continueKw, defKw, delKw, elifKw, elseKw, exceptKw, finallyKw, forKw, fromKw, globalKw
  case ifKw, importKw, inKw, isKw, lambdaKw, nonlocalKw, notKw, orKw, passKw, raiseKw
  case returnKw, tryKw, whileKw, withKw, yieldKw

  /// Keywords looked up by their bytes packed little-endian into a UInt64 (all are ≤ 8 bytes).
  package static let table: [UInt64: PyKeyword] = {
    let words: [(String, PyKeyword)] = [
      ("False", .falseKw), ("None", .noneKw), ("True", .trueKw), ("and", .andKw), ("as", .asKw),
      ("assert", .assertKw), ("async", .asyncKw), ("await", .awaitKw), ("break", .breakKw),
      ("class", .classKw), ("continue", .continueKw), ("def", .defKw), ("del", .delKw),
      ("elif", .elifKw), ("else", .elseKw), ("except", .exceptKw), ("finally", .finallyKw),
      ("for", .forKw), ("from", .fromKw), ("global", .globalKw), ("if", .ifKw),
      ("import", .importKw), ("in", .inKw), ("is", .isKw), ("lambda", .lambdaKw),
      ("nonlocal", .nonlocalKw), ("not", .notKw), ("or", .orKw), ("pass", .passKw),
      ("raise", .raiseKw), ("return", .returnKw), ("try", .tryKw), ("while", .whileKw),
      ("with", .withKw), ("yield", .yieldKw),
    ]
    var result: [UInt64: PyKeyword] = [:]
    for (word, keyword) in words {
      var packed: UInt64 = 0
      for (index, byte) in word.utf8.enumerated() { packed |= UInt64(byte) << (8 * UInt64(index)) }
      result[packed] = keyword
    }
    return result
  }()

  /// Open-addressing table over the packed spellings: 128 slots, probed linearly.
  package static let hashSlots: (keys: [UInt64], values: [PyKeyword]) = {
    var keys = [UInt64](repeating: 0, count: 128)
    var values = [PyKeyword](repeating: .none, count: 128)
    for (packed, keyword) in table {
      var slot = hashSlot(packed)
      while keys[slot] != 0 { slot = (slot + 1) & 127 }
      keys[slot] = packed
      values[slot] = keyword
    }
    return (keys, values)
  }()

  @inline(__always) package static func hashSlot(_ packed: UInt64) -> Int {
    Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> 57)
  }
}

/// One token: its kind, an operator or keyword code, and its byte span (stored in 32 bits
/// per offset to keep the token array small; files are far below 4 GiB).
public struct PyToken: Sendable, Hashable {
  public var kind: PyTokenKind
  public var op: PyOp
  public var keyword: PyKeyword
  package var start: UInt32
  package var end: UInt32

  public var span: Span {
    get { Span(Int(start), Int(end)) }
    set {
      start = UInt32(truncatingIfNeeded: newValue.start)
      end = UInt32(truncatingIfNeeded: newValue.end)
    }
  }

  public init(kind: PyTokenKind, span: Span, op: PyOp = .none, keyword: PyKeyword = .none) {
    self.kind = kind
    self.op = op
    self.keyword = keyword
    self.start = UInt32(truncatingIfNeeded: span.start)
    self.end = UInt32(truncatingIfNeeded: span.end)
  }

  @inline(__always) package init(
    kind: PyTokenKind, start: Int, end: Int, op: PyOp = .none, keyword: PyKeyword = .none
  ) {
    self.kind = kind
    self.op = op
    self.keyword = keyword
    self.start = UInt32(truncatingIfNeeded: start)
    self.end = UInt32(truncatingIfNeeded: end)
  }
}

/// The tokens of one file plus what went wrong while reading them.
public struct PyTokenStream: Sendable, Hashable {
  public var tokens: [PyToken]
  public var diagnostics: [Diagnostic]

  public init(tokens: [PyToken], diagnostics: [Diagnostic]) {
    self.tokens = tokens
    self.diagnostics = diagnostics
  }
}
