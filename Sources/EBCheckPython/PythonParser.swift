import EBCheckCore

/// Recursive-descent parser for Python 3 modules. Syntax errors become P001 diagnostics at
/// the offending token; parsing resumes at the next statement. Nesting deeper than
/// `maximumDepth` is reported instead of risking the stack.
public enum PythonParser {
  public static let maximumDepth = 200

  public static func parse(_ file: SourceFile) -> PythonModule {
    guard let shared = file.shared else { return parseAnew(file) }
    let tree = shared.derived(SharedTree.self) { SharedTree(parseAnew(file)) }
    // A problem names the file it was found in: a tree with problems is parsed for each path.
    guard tree.isClean else { return parseAnew(file) }
    return PythonModule(
      file: file.path, statements: tree.statements, comments: tree.comments, diagnostics: [])
  }

  /// What parsing gives for some bytes, whichever file holds them.
  private struct SharedTree: Sendable {
    var statements: [PyStmt]
    var comments: [Span]
    var isClean: Bool

    init(_ module: PythonModule) {
      statements = module.statements
      comments = module.comments
      isClean = module.diagnostics.isEmpty
    }
  }

  /// The module parsed from `file`'s bytes, sharing nothing.
  package static func parseAnew(_ file: SourceFile) -> PythonModule {
    let stream = PythonTokenizer.tokenize(file)
    var comments: [Span] = []
    var significant: [PyToken] = []
    significant.reserveCapacity(stream.tokens.count)
    for token in stream.tokens {
      switch token.kind {
      case .comment: comments.append(token.span)
      case .nl: continue
      default: significant.append(token)
      }
    }
    var parser = PyParser(bytes: file.bytes, path: file.path, tokens: significant)
    let statements = parser.parseModule()
    return PythonModule(
      file: file.path, statements: statements, comments: comments,
      diagnostics: stream.diagnostics + parser.diagnostics)
  }
}

package struct PyParseError: Error {
  /// nil when the problem was already reported (by the tokenizer).
  package var message: String?
  package var span: Span
}

