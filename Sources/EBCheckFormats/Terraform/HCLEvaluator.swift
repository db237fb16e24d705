import EBCheckCore

/// What names mean while evaluating: `var.*`, `local.*`, and iterators (`each`, a dynamic
/// block's iterator, a `for` expression's names).
public struct HCLScope: Sendable {
  public var variables: [String: HCLValue] = [:]
  /// Why a variable has no value, by name (no default and no `.tfvars` value).
  public var unsetVariables: [String: String] = [:]
  public var locals: [String: HCLSourcedExpression] = [:]
  public var iterators: [String: HCLValue] = [:]
  /// What `path.module` is, relative to the root module's folder (where Terraform runs), when
  /// a reader needs the paths a module writes; nil: `.`.
  public var modulePath: String? = nil

  public init() {}
}

/// Steps left for one reading; a reference so that every copy of an evaluator draws on it.
final class HCLBudget: @unchecked Sendable {
  private var remaining: Int

  init(_ steps: Int) { remaining = steps }

  /// Takes one step; false once none are left.
  func spend() -> Bool {
    remaining -= 1
    return remaining > 0
  }
}

/// An expression and the file it was written in.
public struct HCLSourcedExpression: Sendable, Hashable {
  public var expression: HCLExpression
  public var path: String

  public init(_ expression: HCLExpression, in path: String) {
    self.expression = expression
    self.path = path
  }
}

/// Evaluates expressions over literal values; whatever depends on what Terraform learns only
/// when it runs is unknown, with the reason.
public struct HCLEvaluator: Sendable {
  public var scope: HCLScope
  /// Evaluation steps left, shared by every copy of this evaluator (one per setting block or
  /// instance): a for expression over a huge literal cannot run away.
  let budget: HCLBudget
  var localCache: [String: HCLValue] = [:]
  var evaluatingLocals: [String] = []
  var depth = 0

  /// Steps one value (an attribute, a local) may take, and all of them together per reading.
  public static let maxSteps = 200_000
  public static let maxTotalSteps = 2_000_000
  /// Steps left for the value being evaluated now.
  var taskSteps = HCLEvaluator.maxSteps
  static let maxDepth = 96
  static let maxCollection = 10_000

  public init(scope: HCLScope, budget: Int = HCLEvaluator.maxSteps) {
    self.scope = scope
    self.budget = HCLBudget(max(budget, Self.maxTotalSteps))
    self.taskSteps = budget
  }

  /// Evaluates every local once, so copies made afterwards share the results.
  public mutating func evaluateLocals() {
    for name in scope.locals.keys.sorted() { _ = local(name) }
  }

  public mutating func evaluate(_ sourced: HCLSourcedExpression) -> HCLValue {
    evaluate(sourced.expression, in: sourced.path)
  }

