import EBCheckCore

extension PyInterpreter {
  /// What a `for` loop or a comprehension iterates: `d.items()`, `d.keys()` and `d.values()`
  /// of a literal dict iterate as the pairs, keys and values (the views themselves are not
  /// modelled as values: their repr and behaviour differ from lists).
  package mutating func iterated(_ expression: PyExpr, _ frame: Frame, statement: Location)
    -> PyValue
  {
    guard case .call(let callee, let arguments) = expression.kind, arguments.isEmpty,
      case .attribute(let base, let method, _) = callee.kind,
      ["items", "keys", "values"].contains(method),
      case .dict(let entries) = evaluate(base, frame, statement: statement).pyValue,
      !PyValue.dict(entries).hasUnknown
    else { return evaluate(expression, frame, statement: statement).pyValue }
    switch method {
    case "items":
      return .list(
        entries.map {
          PyElement(.tuple([PyElement($0.key), PyElement($0.value, $0.location)]), $0.location)
        })
    case "keys":
      return .list(entries.map { PyElement($0.key) })
    default:
      return .list(entries.map { PyElement($0.value, $0.location) })
    }
  }
}
