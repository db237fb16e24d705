import EBCheckCore

extension HCLParser {
  static let binaryLevels: [[HCLBinaryOperator]] = [
    [.or], [.and], [.equal, .notEqual], [.less, .greater, .lessOrEqual, .greaterOrEqual],
    [.add, .subtract], [.multiply, .divide, .modulo],
  ]

  mutating func parseExpression() throws(HCLSyntaxError) -> HCLExpression {
    let start = peek()
    try enter(start)
    defer { depth -= 1 }
    let condition = try parseBinary(level: 0)
    guard peek().isSymbol("?") else { return condition }
    advance()
    let yes = try parseExpression()
    _ = try expect(":", "between the two results of a conditional")
    let no = try parseExpression()
    return HCLExpression(.conditional(condition, yes, no), condition.span.union(no.span))
  }

  mutating func parseBinary(level: Int) throws(HCLSyntaxError) -> HCLExpression {
    guard level < Self.binaryLevels.count else { return try parseUnary() }
    var left = try parseBinary(level: level + 1)
    var chained = 0
    while case .symbol(let symbol) = peek().kind,
      let op = HCLBinaryOperator(rawValue: symbol), Self.binaryLevels[level].contains(op)
    {
      let token = advance()
      chained += 1
      if chained > limits.maxDepth * 4 {
        throw HCLSyntaxError("more than \(limits.maxDepth * 4) chained operators", at: token.span)
      }
      let right = try parseBinary(level: level + 1)
      left = HCLExpression(.binary(op, left, right), left.span.union(right.span))
    }
    return left
  }

  mutating func parseUnary() throws(HCLSyntaxError) -> HCLExpression {
    let token = peek()
    if case .symbol(let symbol) = token.kind, let op = HCLUnaryOperator(rawValue: symbol) {
      advance()
      try enter(token)
      defer { depth -= 1 }
      let operand = try parseUnary()
      return HCLExpression(.unary(op, operand), token.span.union(operand.span))
    }
    return try parsePostfix(try parsePrimary())
  }

  /// `.name`, `.0`, `[index]`, `.*`, `[*]` after a value.
  mutating func parsePostfix(_ root: HCLExpression) throws(HCLSyntaxError) -> HCLExpression {
    var steps: [HCLTraversalStep] = []
    var end = root.span.end
    while true {
      // A traversal continues only on the same line, right after the value.
      let token = scanner.token(at: position)
      if token.isSymbol(".") {
        advance()
        let name = scanner.token(at: position)
        switch name.kind {
        case .identifier:
          steps.append(.attribute(text(name.span)))
        case .number:
          let digits = text(name.span)
          guard digits.allSatisfy(\.isNumber) else {
            throw HCLSyntaxError("expected an attribute name after '.'", at: name.span)
          }
          steps.append(.index(HCLExpression(.number(digits), name.span)))
        case .symbol("*"):
          steps.append(.splat)
        default:
          throw failure("expected an attribute name after '.'", name)
        }
        position = name.span.end
        end = name.span.end
      } else if token.isSymbol("[") {
        advance()
        newlinesIgnored += 1
        defer { newlinesIgnored -= 1 }
        if peek().isSymbol("*") {
          advance()
          steps.append(.splat)
        } else {
          steps.append(.index(try parseExpression()))
        }
        end = try expect("]", "to close the index").span.end
      } else {
        break
      }
      if steps.count > limits.maxDepth * 4 {
        throw HCLSyntaxError("traversal longer than \(limits.maxDepth * 4) steps", at: token.span)
      }
    }
    guard !steps.isEmpty else { return root }
    return HCLExpression(.traversal(root, steps), Span(root.span.start, end))
  }

  mutating func parsePrimary() throws(HCLSyntaxError) -> HCLExpression {
    let token = peek()
    switch token.kind {
    case .number:
      advance()
      return HCLExpression(.number(text(token.span)), token.span)
    case .identifier:
      advance()
      return try parseIdentifier(token)
    case .quote:
      return try parseTemplate()
    case .heredoc(let marker, let flush):
      return try parseHeredoc(token, marker: marker, flush: flush)
    case .symbol("("):
      advance()
      newlinesIgnored += 1
      defer { newlinesIgnored -= 1 }
      let inner = try parseExpression()
      let close = try expect(")", "to close the parenthesis")
      return HCLExpression(.parentheses(inner), token.span.union(close.span))
    case .symbol("["):
      return try parseTuple()
    case .symbol("{"):
      return try parseObject()
    default:
      throw failure("expected an expression", token)
    }
  }

