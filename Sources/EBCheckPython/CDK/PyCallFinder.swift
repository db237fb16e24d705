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
      for expression in PySyntax.children(of: statement) {
        visit(expression, function, index, assigned, 0)
      }
      let nested = PySyntax.nestedStatements(of: statement)
      guard !nested.isEmpty else { continue }
      // Nested blocks share the function; the containing statement is the outer one.
      var inner = PyCallFinder(names: names)
      inner.visited = visited
      inner.visit(nested, in: function, depth: depth + 1)
      visited = inner.visited
      found += inner.found.map { call in
        var moved = call
        if call.function == function { moved.statementIndex = index }
        return moved
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
    for child in PySyntax.children(of: expression) {
      visit(child, function, index, nil, depth + 1)
    }
  }
}