  public mutating func evaluate(_ expression: HCLExpression, in path: String) -> HCLValue {
    if depth == 0 { taskSteps = Self.maxSteps }
    taskSteps -= 1
    guard taskSteps > 0, budget.spend() else {
      return .unknown("ebcheck's evaluation limit was reached")
    }
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else { return .unknown("expression nested too deeply") }
    let here = Location(file: path, span: expression.span)
    switch expression.kind {
    case .number(let text):
      guard let number = Double(text) else { return .unknown("number \(text) out of range") }
      return HCLValue(.number(number), origin: here)
    case .bool(let flag):
      return HCLValue(.bool(flag), origin: here)
    case .null:
      return HCLValue(.null, origin: here)
    case .template(let parts, let exact):
      return template(parts, exact: exact, at: here, in: path)
    case .variable(let name):
      return root(name, at: expression)
    case .traversal(let base, let steps):
      return traverse(base, steps, in: path)
    case .call(let name, let arguments, let expands):
      var values = arguments.map { evaluate($0, in: path) }
      if expands, let last = values.popLast() {
        guard let items = last.elements else {
          return .unknown(last.unknownReason ?? "the expanded argument of \(name) is not a list")
        }
        values += items
      }
      return HCLFunctions.call(name, values)
    case .tuple(let items):
      return HCLValue(.tuple(items.map { evaluate($0, in: path) }))
    case .object(let items):
      var entries: [HCLObjectEntry] = []
      for item in items {
        let key = evaluate(item.key, in: path)
        guard let text = key.settingText else {
          return .unknown(key.unknownReason ?? "an object key is not a string")
        }
        entries.removeAll { $0.key == text }
        entries.append(HCLObjectEntry(key: text, value: evaluate(item.value, in: path)))
      }
      return HCLValue(.object(entries))
    case .forExpression(let forExpression):
      return evaluateFor(forExpression, in: path)
    case .conditional(let condition, let yes, let no):
      let test = evaluate(condition, in: path)
      guard case .bool(let flag) = test.kind else {
        return .unknown(test.unknownReason ?? "the condition is not a bool")
      }
      return evaluate(flag ? yes : no, in: path)
    case .binary(let op, let left, let right):
      return HCLOperations.binary(op, evaluate(left, in: path), evaluate(right, in: path))
    case .unary(let op, let operand):
      return HCLOperations.unary(op, evaluate(operand, in: path))
    case .parentheses(let inner):
      return evaluate(inner, in: path)
    }
  }

  mutating func template(
    _ parts: [HCLTemplatePart], exact: Bool, at here: Location, in path: String
  ) -> HCLValue {
    var text = ""
    for part in parts {
      switch part {
      case .literal(let literal, _):
        text += literal
      case .interpolation(let inner):
        let value = evaluate(inner, in: path)
        // A template holding only one interpolation is that value, whatever its type.
        if parts.count == 1 { return value }
        guard let piece = value.settingText else {
          return .unknown(value.unknownReason ?? "a \(value.typeName) cannot be interpolated")
        }
        text += piece
      case .directive:
        return .unknown("template directives (%{ if }, %{ for }) are not evaluated")
      }
    }
    return HCLValue(.string(text), origin: exact ? here : nil)
  }

  /// A bare name: an iterator, or the start of `var.`, `local.`, `path.`, a resource.
  mutating func root(_ name: String, at expression: HCLExpression) -> HCLValue {
    if let value = scope.iterators[name] { return value }
    switch name {
    case "var", "local", "path", "terraform", "each", "count", "self", "data", "module":
      return .unknown("\(name) needs an attribute")
    default:
      return .unknown("\(name) is not a value ebcheck knows")
    }
  }

  mutating func traverse(_ base: HCLExpression, _ steps: [HCLTraversalStep], in path: String)
    -> HCLValue
  {
    var value: HCLValue
    var rest = steps[...]
    if case .variable(let name) = base.kind, scope.iterators[name] == nil,
      case .attribute(let attribute)? = rest.first
    {
      rest = rest.dropFirst()
      value = named(name, attribute)
    } else {
      value = evaluate(base, in: path)
    }
    for step in rest {
      if value.isUnknown { return value }
      switch step {
      case .attribute(let key):
        guard let next = value[key] else {
          return .unknown("a \(value.typeName) has no attribute \(key)")
        }
        value = next
      case .index(let indexExpression):
        let index = evaluate(indexExpression, in: path)
        value = HCLOperations.index(value, index)
      case .splat:
        return .unknown("splat expressions are not evaluated")
      }
    }
    return value
  }