package struct PyParser {
  package static let maximumElifBranches = 2_000

  package let bytes: [UInt8]
  package let path: String
  package var tokens: [PyToken]
  package var index = 0
  package var depth = 0
  package var diagnostics: [Diagnostic] = []

  package init(bytes: [UInt8], path: String, tokens: [PyToken]) {
    self.bytes = bytes
    self.path = path
    self.tokens = tokens
    if tokens.last?.kind != .endMarker {
      let end = tokens.last?.span.end ?? 0
      self.tokens.append(PyToken(kind: .endMarker, span: Span(at: end)))
    }
  }

  // MARK: token helpers

  @inline(__always) package var peek: PyToken { tokens[index] }
  @inline(__always) package func peek(_ ahead: Int) -> PyToken {
    tokens[min(index + ahead, tokens.count - 1)]
  }
  @inline(__always) package mutating func advance() {
    if index < tokens.count - 1 { index += 1 }
  }
  @inline(__always) package func at(_ op: PyOp) -> Bool {
    tokens[index].op == op && tokens[index].kind == .op
  }
  @inline(__always) package func atKeyword(_ keyword: PyKeyword) -> Bool {
    tokens[index].keyword == keyword
  }
  package var previousEnd: Int { index > 0 ? tokens[index - 1].span.end : 0 }

  package func text(_ span: Span) -> String {
    String(decoding: bytes[span.start..<span.end], as: UTF8.self)
  }

  package func failure(_ message: String, at token: PyToken) -> PyParseError {
    if token.kind == .error { return PyParseError(message: nil, span: token.span) }
    return PyParseError(message: message, span: token.span)
  }

  package func unexpected() -> PyParseError {
    let token = peek
    switch token.kind {
    case .indent: return failure("unexpected indent", at: token)
    case .dedent: return failure("unindent does not match the block", at: token)
    case .endMarker: return failure("unexpected end of file", at: token)
    case .newline: return failure("invalid syntax (unexpected end of line)", at: token)
    default: return failure("invalid syntax", at: token)
    }
  }

  package mutating func expect(_ op: PyOp, _ what: String) throws(PyParseError) {
    guard at(op) else {
      if peek.kind == .newline || peek.kind == .endMarker {
        throw failure("expected '\(what)'", at: peek)
      }
      throw failure("expected '\(what)', found '\(text(peek.span))'", at: peek)
    }
    advance()
  }

  package mutating func expectKeyword(_ keyword: PyKeyword, _ what: String) throws(PyParseError) {
    guard atKeyword(keyword) else { throw failure("expected '\(what)'", at: peek) }
    advance()
  }

  package mutating func expectName() throws(PyParseError) -> (String, Span) {
    let token = peek
    guard token.kind == .name, isPlainName(token) else {
      throw failure("expected a name", at: token)
    }
    advance()
    return (text(token.span), token.span)
  }

  /// Names that are not reserved words (soft keywords count as names).
  @inline(__always) package func isPlainName(_ token: PyToken) -> Bool {
    token.kind == .name && (token.keyword == .none)
  }

  package mutating func enter() throws(PyParseError) {
    depth += 1
    if depth > PythonParser.maximumDepth {
      throw PyParseError(message: "nesting too deep", span: peek.span)
    }
  }

  /// One more link of a left-nested chain (`a + b + c`, `f()()`, `a.b.c`): each link nests
  /// the tree one level deeper, so links count toward the nesting limit like brackets do.
  /// The caller undoes `links` levels when the chain ends.
  package mutating func enterLink(_ links: inout Int) throws(PyParseError) {
    links += 1
    try enter()
  }

  package mutating func report(_ error: PyParseError) {
    guard let message = error.message else { return }
    diagnostics.append(PythonTokenizer.diagnostic(message, file: path, span: error.span))
  }

  /// Skips to the start of the next statement at the current block level.
  package mutating func resynchronize() {
    var balance = 0
    while true {
      switch peek.kind {
      case .endMarker: return
      case .indent: balance += 1
      case .dedent:
        if balance == 0 { return }
        balance -= 1
        if balance == 0 {
          advance()
          return
        }
      case .newline:
        advance()
        if balance == 0 {
          if peek.kind == .indent { skipBlock() }
          return
        }
        continue
      default: break
      }
      advance()
    }
  }

  package mutating func skipBlock() {
    var balance = 0
    repeat {
      if peek.kind == .indent { balance += 1 }
      if peek.kind == .dedent { balance -= 1 }
      if peek.kind == .endMarker { return }
      advance()
    } while balance > 0
  }

  // MARK: statements

  package mutating func parseModule() -> [PyStmt] {
    var statements: [PyStmt] = []
    while peek.kind != .endMarker {
      let start = index
      parseStatementRecovering(into: &statements)
      if index == start { advance() }
    }
    return statements
  }

  package mutating func parseStatementRecovering(into statements: inout [PyStmt]) {
    let savedDepth = depth
    do {
      try parseStatement(into: &statements)
    } catch {
      depth = savedDepth
      report(error)
      resynchronize()
    }
  }

  package mutating func parseStatement(into statements: inout [PyStmt]) throws(PyParseError) {
    let token = peek
    if token.kind == .newline {
      advance()
      return
    }
    if token.kind == .op && token.op == .at {
      statements.append(try parseDecorated())
      return
    }
    switch token.keyword {
    case .ifKw: statements.append(try parseIf())
    case .whileKw: statements.append(try parseWhile())
    case .forKw: statements.append(try parseFor(isAsync: false, start: token.span.start))
    case .tryKw: statements.append(try parseTry())
    case .withKw: statements.append(try parseWith(isAsync: false, start: token.span.start))
    case .defKw: statements.append(try parseFunction(decorators: [], start: token.span.start))
    case .classKw: statements.append(try parseClass(decorators: [], start: token.span.start))
    case .asyncKw:
      advance()
      switch peek.keyword {
      case .defKw: statements.append(try parseFunction(decorators: [], start: token.span.start))
      case .forKw: statements.append(try parseFor(isAsync: true, start: token.span.start))
      case .withKw: statements.append(try parseWith(isAsync: true, start: token.span.start))
      default: throw failure("expected 'def', 'for' or 'with' after 'async'", at: peek)
      }
    default:
      try parseSimpleLine(into: &statements)
    }
  }

  package mutating func parseSimpleLine(into statements: inout [PyStmt]) throws(PyParseError) {
    statements.append(try parseSmallStatement())
    while at(.semi) {
      advance()
      if peek.kind == .newline || peek.kind == .endMarker { break }
      statements.append(try parseSmallStatement())
    }
    if peek.kind == .newline {
      advance()
    } else if peek.kind != .endMarker {
      throw unexpected()
    }
  }

  /// The statements of a block after its colon: an indented suite or a simple line.
  package mutating func parseBlock() throws(PyParseError) -> [PyStmt] {
    try expect(.colon, ":")
    try enter()
    defer { depth -= 1 }
    var statements: [PyStmt] = []
    guard peek.kind == .newline else {
      try parseSimpleLine(into: &statements)
      return statements
    }
    advance()
    guard peek.kind == .indent else { throw failure("expected an indented block", at: peek) }
    advance()
    while peek.kind != .dedent && peek.kind != .endMarker {
      let start = index
      parseStatementRecovering(into: &statements)
      if index == start { advance() }
    }
    if peek.kind == .dedent { advance() }
    return statements
  }

  package mutating func parseSmallStatement() throws(PyParseError) -> PyStmt {
    let token = peek
    let start = token.span.start
    switch token.keyword {
    case .passKw:
      advance()
      return PyStmt(.pass, token.span)
    case .breakKw:
      advance()
      return PyStmt(.breakStatement, token.span)
    case .continueKw:
      advance()
      return PyStmt(.continueStatement, token.span)
    case .returnKw:
      advance()
      let value: PyExpr? = startsExpression(peek) ? try parseStarExpressions() : nil
      return PyStmt(.returnStatement(value), Span(start, previousEnd))
    case .raiseKw:
      advance()
      var exception: PyExpr?
      var cause: PyExpr?
      if startsExpression(peek) {
        exception = try parseExpression()
        if atKeyword(.fromKw) {
          advance()
          cause = try parseExpression()
        } else if at(.comma) {
          throw failure("Python 2 raise syntax; use 'raise E(message)'", at: peek)
        }
      }
      return PyStmt(.raise(exception: exception, cause: cause), Span(start, previousEnd))
    case .globalKw, .nonlocalKw:
      advance()
      var names = [try expectName().0]
      while at(.comma) {
        advance()
        names.append(try expectName().0)
      }
      let kind: PyStmtKind = token.keyword == .globalKw ? .global(names) : .nonlocal(names)
      return PyStmt(kind, Span(start, previousEnd))
    case .assertKw:
      advance()
      let test = try parseExpression()
      var message: PyExpr?
      if at(.comma) {
        advance()
        message = try parseExpression()
      }
      return PyStmt(.assert(test: test, message: message), Span(start, previousEnd))
    case .delKw:
      advance()
      let targets = try parseStarExpressions()
      if case .tuple(let items) = targets.kind, !text(targets.span).hasPrefix("(") {
        return PyStmt(.delete(items), Span(start, previousEnd))
      }
      return PyStmt(.delete([targets]), Span(start, previousEnd))
    case .importKw:
      return try parseImport()
    case .fromKw:
      return try parseFromImport()
    default:
      return try parseExpressionStatement()
    }
  }

  package mutating func parseDottedName() throws(PyParseError) -> (String, Span) {
    var (name, span) = try expectName()
    while at(.dot) {
      advance()
      let (part, partSpan) = try expectName()
      name += "." + part
      span = span.union(partSpan)
    }
    return (name, span)
  }

  package mutating func parseImport() throws(PyParseError) -> PyStmt {
    let start = peek.span.start
    advance()
    var names: [PyImportName] = []
    repeat {
      if !names.isEmpty { advance() }
      let (name, span) = try parseDottedName()
      var alias: String?
      var end = span.end
      if atKeyword(.asKw) {
        advance()
        let (aliasName, aliasSpan) = try expectName()
        alias = aliasName
        end = aliasSpan.end
      }
      names.append(PyImportName(name: name, alias: alias, span: Span(span.start, end)))
    } while at(.comma)
    return PyStmt(.importModules(names), Span(start, previousEnd))
  }

  package mutating func parseFromImport() throws(PyParseError) -> PyStmt {
    let start = peek.span.start
    advance()
    var level = 0
    while at(.dot) || at(.ellipsis) {
      level += at(.dot) ? 1 : 3
      advance()
    }
    var module: String?
    if !atKeyword(.importKw) {
      module = try parseDottedName().0
    }
    if level == 0 && module == nil { throw failure("expected a module name", at: peek) }
    try expectKeyword(.importKw, "import")
    if at(.star) {
      advance()
      return PyStmt(
        .importFrom(module: module, level: level, names: [], star: true), Span(start, previousEnd))
    }
    let parenthesized = at(.lpar)
    if parenthesized { advance() }
    var names: [PyImportName] = []
    while true {
      let (name, span) = try expectName()
      var alias: String?
      var end = span.end
      if atKeyword(.asKw) {
        advance()
        let (aliasName, aliasSpan) = try expectName()
        alias = aliasName
        end = aliasSpan.end
      }
      names.append(PyImportName(name: name, alias: alias, span: Span(span.start, end)))
      guard at(.comma) else { break }
      advance()
      if parenthesized && at(.rpar) { break }
      if !parenthesized && !isPlainName(peek) {
        throw failure("trailing comma not allowed without surrounding parentheses", at: peek)
      }
    }
    if parenthesized { try expect(.rpar, ")") }
    return PyStmt(
      .importFrom(module: module, level: level, names: names, star: false), Span(start, previousEnd)
    )
  }

  package static let augmentedOperators: [PyOp: PyBinaryOperator] = [
    .plusEqual: .add, .minusEqual: .subtract, .starEqual: .multiply, .slashEqual: .divide,
    .doubleSlashEqual: .floorDivide, .percentEqual: .modulo, .doubleStarEqual: .power,
    .atEqual: .matrixMultiply, .leftShiftEqual: .leftShift, .rightShiftEqual: .rightShift,
    .vbarEqual: .bitOr, .circumflexEqual: .bitXor, .amperEqual: .bitAnd,
  ]

  package mutating func parseAssignedValue() throws(PyParseError) -> PyExpr {
    if atKeyword(.yieldKw) { return try parseYield() }
    return try parseStarExpressions()
  }

  package mutating func parseExpressionStatement() throws(PyParseError) -> PyStmt {
    let start = peek.span.start
    let first = atKeyword(.yieldKw) ? try parseYield() : try parseStarExpressions()
    if at(.colon) {
      advance()
      let annotation = try parseExpression()
      var value: PyExpr?
      if at(.equal) {
        advance()
        value = try parseAssignedValue()
      }
      return PyStmt(
        .annotatedAssign(target: first, annotation: annotation, value: value),
        Span(start, previousEnd))
    }
    if peek.kind == .op, let op = Self.augmentedOperators[peek.op] {
      advance()
      let value = try parseAssignedValue()
      return PyStmt(.augmentedAssign(target: first, op: op, value: value), Span(start, previousEnd))
    }
    if at(.equal) {
      var targets = [first]
      var value = first
      while at(.equal) {
        advance()
        value = try parseAssignedValue()
        if at(.equal) { targets.append(value) }
      }
      return PyStmt(.assign(targets: targets, value: value), Span(start, previousEnd))
    }
    if case .name(let name) = first.kind, name == "print" || name == "exec",
      startsExpression(peek) && !at(.lpar)
    {
      throw failure(
        "Python 2 \(name) statement (missing parentheses in call to '\(name)')", at: peek)
    }
    return PyStmt(.expression(first), Span(start, previousEnd))
  }

  /// `if`/`elif`/`else`; elif chains are read in a loop (a long chain is not deep nesting).
  package mutating func parseIf() throws(PyParseError) -> PyStmt {
    var clauses: [(start: Int, test: PyExpr, body: [PyStmt])] = []
    repeat {
      let start = peek.span.start
      advance()
      let test = try parseNamedExpression()
      clauses.append((start, test, try parseBlock()))
      // The tree nests one `if` per `elif`; readers walk it recursively, so bound it.
      if clauses.count > Self.maximumElifBranches {
        throw PyParseError(
          message: "nesting too deep: more than \(Self.maximumElifBranches) elif branches",
          span: Span(start, peek.span.end))
      }
    } while atKeyword(.elifKw)
    var orElse: [PyStmt] = []
    if atKeyword(.elseKw) {
      advance()
      orElse = try parseBlock()
    }
    let end = previousEnd
    for clause in clauses.reversed() {
      orElse = [
        PyStmt(
          .ifStatement(test: clause.test, body: clause.body, orElse: orElse),
          Span(clause.start, end))
      ]
    }
    return orElse[0]
  }

  package mutating func parseWhile() throws(PyParseError) -> PyStmt {
    let start = peek.span.start
    advance()
    let test = try parseNamedExpression()
    let body = try parseBlock()
    var orElse: [PyStmt] = []
    if atKeyword(.elseKw) {
      advance()
      orElse = try parseBlock()
    }
    return PyStmt(.whileLoop(test: test, body: body, orElse: orElse), Span(start, previousEnd))
  }

  package mutating func parseFor(isAsync: Bool, start: Int) throws(PyParseError) -> PyStmt {
    advance()
    let target = try parseTargetList()
    try expectKeyword(.inKw, "in")
    let iterable = try parseStarExpressions()
    let body = try parseBlock()
    var orElse: [PyStmt] = []
    if atKeyword(.elseKw) {
      advance()
      orElse = try parseBlock()
    }
    return PyStmt(
      .forLoop(target: target, iterable: iterable, body: body, orElse: orElse, isAsync: isAsync),
      Span(start, previousEnd))
  }

  package mutating func parseTry() throws(PyParseError) -> PyStmt {
    let start = peek.span.start
    advance()
    let body = try parseBlock()
    var handlers: [PyExceptHandler] = []
    while atKeyword(.exceptKw) {
      let handlerStart = peek.span.start
      advance()
      if at(.star) { advance() }
      var type: PyExpr?
      var name: String?
      if !at(.colon) {
        type = try parseExpression()
        if at(.comma) {
          throw failure("Python 2 'except E, e' syntax; use 'except E as e'", at: peek)
        }
        if atKeyword(.asKw) {
          advance()
          name = try expectName().0
        }
      }
      let handlerBody = try parseBlock()
      handlers.append(
        PyExceptHandler(
          type: type, name: name, body: handlerBody, span: Span(handlerStart, previousEnd)))
    }
    var orElse: [PyStmt] = []
    var finalBody: [PyStmt] = []
    if atKeyword(.elseKw) {
      advance()
      orElse = try parseBlock()
    }
    if atKeyword(.finallyKw) {
      advance()
      finalBody = try parseBlock()
    }
    if handlers.isEmpty && finalBody.isEmpty {
      throw failure("expected 'except' or 'finally' block", at: peek)
    }
    return PyStmt(
      .tryStatement(body: body, handlers: handlers, orElse: orElse, finally: finalBody),
      Span(start, previousEnd))
  }

  package mutating func parseWithItem() throws(PyParseError) -> PyWithItem {
    let context = try parseExpression()
    var target: PyExpr?
    if atKeyword(.asKw) {
      advance()
      target = try parseStarTarget()
    }
    return PyWithItem(context: context, target: target)
  }

  package mutating func parseWith(isAsync: Bool, start: Int) throws(PyParseError) -> PyStmt {
    advance()
    var items: [PyWithItem] = []
    // Parenthesized items `with (a as b, c):` need a trial parse.
    if at(.lpar) {
      let saved = index
      let savedDepth = depth
      var trial: [PyWithItem] = []
      do {
        advance()
        while !at(.rpar) {
          trial.append(try parseWithItem())
          if !at(.comma) { break }
          advance()
        }
        try expect(.rpar, ")")
        if at(.colon) { items = trial }
      } catch {}
      if items.isEmpty {
        index = saved
        depth = savedDepth
      }
    }
    if items.isEmpty {
      items.append(try parseWithItem())
      while at(.comma) {
        advance()
        items.append(try parseWithItem())
      }
    }
    let body = try parseBlock()
    return PyStmt(.with(items: items, body: body, isAsync: isAsync), Span(start, previousEnd))
  }

  package mutating func parseDecorated() throws(PyParseError) -> PyStmt {
    let start = peek.span.start
    var decorators: [PyExpr] = []
    while at(.at) {
      advance()
      decorators.append(try parseNamedExpression())
      guard peek.kind == .newline else { throw unexpected() }
      advance()
    }
    switch peek.keyword {
    case .defKw: return try parseFunction(decorators: decorators, start: start)
    case .classKw: return try parseClass(decorators: decorators, start: start)
    case .asyncKw:
      advance()
      guard atKeyword(.defKw) else { throw failure("expected 'def'", at: peek) }
      return try parseFunction(decorators: decorators, start: start, isAsync: true)
    default:
      throw failure("expected 'def' or 'class' after a decorator", at: peek)
    }
  }

  package mutating func parseFunction(decorators: [PyExpr], start: Int, isAsync: Bool? = nil)
    throws(PyParseError) -> PyStmt
  {
    let async = isAsync ?? (tokens[max(0, index - 1)].keyword == .asyncKw)
    advance()
    let (name, nameSpan) = try expectName()
    try expect(.lpar, "(")
    let parameters = try parseParameters(closing: .rpar, annotations: true)
    try expect(.rpar, ")")
    var returns: PyExpr?
    if at(.arrow) {
      advance()
      returns = try parseExpression()
    }
    let body = try parseBlock()
    let function = PyFunctionDef(
      name: name, nameSpan: nameSpan, parameters: parameters, returns: returns,
      decorators: decorators, body: body, isAsync: async)
    return PyStmt(.functionDef(function), Span(start, previousEnd))
  }

  package mutating func parseClass(decorators: [PyExpr], start: Int) throws(PyParseError) -> PyStmt
  {
    advance()
    let (name, nameSpan) = try expectName()
    var bases: [PyArgument] = []
    if at(.lpar) {
      advance()
      bases = try parseArguments()
      try expect(.rpar, ")")
    }
    let body = try parseBlock()
    let definition = PyClassDef(
      name: name, nameSpan: nameSpan, bases: bases, decorators: decorators, body: body)
    return PyStmt(.classDef(definition), Span(start, previousEnd))
  }

  package mutating func parseParameters(closing: PyOp, annotations: Bool) throws(PyParseError)
    -> [PyParameter]
  {
    var parameters: [PyParameter] = []
    while !at(closing) {
      let start = peek.span.start
      var kind = PyParameter.Kind.positional
      if at(.slash) {
        advance()
        parameters.append(
          PyParameter(
            name: "/", kind: .positionalOnlyMarker, annotation: nil, defaultValue: nil,
            span: Span(start, previousEnd)))
      } else if at(.star) && (peek(1).op == .comma || peek(1).op == closing) && peek(1).kind == .op
      {
        advance()
        parameters.append(
          PyParameter(
            name: "*", kind: .keywordOnlyMarker, annotation: nil, defaultValue: nil,
            span: Span(start, previousEnd)))
      } else {
        if at(.star) {
          kind = .varPositional
          advance()
        } else if at(.doubleStar) {
          kind = .varKeyword
          advance()
        }
        let (name, _) = try expectName()
        var annotation: PyExpr?
        var defaultValue: PyExpr?
        if annotations && at(.colon) {
          advance()
          annotation = at(.star) ? try parseStarExpression() : try parseExpression()
        }
        if at(.equal) {
          advance()
          defaultValue = try parseExpression()
        }
        parameters.append(
          PyParameter(
            name: name, kind: kind, annotation: annotation, defaultValue: defaultValue,
            span: Span(start, previousEnd)))
      }
      guard at(.comma) else { break }
      advance()
    }
    return parameters
  }

  // MARK: expressions

  package func startsExpression(_ token: PyToken) -> Bool {
    switch token.kind {
    case .name:
      switch token.keyword {
      case .none, .trueKw, .falseKw, .noneKw, .notKw, .lambdaKw, .awaitKw: return true
      default: return false
      }
    case .number, .string: return true
    case .op:
      switch token.op {
      case .lpar, .lsqb, .lbrace, .minus, .plus, .tilde, .star, .ellipsis, .doubleStar: return true
      default: return false
      }
    case .error: return true
    default: return false
    }
  }

  /// `a, *b, c` without brackets becomes a tuple.
  package mutating func parseStarExpressions() throws(PyParseError) -> PyExpr {
    let first = try parseStarExpression()
    guard at(.comma) else { return first }
    var items = [first]
    while at(.comma) {
      advance()
      if !startsExpression(peek) { break }
      items.append(try parseStarExpression())
    }
    return PyExpr(.tuple(items), Span(first.span.start, previousEnd))
  }

  package mutating func parseStarExpression() throws(PyParseError) -> PyExpr {
    if at(.star) {
      let start = peek.span.start
      advance()
      let value = try parseBitOr()
      return PyExpr(.starred(value), Span(start, value.span.end))
    }
    return try parseNamedExpression()
  }

  package mutating func parseTargetList() throws(PyParseError) -> PyExpr {
    let first = try parseStarTarget()
    guard at(.comma) else { return first }
    var items = [first]
    while at(.comma) {
      advance()
      if atKeyword(.inKw) || at(.equal) || !startsExpression(peek) { break }
      items.append(try parseStarTarget())
    }
    return PyExpr(.tuple(items), Span(first.span.start, previousEnd))
  }

  package mutating func parseStarTarget() throws(PyParseError) -> PyExpr {
    if at(.star) {
      let start = peek.span.start
      advance()
      let value = try parseBitOr()
      return PyExpr(.starred(value), Span(start, value.span.end))
    }
    return try parseBitOr()
  }

  package mutating func parseNamedExpression() throws(PyParseError) -> PyExpr {
    if isPlainName(peek) && peek(1).kind == .op && peek(1).op == .colonEqual {
      let nameToken = peek
      advance()
      advance()
      let value = try parseExpression()
      return PyExpr(
        .namedExpr(target: text(nameToken.span), value: value),
        Span(nameToken.span.start, value.span.end))
    }
    return try parseExpression()
  }

  package mutating func parseExpression() throws(PyParseError) -> PyExpr {
    try enter()
    defer { depth -= 1 }
    if atKeyword(.lambdaKw) { return try parseLambda() }
    let body = try parseDisjunction()
    guard atKeyword(.ifKw) else { return body }
    advance()
    let test = try parseDisjunction()
    try expectKeyword(.elseKw, "else")
    let orElse = try parseExpression()
    return PyExpr(
      .conditional(test: test, body: body, orElse: orElse), Span(body.span.start, orElse.span.end))
  }

  package mutating func parseLambda() throws(PyParseError) -> PyExpr {
    let start = peek.span.start
    advance()
    let parameters = try parseParameters(closing: .colon, annotations: false)
    try expect(.colon, ":")
    let body = try parseExpression()
    return PyExpr(.lambda(parameters, body), Span(start, body.span.end))
  }

  package mutating func parseYield() throws(PyParseError) -> PyExpr {
    let start = peek.span.start
    advance()
    if atKeyword(.fromKw) {
      advance()
      let value = try parseExpression()
      return PyExpr(.yield(value, isFrom: true), Span(start, value.span.end))
    }
    let value: PyExpr? = startsExpression(peek) ? try parseStarExpressions() : nil
    return PyExpr(.yield(value, isFrom: false), Span(start, previousEnd))
  }

  package mutating func parseDisjunction() throws(PyParseError) -> PyExpr {
    let first = try parseConjunction()
    guard atKeyword(.orKw) else { return first }
    var values = [first]
    while atKeyword(.orKw) {
      advance()
      values.append(try parseConjunction())
    }
    return PyExpr(.boolOp(.or, values), Span(first.span.start, previousEnd))
  }

  package mutating func parseConjunction() throws(PyParseError) -> PyExpr {
    let first = try parseInversion()
    guard atKeyword(.andKw) else { return first }
    var values = [first]
    while atKeyword(.andKw) {
      advance()
      values.append(try parseInversion())
    }
    return PyExpr(.boolOp(.and, values), Span(first.span.start, previousEnd))
  }

  package mutating func parseInversion() throws(PyParseError) -> PyExpr {
    guard atKeyword(.notKw) else { return try parseComparison() }
    let start = peek.span.start
    advance()
    try enter()
    defer { depth -= 1 }
    let operand = try parseInversion()
    return PyExpr(.unary(.not, operand), Span(start, operand.span.end))
  }

  package mutating func comparisonOperator() -> PyCompareOperator? {
    let token = peek
    if token.kind == .op {
      switch token.op {
      case .eqEqual: return .equal
      case .notEqual: return .notEqual
      case .less: return .less
      case .lessEqual: return .lessEqual
      case .greater: return .greater
      case .greaterEqual: return .greaterEqual
      default: return nil
      }
    }
    switch token.keyword {
    case .inKw: return .inOp
    case .isKw: return peek(1).keyword == .notKw ? .isNot : .isOp
    case .notKw: return peek(1).keyword == .inKw ? .notIn : nil
    default: return nil
    }
  }

  package mutating func parseComparison() throws(PyParseError) -> PyExpr {
    let first = try parseBitOr()
    guard var op = comparisonOperator() else { return first }
    var rest: [PyComparison] = []
    while true {
      advance()
      if op == .isNot || op == .notIn { advance() }
      rest.append(PyComparison(op: op, right: try parseBitOr()))
      guard let next = comparisonOperator() else { break }
      op = next
    }
    return PyExpr(.compare(first, rest), Span(first.span.start, previousEnd))
  }

  package mutating func parseBitOr() throws(PyParseError) -> PyExpr {
    try parseBinary(level: 0)
  }

  /// Left-associative binary levels, loosest first: `|`, `^`, `&`, shifts, `+ -`, `* / // % @`.
  package static let binaryLevelCount = 6

  /// The operator `op` stands for at binary `level`, or nil (a switch: this runs for every
  /// operand of every expression, six times).
  @inline(__always) package static func binaryOperator(_ op: PyOp, level: Int)
    -> PyBinaryOperator?
  {
    switch (level, op) {
    case (0, .vbar): return .bitOr
    case (1, .circumflex): return .bitXor
    case (2, .amper): return .bitAnd
    case (3, .leftShift): return .leftShift
    case (3, .rightShift): return .rightShift
    case (4, .plus): return .add
    case (4, .minus): return .subtract
    case (5, .star): return .multiply
    case (5, .slash): return .divide
    case (5, .doubleSlash): return .floorDivide
    case (5, .percent): return .modulo
    case (5, .at): return .matrixMultiply
    default: return nil
    }
  }

  /// One precedence level; each operator in a chain counts toward the nesting limit.
  package mutating func parseBinary(level: Int) throws(PyParseError) -> PyExpr {
    guard level < Self.binaryLevelCount else { return try parseFactor() }
    var left = try parseBinary(level: level + 1)
    var links = 0
    defer { depth -= links }
    while peek.kind == .op, let op = Self.binaryOperator(peek.op, level: level) {
      advance()
      try enterLink(&links)
      let right = try parseBinary(level: level + 1)
      left = PyExpr(.binary(left, op, right), Span(left.span.start, right.span.end))
    }
    return left
  }

  package mutating func parseFactor() throws(PyParseError) -> PyExpr {
    let token = peek
    let op: PyUnaryOperator
    if token.kind == .op && token.op == .plus {
      op = .plus
    } else if token.kind == .op && token.op == .minus {
      op = .minus
    } else if token.kind == .op && token.op == .tilde {
      op = .invert
    } else {
      return try parsePower()
    }
    advance()
    try enter()
    defer { depth -= 1 }
    let operand = try parseFactor()
    return PyExpr(.unary(op, operand), Span(token.span.start, operand.span.end))
  }

  package mutating func parsePower() throws(PyParseError) -> PyExpr {
    var base: PyExpr
    if atKeyword(.awaitKw) {
      let start = peek.span.start
      advance()
      let operand = try parsePrimary()
      base = PyExpr(.await(operand), Span(start, operand.span.end))
    } else {
      base = try parsePrimary()
    }
    if at(.doubleStar) {
      advance()
      try enter()
      defer { depth -= 1 }
      let exponent = try parseFactor()
      base = PyExpr(.binary(base, .power, exponent), Span(base.span.start, exponent.span.end))
    }
    return base
  }

  package mutating func parsePrimary() throws(PyParseError) -> PyExpr {
    var value = try parseAtom()
    var links = 0
    defer { depth -= links }
    while peek.kind == .op {
      if peek.op == .dot || peek.op == .lpar || peek.op == .lsqb { try enterLink(&links) }
      switch peek.op {
      case .dot:
        advance()
        let (name, nameSpan) = try expectAttributeName()
        value = PyExpr(
          .attribute(value, name: name, nameSpan: nameSpan), Span(value.span.start, nameSpan.end))
      case .lpar:
        advance()
        try enter()
        let arguments = try parseArguments()
        depth -= 1
        try expect(.rpar, ")")
        value = PyExpr(.call(value, arguments), Span(value.span.start, previousEnd))
      case .lsqb:
        advance()
        try enter()
        let index = try parseSlices()
        depth -= 1
        try expect(.rsqb, "]")
        value = PyExpr(.subscription(value, index), Span(value.span.start, previousEnd))
      default:
        return value
      }
    }
    return value
  }

  /// Attribute names may be soft keywords and, after a dot, any identifier-like token.
  package mutating func expectAttributeName() throws(PyParseError) -> (String, Span) {
    let token = peek
    guard token.kind == .name else { throw failure("expected an attribute name", at: token) }
    guard token.keyword == .none else { throw failure("invalid syntax", at: token) }
    advance()
    return (text(token.span), token.span)
  }

  package mutating func parseArguments() throws(PyParseError) -> [PyArgument] {
    var arguments: [PyArgument] = []
    while !at(.rpar) {
      if at(.star) {
        advance()
        arguments.append(PyArgument(kind: .star, value: try parseExpression()))
      } else if at(.doubleStar) {
        advance()
        arguments.append(PyArgument(kind: .doubleStar, value: try parseExpression()))
      } else if isPlainName(peek) && peek(1).kind == .op && peek(1).op == .equal {
        let name = text(peek.span)
        advance()
        advance()
        arguments.append(PyArgument(kind: .keyword(name), value: try parseExpression()))
      } else {
        var value = try parseNamedExpression()
        if atKeyword(.forKw) || (atKeyword(.asyncKw) && peek(1).keyword == .forKw) {
          let clauses = try parseComprehensionClauses()
          value = PyExpr(.generator(value, clauses), Span(value.span.start, previousEnd))
        }
        arguments.append(PyArgument(kind: .positional, value: value))
      }
      guard at(.comma) else { break }
      advance()
    }
    return arguments
  }

  package mutating func parseSlice() throws(PyParseError) -> PyExpr {
    let start = peek.span.start
    var lower: PyExpr?
    if !at(.colon) {
      let value = try parseStarExpression()
      guard at(.colon) else { return value }
      lower = value
    }
    advance()
    var upper: PyExpr?
    var step: PyExpr?
    if !at(.colon) && !at(.rsqb) && !at(.comma) { upper = try parseExpression() }
    if at(.colon) {
      advance()
      if !at(.rsqb) && !at(.comma) { step = try parseExpression() }
    }
    return PyExpr(.slice(lower: lower, upper: upper, step: step), Span(start, previousEnd))
  }

  package mutating func parseSlices() throws(PyParseError) -> PyExpr {
    let first = try parseSlice()
    guard at(.comma) else { return first }
    var items = [first]
    while at(.comma) {
      advance()
      if at(.rsqb) { break }
      items.append(try parseSlice())
    }
    return PyExpr(.tuple(items), Span(first.span.start, previousEnd))
  }

  package mutating func parseComprehensionClauses() throws(PyParseError) -> [PyComprehension] {
    var clauses: [PyComprehension] = []
    while atKeyword(.forKw) || (atKeyword(.asyncKw) && peek(1).keyword == .forKw) {
      let isAsync = atKeyword(.asyncKw)
      if isAsync { advance() }
      advance()
      let target = try parseTargetList()
      try expectKeyword(.inKw, "in")
      let iterable = try parseDisjunction()
      var conditions: [PyExpr] = []
      while atKeyword(.ifKw) {
        advance()
        conditions.append(try parseDisjunction())
      }
      clauses.append(
        PyComprehension(
          target: target, iterable: iterable, conditions: conditions, isAsync: isAsync))
    }
    return clauses
  }

  package var atComprehension: Bool {
    atKeyword(.forKw) || (atKeyword(.asyncKw) && peek(1).keyword == .forKw)
  }

  package mutating func parseAtom() throws(PyParseError) -> PyExpr {
    let token = peek
    switch token.kind {
    case .name:
      switch token.keyword {
      case .none:
        advance()
        return PyExpr(.name(text(token.span)), token.span)
      case .trueKw:
        advance()
        return PyExpr(.bool(true), token.span)
      case .falseKw:
        advance()
        return PyExpr(.bool(false), token.span)
      case .noneKw:
        advance()
        return PyExpr(.none, token.span)
      default:
        throw failure("invalid syntax ('\(text(token.span))' is a keyword)", at: token)
      }
    case .number:
      advance()
      return PyExpr(number(token.span), token.span)
    case .string:
      return parseStrings()
    case .op:
      switch token.op {
      case .lpar: return try parseParenthesized()
      case .lsqb: return try parseList()
      case .lbrace: return try parseBraces()
      case .ellipsis:
        advance()
        return PyExpr(.ellipsis, token.span)
      default:
        throw failure("invalid syntax", at: token)
      }
    default:
      throw unexpected()
    }
  }

  package mutating func parseParenthesized() throws(PyParseError) -> PyExpr {
    let start = peek.span.start
    advance()
    if at(.rpar) {
      advance()
      return PyExpr(.tuple([]), Span(start, previousEnd))
    }
    if atKeyword(.yieldKw) {
      let value = try parseYield()
      try expect(.rpar, ")")
      return value
    }
    let first = try parseStarExpression()
    if atComprehension {
      let clauses = try parseComprehensionClauses()
      try expect(.rpar, ")")
      return PyExpr(.generator(first, clauses), Span(start, previousEnd))
    }
    guard at(.comma) else {
      try expect(.rpar, ")")
      return first
    }
    var items = [first]
    while at(.comma) {
      advance()
      if at(.rpar) { break }
      items.append(try parseStarExpression())
    }
    try expect(.rpar, ")")
    return PyExpr(.tuple(items), Span(start, previousEnd))
  }

  package mutating func parseList() throws(PyParseError) -> PyExpr {
    let start = peek.span.start
    advance()
    var items: [PyExpr] = []
    if !at(.rsqb) {
      let first = try parseStarExpression()
      if atComprehension {
        let clauses = try parseComprehensionClauses()
        try expect(.rsqb, "]")
        return PyExpr(.listComprehension(first, clauses), Span(start, previousEnd))
      }
      items.append(first)
      while at(.comma) {
        advance()
        if at(.rsqb) { break }
        items.append(try parseStarExpression())
      }
    }
    try expect(.rsqb, "]")
    return PyExpr(.list(items), Span(start, previousEnd))
  }

  package mutating func parseBraces() throws(PyParseError) -> PyExpr {
    let start = peek.span.start
    advance()
    if at(.rbrace) {
      advance()
      return PyExpr(.dict([]), Span(start, previousEnd))
    }
    // Dict when the first item is `key: value` or `**mapping`.
    var firstItem: PyDictItem?
    var firstElement: PyExpr?
    if at(.doubleStar) {
      advance()
      firstItem = PyDictItem(key: nil, value: try parseBitOr())
    } else {
      let key = try parseStarExpression()
      if at(.colon) {
        advance()
        let value = try parseExpression()
        if atComprehension {
          let clauses = try parseComprehensionClauses()
          try expect(.rbrace, "}")
          return PyExpr(
            .dictComprehension(key: key, value: value, clauses), Span(start, previousEnd))
        }
        firstItem = PyDictItem(key: key, value: value)
      } else {
        if atComprehension {
          let clauses = try parseComprehensionClauses()
          try expect(.rbrace, "}")
          return PyExpr(.setComprehension(key, clauses), Span(start, previousEnd))
        }
        firstElement = key
      }
    }
    if let firstItem {
      var items = [firstItem]
      while at(.comma) {
        advance()
        if at(.rbrace) { break }
        if at(.doubleStar) {
          advance()
          items.append(PyDictItem(key: nil, value: try parseBitOr()))
        } else {
          let key = try parseExpression()
          try expect(.colon, ":")
          items.append(PyDictItem(key: key, value: try parseExpression()))
        }
      }
      try expect(.rbrace, "}")
      return PyExpr(.dict(items), Span(start, previousEnd))
    }
    var elements = [firstElement!]
    while at(.comma) {
      advance()
      if at(.rbrace) { break }
      elements.append(try parseStarExpression())
    }
    try expect(.rbrace, "}")
    return PyExpr(.set(elements), Span(start, previousEnd))
  }

  // MARK: literals

  package func number(_ span: Span) -> PyExprKind {
    var cleaned: [UInt8] = []
    cleaned.reserveCapacity(span.length)
    for offset in span.start..<span.end where bytes[offset] != UInt8(ascii: "_") {
      cleaned.append(bytes[offset])
    }
    let literal = String(decoding: cleaned, as: UTF8.self)
    let lower = literal.lowercased()
    if lower.hasSuffix("j") { return .imaginary(literal) }
    if lower.hasPrefix("0x") || lower.hasPrefix("0o") || lower.hasPrefix("0b") {
      let radix = lower.hasPrefix("0x") ? 16 : lower.hasPrefix("0o") ? 8 : 2
      if let value = Int(lower.dropFirst(2), radix: radix) { return .int(value) }
      return .bigInt(literal)
    }
    if lower.contains(".") || lower.contains("e") {
      return .float(Double(lower) ?? .nan)
    }
    if let value = Int(lower) { return .int(value) }
    return .bigInt(literal)
  }

  /// Adjacent string tokens concatenate (`"a" "b"`), mixing plain and f-strings.
  package mutating func parseStrings() -> PyExpr {
    let start = peek.span.start
    var parts: [PyFStringPart] = []
    var textValue = ""
    var bytesValue: [UInt8] = []
    var isBytes = false
    var isFormat = false
    while peek.kind == .string {
      let token = peek
      advance()
      let literal = PyStringLiteral(bytes: bytes, span: token.span)
      if literal.isBytes { isBytes = true }
      if literal.isFormat {
        if !isFormat && !textValue.isEmpty { parts.append(.text(textValue)) }
        isFormat = true
        parts.append(contentsOf: formatParts(literal))
      } else if isBytes {
        bytesValue.append(contentsOf: literal.decodedBytes())
      } else if !literal.isRaw && literal.hasNamedEscape {
        // `\N{NAME}` needs the Unicode name table; keep the piece opaque.
        if !isFormat && !textValue.isEmpty { parts.append(.text(textValue)) }
        isFormat = true
        parts.append(.field(nil, token.span))
      } else {
        let decoded = literal.decodedText()
        if isFormat { parts.append(.text(decoded)) } else { textValue += decoded }
      }
    }
    let span = Span(start, previousEnd)
    if isFormat { return PyExpr(.string(.format(mergeText(parts))), span) }
    if isBytes { return PyExpr(.string(.bytes(bytesValue)), span) }
    return PyExpr(.string(.text(textValue)), span)
  }

  package func mergeText(_ parts: [PyFStringPart]) -> [PyFStringPart] {
    var merged: [PyFStringPart] = []
    for part in parts {
      if case .text(let next) = part, case .text(let previous)? = merged.last {
        merged[merged.count - 1] = .text(previous + next)
      } else {
        merged.append(part)
      }
    }
    return merged
  }

  /// Splits an f-string body into text and replacement fields; a field is parsed when it is
  /// a plain expression (no conversion, format spec or `=`), else kept as an opaque span.
  package func formatParts(_ literal: PyStringLiteral) -> [PyFStringPart] {
    var parts: [PyFStringPart] = []
    var textBytes: [UInt8] = []
    var offset = literal.body.lowerBound
    let end = literal.body.upperBound
    let open = UInt8(ascii: "{")
    let close = UInt8(ascii: "}")
    while offset < end {
      let current = bytes[offset]
      if current == open && offset + 1 < end && bytes[offset + 1] == open {
        textBytes.append(open)
        offset += 2
      } else if current == close && offset + 1 < end && bytes[offset + 1] == close {
        textBytes.append(close)
        offset += 2
      } else if current == open {
        if !textBytes.isEmpty {
          let chunk = PyStringLiteral.decode(
            textBytes, raw: literal.isRaw, bytesMode: false)
          parts.append(.text(String(decoding: chunk, as: UTF8.self)))
          textBytes.removeAll()
        }
        let fieldStart = offset + 1
        var depth = 0
        var quote: UInt8 = 0
        var expressionEnd: Int?
        var cursor = fieldStart
        while cursor < end {
          let byte = bytes[cursor]
          if quote != 0 {
            if byte == UInt8(ascii: "\\") {
              cursor += 1
            } else if byte == quote {
              quote = 0
            }
          } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
            quote = byte
          } else if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == open {
            depth += 1
          } else if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") {
            depth -= 1
          } else if byte == close {
            if depth == 0 { break }
            depth -= 1
          } else if depth == 0 && expressionEnd == nil {
            let next = cursor + 1 < end ? bytes[cursor + 1] : 0
            if (byte == UInt8(ascii: "!") && next != UInt8(ascii: "="))
              || byte == UInt8(ascii: ":")
              || (byte == UInt8(ascii: "=") && next != UInt8(ascii: "=")
                && !"=!<>".utf8.contains(bytes[cursor - 1]))
            {
              expressionEnd = cursor
            }
          }
          cursor += 1
        }
        let fieldEnd = min(cursor, end)
        let fieldSpan = Span(offset, min(fieldEnd + 1, end))
        let expression = expressionEnd == nil ? parseField(fieldStart..<fieldEnd) : nil
        parts.append(.field(expression, fieldSpan))
        offset = fieldEnd + 1
      } else {
        textBytes.append(current)
        offset += 1
      }
    }
    if !textBytes.isEmpty {
      let chunk = PyStringLiteral.decode(textBytes, raw: literal.isRaw, bytesMode: false)
      parts.append(.text(String(decoding: chunk, as: UTF8.self)))
    }
    return parts
  }

  package func parseField(_ range: Range<Int>) -> PyExpr? {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09) { lower += 1 }
    while upper > lower && (bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09) { upper -= 1 }
    guard lower < upper, depth < PythonParser.maximumDepth - 10 else { return nil }
    let stream = PythonTokenizer.tokenize(bytes: bytes, path: path, range: lower..<upper)
    guard stream.diagnostics.isEmpty else { return nil }
    let significant = stream.tokens.filter { $0.kind != .nl && $0.kind != .comment }
    var parser = PyParser(bytes: bytes, path: path, tokens: significant)
    parser.depth = depth + 1
    do {
      let value = try parser.parseStarExpressions()
      guard parser.peek.kind == .newline || parser.peek.kind == .endMarker else { return nil }
      return value
    } catch {
      return nil
    }
  }
}

