import EBCheckCore

extension PySyntax {
  /// Whether any expression inside the statement (not inside nested defs) satisfies `test`.
  package static func contains(_ statement: PyStmt, where test: (PyExpr) -> Bool) -> Bool {
    children(of: statement).contains { contains($0, where: test) }
      || nestedStatements(of: statement).contains { contains($0, where: test) }
  }

  package static func contains(_ expr: PyExpr, where test: (PyExpr) -> Bool) -> Bool {
    var stack = [expr]
    while let next = stack.popLast() {
      if test(next) { return true }
      stack += children(of: next)
    }
    return false
  }

  package static func children(of statement: PyStmt) -> [PyExpr] {
    switch statement.kind {
    case .expression(let value): [value]
    case .assign(let targets, let value): targets + [value]
    case .augmentedAssign(let target, _, let value): [target, value]
    case .annotatedAssign(let target, _, let value): [target] + (value.map { [$0] } ?? [])
    case .ifStatement(let test, _, _), .whileLoop(let test, _, _): [test]
    case .forLoop(let target, let iterable, _, _, _): [target, iterable]
    case .with(let items, _, _): items.flatMap { [$0.context] + ($0.target.map { [$0] } ?? []) }
    case .returnStatement(let value): value.map { [$0] } ?? []
    case .raise(let exception, let cause): [exception, cause].compactMap { $0 }
    case .assert(let test, let message): [test] + (message.map { [$0] } ?? [])
    case .delete(let targets): targets
    default: []
    }
  }

  package static func nestedStatements(of statement: PyStmt) -> [PyStmt] {
    switch statement.kind {
    case .ifStatement(_, let body, let orElse), .whileLoop(_, let body, let orElse),
      .forLoop(_, _, let body, let orElse, _):
      body + orElse
    case .tryStatement(let body, let handlers, let orElse, let finally):
      body + handlers.flatMap(\.body) + orElse + finally
    case .with(_, let body, _): body
    default: []
    }
  }

  package static func children(of expr: PyExpr) -> [PyExpr] {
    switch expr.kind {
    case .attribute(let base, _, _): return [base]
    case .call(let function, let arguments): return [function] + arguments.map(\.value)
    case .subscription(let base, let index): return [base, index]
    case .slice(let lower, let upper, let step): return [lower, upper, step].compactMap { $0 }
    case .list(let items), .tuple(let items), .set(let items): return items
    case .dict(let items): return items.flatMap { [$0.key, $0.value].compactMap { $0 } }
    case .listComprehension(let element, let clauses), .setComprehension(let element, let clauses),
      .generator(let element, let clauses):
      return [element] + clauses.flatMap { [$0.target, $0.iterable] + $0.conditions }
    case .dictComprehension(let key, let value, let clauses):
      return [key, value] + clauses.flatMap { [$0.target, $0.iterable] + $0.conditions }
    case .lambda(_, let body): return [body]
    case .conditional(let test, let body, let orElse): return [test, body, orElse]
    case .boolOp(_, let values): return values
    case .compare(let left, let comparisons): return [left] + comparisons.map(\.right)
    case .binary(let left, _, let right): return [left, right]
    case .unary(_, let operand), .await(let operand), .starred(let operand),
      .doubleStarred(let operand):
      return [operand]
    case .yield(let value, _): return value.map { [$0] } ?? []
    case .namedExpr(_, let value): return [value]
    case .string(.format(let parts)):
      return parts.compactMap {
        if case .field(let inner?, _) = $0 { return inner }
        return nil
      }
    default: return []
    }
  }
}

extension PySyntax {
  /// The expression whose span is exactly `span`, searching every statement.
  package static func expression(at span: Span, in statements: [PyStmt]) -> PyExpr? {
    var pending = statements
    while let statement = pending.popLast() {
      guard statement.span.start <= span.start, span.end <= statement.span.end else { continue }
      for root in children(of: statement) {
        var stack = [root]
        while let expr = stack.popLast() {
          if expr.span == span { return expr }
          if expr.span.start <= span.start, span.end <= expr.span.end {
            stack += children(of: expr)
          }
        }
      }
      pending += nestedStatements(of: statement)
      if case .functionDef(let function) = statement.kind { pending += function.body }
      if case .classDef(let definition) = statement.kind { pending += definition.body }
    }
    return nil
  }
}
