import EBCheckCore

/// A call found in a module, with the function whose body holds it (nil at module level or
/// in a class body) and the index of the body statement that contains it.
package struct PyFoundCall {
  package var call: PyExpr
  package var function: PyFunctionDef?
  package var statementIndex: Int
  /// `name = <this call>` when the call is assigned to a plain name.
  package var assignedName: String?
}

/// Walks a module's statements and expressions for calls whose callee is named (as a plain
/// name or the last attribute) one of `names`.
package struct PyCallFinder {
  package let names: Set<String>
  package var found: [PyFoundCall] = []
  var visited = 0
  static let maxNodes = 500_000

  package init(names: Set<String>) { self.names = names }

  package static func calledName(_ callee: PyExpr) -> String? {
    switch callee.kind {
    case .name(let name): name
    case .attribute(_, let name, _): name
    default: nil
    }
  }

  package mutating func visit(_ statements: [PyStmt], in function: PyFunctionDef?, depth: Int = 0) {
    guard depth < 64 else { return }
    for (index, statement) in statements.enumerated() {
      var assigned: String?
      if case .assign(let targets, _) = statement.kind, targets.count == 1,
        case .name(let name) = targets[0].kind
      {
        assigned = name
      }
      switch statement.kind {
      case .functionDef(let definition):
        for decorator in definition.decorators { visit(decorator, function, index, nil, 0) }
        visit(definition.body, in: definition, depth: depth + 1)
        continue
      case .classDef(let definition):
        for base in definition.bases { visit(base.value, function, index, nil, 0) }
        visit(definition.body, in: nil, depth: depth + 1)
        continue
      default:
        break
      }
      for expression in Self.expressions(of: statement) {
        visit(expression, function, index, assigned, 0)
      }
      for body in Self.bodies(of: statement) {
        // Nested blocks share the function; the containing statement is the outer one.
        var inner = PyCallFinder(names: names)
        inner.visited = visited
        inner.visit(body, in: function, depth: depth + 1)
        visited = inner.visited
        found += inner.found.map { call in
          var moved = call
          if call.function == function { moved.statementIndex = index }
          return moved
        }
      }
    }
  }

  mutating func visit(
    _ expression: PyExpr, _ function: PyFunctionDef?, _ index: Int, _ assigned: String?,
    _ depth: Int
  ) {
    visited += 1
    guard visited < Self.maxNodes, depth < 200 else { return }
    if case .call(let callee, _) = expression.kind, let name = Self.calledName(callee),
      names.contains(name)
    {
      found.append(
        PyFoundCall(
          call: expression, function: function, statementIndex: index,
          assignedName: depth == 0 ? assigned : nil))
    }
    for child in Self.children(of: expression) {
      visit(child, function, index, nil, depth + 1)
    }
  }

  package static func expressions(of statement: PyStmt) -> [PyExpr] {
    switch statement.kind {
    case .expression(let expression): [expression]
    case .assign(let targets, let value): targets + [value]
    case .augmentedAssign(let target, _, let value): [target, value]
    case .annotatedAssign(let target, _, let value): [target] + (value.map { [$0] } ?? [])
    case .ifStatement(let test, _, _): [test]
    case .with(let items, _, _): items.map(\.context)
    case .forLoop(_, let iterable, _, _, _): [iterable]
    case .whileLoop(let test, _, _): [test]
    case .returnStatement(let value): value.map { [$0] } ?? []
    default: []
    }
  }

  package static func bodies(of statement: PyStmt) -> [[PyStmt]] {
    switch statement.kind {
    case .ifStatement(_, let body, let orElse): [body, orElse]
    case .tryStatement(let body, let handlers, let orElse, let finally):
      [body] + handlers.map(\.body) + [orElse, finally]
    case .with(_, let body, _): [body]
    case .forLoop(_, _, let body, let orElse, _): [body, orElse]
    case .whileLoop(_, let body, let orElse): [body, orElse]
    default: []
    }
  }

  package static func children(of expression: PyExpr) -> [PyExpr] {
    switch expression.kind {
    case .attribute(let base, _, _): return [base]
    case .call(let callee, let arguments): return [callee] + arguments.map(\.value)
    case .subscription(let base, let index): return [base, index]
    case .slice(let lower, let upper, let step): return [lower, upper, step].compactMap { $0 }
    case .list(let items), .tuple(let items), .set(let items): return items
    case .dict(let items): return items.flatMap { ($0.key.map { [$0] } ?? []) + [$0.value] }
    case .listComprehension(let element, let clauses), .setComprehension(let element, let clauses),
      .generator(let element, let clauses):
      return [element] + clauses.flatMap { [$0.iterable] + $0.conditions }
    case .dictComprehension(let key, let value, let clauses):
      return [key, value] + clauses.flatMap { [$0.iterable] + $0.conditions }
    case .lambda(_, let body): return [body]
    case .conditional(let test, let body, let orElse): return [test, body, orElse]
    case .boolOp(_, let values): return values
    case .compare(let first, let rest): return [first] + rest.map(\.right)
    case .binary(let left, _, let right): return [left, right]
    case .unary(_, let operand), .await(let operand), .starred(let operand),
      .doubleStarred(let operand):
      return [operand]
    case .yield(let value, _): return value.map { [$0] } ?? []
    case .namedExpr(_, let value): return [value]
    default: return []
    }
  }
}