  mutating func parseIdentifier(_ token: HCLToken) throws(HCLSyntaxError) -> HCLExpression {
    var name = text(token.span)
    switch name {
    case "true": return HCLExpression(.bool(true), token.span)
    case "false": return HCLExpression(.bool(false), token.span)
    case "null": return HCLExpression(.null, token.span)
    default: break
    }
    // `provider::namespace::function(...)` names a provider function.
    var end = token.span.end
    while scanner.token(at: position).isSymbol("::") {
      advance()
      let part = scanner.token(at: position)
      guard part.kind == .identifier else {
        throw failure("expected a function name after '::'", part)
      }
      position = part.span.end
      name += "::" + text(part.span)
      end = part.span.end
    }
    guard scanner.token(at: position).isSymbol("(") else {
      if name.contains("::") {
        throw failure("expected '(' after the function name", scanner.token(at: position))
      }
      return HCLExpression(.variable(name), token.span)
    }
    advance()
    newlinesIgnored += 1
    defer { newlinesIgnored -= 1 }
    var arguments: [HCLExpression] = []
    var expandsFinal = false
    while !peek().isSymbol(")") {
      arguments.append(try parseExpression())
      if peek().isSymbol("...") {
        advance()
        expandsFinal = true
        break
      }
      guard peek().isSymbol(",") else { break }
      advance()
    }
    let close = try expect(")", "to close the arguments of \(name)")
    _ = end
    return HCLExpression(
      .call(name, arguments, expandsFinal: expandsFinal), token.span.union(close.span))
  }

  mutating func parseTuple() throws(HCLSyntaxError) -> HCLExpression {
    let open = advance()
    newlinesIgnored += 1
    defer { newlinesIgnored -= 1 }
    if isForKeyword(peek()) {
      let forExpression = try parseFor(object: false)
      let close = try expect("]", "to close the for expression")
      return HCLExpression(.forExpression(forExpression), open.span.union(close.span))
    }
    var items: [HCLExpression] = []
    while !peek().isSymbol("]") {
      items.append(try parseExpression())
      guard peek().isSymbol(",") else { break }
      advance()
    }
    let close = try expect("]", "to close the list")
    return HCLExpression(.tuple(items), open.span.union(close.span))
  }

  mutating func parseObject() throws(HCLSyntaxError) -> HCLExpression {
    let open = advance()
    let saved = newlinesIgnored
    newlinesIgnored = 0
    defer { newlinesIgnored = saved }
    skipNewlines()
    if isForKeyword(peek()) {
      newlinesIgnored = 1
      let forExpression = try parseFor(object: true)
      let close = try expect("}", "to close the for expression")
      return HCLExpression(.forExpression(forExpression), open.span.union(close.span))
    }
    var items: [HCLObjectItem] = []
    while true {
      skipNewlines()
      if peek().isSymbol("}") { break }
      let key = try parseObjectKey()
      let separator = peek()
      guard separator.isSymbol("=") || separator.isSymbol(":") else {
        throw failure("expected '=' or ':' after the object key", separator)
      }
      advance()
      let value = try parseExpression()
      items.append(HCLObjectItem(key: key, value: value))
      let after = peek()
      if after.isSymbol(",") || after.kind == .newline {
        advance()
        continue
      }
      guard after.isSymbol("}") else {
        throw failure("expected ',', a newline or '}' after the object item", after)
      }
    }
    let close = advance()
    return HCLExpression(.object(items), open.span.union(close.span))
  }

  /// A bare word key is the string it spells; any other expression is evaluated.
  mutating func parseObjectKey() throws(HCLSyntaxError) -> HCLExpression {
    let token = peek()
    if token.kind == .identifier {
      let next = scanner.token(at: token.span.end)
      if next.isSymbol("=") || next.isSymbol(":") {
        advance()
        let name = text(token.span)
        return HCLExpression(.template([.literal(name, token.span)], exact: true), token.span)
      }
    }
    return try parseExpression()
  }

  func isForKeyword(_ token: HCLToken) -> Bool {
    guard token.kind == .identifier, text(token.span) == "for" else { return false }
    let next = scanner.token(at: token.span.end)
    return next.kind == .identifier
  }

  /// After `[` or `{`: `for k, v in collection : …`.
  mutating func parseFor(object: Bool) throws(HCLSyntaxError) -> HCLForExpression {
    let keyword = advance()
    try enter(keyword)
    defer { depth -= 1 }
    let first = advance()
    guard first.kind == .identifier else { throw failure("expected a name after 'for'", first) }
    var keyName: String?
    var valueName = text(first.span)
    if peek().isSymbol(",") {
      advance()
      let second = advance()
      guard second.kind == .identifier else { throw failure("expected a second name", second) }
      keyName = valueName
      valueName = text(second.span)
    }
    let inKeyword = advance()
    guard inKeyword.kind == .identifier, text(inKeyword.span) == "in" else {
      throw failure("expected 'in' in the for expression", inKeyword)
    }
    let collection = try parseExpression()
    _ = try expect(":", "after the collection of the for expression")
    var keyExpression: HCLExpression?
    var valueExpression = try parseExpression()
    var grouping = false
    if object {
      _ = try expect("=>", "between the key and the value of the for expression")
      keyExpression = valueExpression
      valueExpression = try parseExpression()
      if peek().isSymbol("...") {
        advance()
        grouping = true
      }
    }
    var condition: HCLExpression?
    let next = peek()
    if next.kind == .identifier, text(next.span) == "if" {
      advance()
      condition = try parseExpression()
    }
    return HCLForExpression(
      keyName: keyName, valueName: valueName, collection: collection, keyExpression: keyExpression,
      valueExpression: valueExpression, condition: condition, grouping: grouping)
  }
}