  /// `var.x`, `local.y`, `path.module`, `each.key`, and resource references (unknown).
  mutating func named(_ root: String, _ attribute: String) -> HCLValue {
    switch root {
    case "var":
      if let value = scope.variables[attribute] { return value }
      return .unknown(
        scope.unsetVariables[attribute]
          ?? "var.\(attribute) is not declared (no variable \"\(attribute)\" block)")
    case "local":
      return local(attribute)
    case "path":
      if attribute == "cwd" { return .unknown("path.cwd is where Terraform runs") }
      if attribute == "module", let modulePath = scope.modulePath {
        return HCLValue(.string(modulePath))
      }
      return HCLValue(.string("."))
    case "terraform":
      return .unknown("terraform.\(attribute) is chosen when Terraform runs")
    case "count":
      return .unknown("count.\(attribute) depends on the instance")
    case "data":
      return .unknown("data.\(attribute) is read when Terraform plans")
    case "module":
      return .unknown("module.\(attribute) outputs are known when Terraform applies")
    case "each", "self":
      return .unknown("\(root).\(attribute) is not available here")
    default:
      return .unknown("\(root).\(attribute) is known only after Terraform applies")
    }
  }

  mutating func local(_ name: String) -> HCLValue {
    if let cached = localCache[name] { return cached }
    guard let sourced = scope.locals[name] else {
      return .unknown("local.\(name) is not defined in a locals block")
    }
    if evaluatingLocals.contains(name) {
      return .unknown("local.\(name) refers to itself")
    }
    evaluatingLocals.append(name)
    let savedIterators = scope.iterators
    let (savedDepth, savedSteps) = (depth, taskSteps)
    scope.iterators = [:]
    // A local is a value of its own: its own step allowance, whoever reads it first.
    depth = 0
    let value = evaluate(sourced)
    (depth, taskSteps) = (savedDepth, savedSteps)
    scope.iterators = savedIterators
    evaluatingLocals.removeLast()
    localCache[name] = value
    return value
  }

  mutating func evaluateFor(_ expression: HCLForExpression, in path: String) -> HCLValue {
    let collection = evaluate(expression.collection, in: path)
    guard let pairs = Self.iteration(collection) else {
      return .unknown(collection.unknownReason ?? "a for expression needs a list or a map")
    }
    let saved = scope.iterators
    defer { scope.iterators = saved }
    var items: [HCLValue] = []
    var entries: [HCLObjectEntry] = []
    for (key, value) in pairs {
      if let keyName = expression.keyName { scope.iterators[keyName] = key }
      scope.iterators[expression.valueName] = value
      if let condition = expression.condition {
        let test = evaluate(condition, in: path)
        guard case .bool(let keep) = test.kind else {
          return .unknown(test.unknownReason ?? "a for condition is not a bool")
        }
        if !keep { continue }
      }
      let result = evaluate(expression.valueExpression, in: path)
      if let keyExpression = expression.keyExpression {
        let keyValue = evaluate(keyExpression, in: path)
        guard let text = keyValue.settingText else {
          return .unknown(keyValue.unknownReason ?? "a for expression key is not a string")
        }
        if expression.grouping {
          if let index = entries.firstIndex(where: { $0.key == text }),
            case .tuple(let group) = entries[index].value.kind
          {
            entries[index].value = HCLValue(.tuple(group + [result]))
          } else {
            entries.append(HCLObjectEntry(key: text, value: HCLValue(.tuple([result]))))
          }
        } else {
          entries.removeAll { $0.key == text }
          entries.append(HCLObjectEntry(key: text, value: result))
        }
      } else {
        items.append(result)
      }
    }
    if expression.keyExpression != nil {
      return HCLValue(.object(entries.sorted { $0.key < $1.key }))
    }
    return HCLValue(.tuple(items))
  }

  /// Key/value pairs Terraform iterates: a list's index and element, a map's keys in
  /// lexical order.
  public static func iteration(_ collection: HCLValue) -> [(HCLValue, HCLValue)]? {
    switch collection.kind {
    case .tuple(let items):
      guard items.count <= maxCollection else { return nil }
      return items.enumerated().map { (HCLValue(.number(Double($0.offset))), $0.element) }
    case .object(let entries):
      guard entries.count <= maxCollection else { return nil }
      return entries.sorted { $0.key < $1.key }.map { (HCLValue(.string($0.key)), $0.value) }
    default:
      return nil
    }
  }
}