/// The pieces of one string token: prefix flags and the byte range of its body.
package struct PyStringLiteral {
  package var isRaw = false
  package var isBytes = false
  package var isFormat = false
  package var body: Range<Int>
  package let bytes: [UInt8]

  package init(bytes: [UInt8], span: Span) {
    self.bytes = bytes
    var offset = span.start
    while offset < span.end && bytes[offset] != UInt8(ascii: "'")
      && bytes[offset] != UInt8(ascii: "\"")
    {
      switch bytes[offset] | 0x20 {
      case UInt8(ascii: "r"): isRaw = true
      case UInt8(ascii: "b"): isBytes = true
      case UInt8(ascii: "f"): isFormat = true
      default: break
      }
      offset += 1
    }
    let quote = offset < span.end ? bytes[offset] : 0
    let triple =
      span.end - offset >= 6 && bytes[offset + 1] == quote && bytes[offset + 2] == quote
    let quoteLength = triple ? 3 : 1
    let lower = min(offset + quoteLength, span.end)
    let upper = max(lower, span.end - quoteLength)
    body = lower..<upper
  }

  package var hasNamedEscape: Bool {
    var index = body.lowerBound
    while index + 2 < body.upperBound {
      if bytes[index] == UInt8(ascii: "\\") {
        if bytes[index + 1] == UInt8(ascii: "N") && bytes[index + 2] == UInt8(ascii: "{") {
          return true
        }
        index += 2
      } else {
        index += 1
      }
    }
    return false
  }

  package func decodedText() -> String {
    String(decoding: Self.decode(Array(bytes[body]), raw: isRaw, bytesMode: false), as: UTF8.self)
  }

  package func decodedBytes() -> [UInt8] {
    Self.decode(Array(bytes[body]), raw: isRaw, bytesMode: true)
  }

  package static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }

  package static func appendScalar(_ value: UInt32, to output: inout [UInt8], bytesMode: Bool) {
    if bytesMode {
      output.append(UInt8(truncatingIfNeeded: value))
      return
    }
    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
    output.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  /// Applies Python escape sequences to a string body (raw bodies are returned as they are).
  package static func decode(_ body: [UInt8], raw: Bool, bytesMode: Bool) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(body.count)
    var crlfNormalised: [UInt8] = []
    crlfNormalised.reserveCapacity(body.count)
    var index = 0
    while index < body.count {
      if body[index] == UInt8(ascii: "\r") {
        crlfNormalised.append(UInt8(ascii: "\n"))
        if index + 1 < body.count && body[index + 1] == UInt8(ascii: "\n") { index += 1 }
      } else {
        crlfNormalised.append(body[index])
      }
      index += 1
    }
    let source = crlfNormalised
    if raw || !source.contains(UInt8(ascii: "\\")) { return source }
    index = 0
    while index < source.count {
      let byte = source[index]
      guard byte == UInt8(ascii: "\\"), index + 1 < source.count else {
        output.append(byte)
        index += 1
        continue
      }
      let next = source[index + 1]
      index += 2
      switch next {
      case UInt8(ascii: "\n"): break
      case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
      case UInt8(ascii: "'"): output.append(UInt8(ascii: "'"))
      case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
      case UInt8(ascii: "a"): output.append(0x07)
      case UInt8(ascii: "b"): output.append(0x08)
      case UInt8(ascii: "f"): output.append(0x0C)
      case UInt8(ascii: "n"): output.append(0x0A)
      case UInt8(ascii: "r"): output.append(0x0D)
      case UInt8(ascii: "t"): output.append(0x09)
      case UInt8(ascii: "v"): output.append(0x0B)
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        var value = UInt32(next - UInt8(ascii: "0"))
        var digits = 1
        while digits < 3 && index < source.count && source[index] >= UInt8(ascii: "0")
          && source[index] <= UInt8(ascii: "7")
        {
          value = value * 8 + UInt32(source[index] - UInt8(ascii: "0"))
          index += 1
          digits += 1
        }
        appendScalar(value, to: &output, bytesMode: bytesMode)
      case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
        if bytesMode && next != UInt8(ascii: "x") {
          output.append(UInt8(ascii: "\\"))
          output.append(next)
          break
        }
        let width = next == UInt8(ascii: "x") ? 2 : next == UInt8(ascii: "u") ? 4 : 8
        var value: UInt32 = 0
        var valid = index + width <= source.count
        if valid {
          for offset in 0..<width {
            guard let digit = hexValue(source[index + offset]) else {
              valid = false
              break
            }
            value = value &* 16 &+ digit
          }
        }
        if valid {
          appendScalar(value, to: &output, bytesMode: bytesMode)
          index += width
        } else {
          output.append(UInt8(ascii: "\\"))
          output.append(next)
        }
      default:
        output.append(UInt8(ascii: "\\"))
        output.append(next)
      }
    }
    return output
  }
}
