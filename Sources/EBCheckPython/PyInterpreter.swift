import EBCheckCore

/// A frame of execution: module globals plus, inside a function, its locals.
package final class Frame {
  package let module: ModuleState
  package var locals: [String: Binding]?
  package var globalNames: Set<String> = []
  /// The module-level call that led into this function.
  package var callSite: Location?
  package var tryDepth = 0
  /// Returns from branches taken under an unknown condition.
  package var pendingReturns: [RValue] = []
  /// The function frame a nested function was defined in (closures read its locals).
  package var enclosing: Frame?
  /// A class body: functions defined here do not see its names (Python's class scope).
  package var isClassBody = false
  /// The class a method was found on and its receiver, for a zero-argument `super()`.
  package var superContext: (PyClassObject, RValue)?

  package init(module: ModuleState, locals: [String: Binding]? = nil, callSite: Location? = nil) {
    self.module = module
    self.locals = locals
    self.callSite = callSite
  }
}

package enum Flow {
  case normal
  case returned(RValue)
  case raised(String, Location)
  case breakLoop
  case continueLoop
  case stop
}

package struct Arguments {
  package var positional: [RValue] = []
  /// For each positional argument, the identity of the list or dict it passes by reference.
  package var identities: [Int?] = []
  package var keywords: [(String, RValue)] = []

  package func keyword(_ name: String) -> RValue? { keywords.first { $0.0 == name }?.1 }

  package func argument(_ index: Int, _ name: String) -> RValue? {
    index < positional.count ? positional[index] : keyword(name)
  }
}

/// Executes the statements of one module (and the functions it calls) over `RValue`s.
package struct PyInterpreter {
  package let evaluator: SettingsEvaluator
  package let root: ModuleState
  package var statementBudget = 200_000
  package var callDepth = 0
  package var pendingRaise: (String, Location)?
  package var sawTokenRequest = false
  package var executionDepth = 0
  /// The module-level statement whose call is being evaluated (nil at module level).
  package var activeCallSite: Location?
  /// When set, every `if` test decided while running is recorded (decisive lines of a
  /// middleware or view for the trace).
  package var conditionLog: [ConditionNote]?
  /// `django.conf.settings` for code run under a request (the evaluated settings).
  package var djangoSettings: [String: PyValue]?
  /// What `reverse()` gives for each URL name the URLconf reader could read (`ns:name` → path).
  package var djangoURLNames: [String: String] = [:]
  /// DRF's `REST_FRAMEWORK` defaults, for `@api_view` functions run under a request.
  package var djangoRestFramework = RestFrameworkDefaults()
  /// How many branches of undecided conditions enclose the running statement.
  package var undecidedDepth = 0
  /// The tests of supplied environment variables whose branches are running, innermost last.
  package var decidingTests: [EnvProvenance] = []
  /// For code run under a request: the services outside the repository its calls reach.
  package var externalCalls: ExternalCallLog?

  package static let maximumCallDepth = 10
  package static let maximumIterations = 10_000
  package static let maximumValueDepth = 100
  package static let maximumExecutionDepth = 100

  package init(evaluator: SettingsEvaluator, module: ModuleState) {
    self.evaluator = evaluator
    self.root = module
  }

  package mutating func run(_ statements: [PyStmt]) {
    let frame = Frame(module: root)
    let flow = execute(statements, frame)
    switch flow {
    case .raised(let kind, let location):
      let why = evaluator.raiseReasons[location].map { " (\($0))" } ?? ""
      root.failure = EvaluationFailure(
        message: "\(kind) raised while importing \(root.name)\(why)", location: location,
        exception: kind)
    case .stop:
      root.failure = EvaluationFailure(
        message: "evaluation stopped: too many steps or nesting too deep",
        location: Location(file: root.path, span: Span(at: 0)))
    default:
      break
    }
    root.finished = true
  }

  package func location(_ span: Span, _ frame: Frame) -> Location {
    Location(file: frame.module.path, span: span)
  }

  package mutating func newIdentity() -> Int {
    evaluator.nextIdentity += 1
    return evaluator.nextIdentity
  }

  // MARK: recording

  package func record(_ read: EnvRead) {
    var read = read
    if read.callSite == nil { read.callSite = activeCallSite }
    if undecidedDepth > 0 { read.underCondition = true }
    root.envReads.append(read)
  }

  /// A test of an environment value against literals (or its truth) that decides a branch.
  package func recordCondition(_ value: PyValue, against other: PyValue?, at location: Location) {
    guard case .dynamic(let dynamic) = value, let name = dynamic.envVar else { return }
    var values: [String] = []
    switch other {
    case nil, .none?: values = ["1"]
    case .list(let elements)?, .tuple(let elements)?:
      values = elements.compactMap { $0.value.isLiteral ? $0.value.pythonStr : nil }
    case let literal? where literal.isLiteral && literal != .none:
      if let text = literal.pythonStr { values = [text] }
    default: break
    }
    guard !values.isEmpty else { return }
    root.envConditions.append(
      EnvCondition(name: name, values: values, location: location, isTruthTest: other == nil))
  }

  package func record(_ lookup: InstanceIPLookup) { root.lookups.append(lookup) }

  // MARK: names

  package func binding(_ name: String, _ frame: Frame) -> Binding? {
    if let locals = frame.locals, !frame.globalNames.contains(name), let local = locals[name] {
      return local
    }
    var outer = frame.enclosing
    var depth = 0
    while let scope = outer, depth < Self.maximumCallDepth * 4 {
      if let local = scope.locals?[name], !scope.globalNames.contains(name) { return local }
      outer = scope.enclosing
      depth += 1
    }
    guard let open = frame.module.openRead(of: name) else { return frame.module.globals[name] }
    let location = frame.module.openNamespace?.location
    return Binding(value: .data(open), location: location, valueLocation: location)
  }

  package mutating func bind(_ name: String, _ binding: Binding, _ frame: Frame) {
    statementBudget -= Self.bindingCost(binding.value)
    if frame.locals != nil && !frame.globalNames.contains(name) {
      frame.locals![name] = binding
    } else {
      frame.module.globals[name] = binding
      frame.module.noteAssignment(name)
    }
  }

  /// Writes back a binding changed in place, wherever the name was found (a function that
  /// appends to a module-level list changes the module's list).
  package func update(_ name: String, _ binding: Binding, _ frame: Frame) {
    if frame.locals?[name] != nil && !frame.globalNames.contains(name) {
      frame.locals![name] = binding
    } else {
      frame.module.globals[name] = binding
      frame.module.noteAssignment(name)
    }
  }

  /// Steps charged for binding a value: every assignment or in-place change copies the
  /// container, so `X = X + [1]` or `X.append(1)` repeated n times costs O(n²) copying.
  /// Charging by size bounds that work (a few dozen million element copies at most),
  /// while a settings file's ordinary lists cost nothing.
  package static func bindingCost(_ value: RValue) -> Int {
    guard case .data(let data) = value else { return 0 }
    switch data {
    // Rebinding a collection copies it, and settings never hold more than a few hundred
    // entries: charging its size keeps code that regrows one per line (quadratic work) short.
    case .list(let elements), .tuple(let elements): return elements.count / 8
    // Entries are a list searched key by key: each change also costs a scan.
    case .dict(let entries): return entries.count / 4
    case .string(let text): return text.utf8.count / 8192
    default: return 0
    }
  }

  package func unbind(_ name: String, _ frame: Frame) {
    if frame.locals != nil && !frame.globalNames.contains(name) {
      frame.locals![name] = nil
    } else {
      frame.module.globals[name] = nil
    }
  }

  package static let builtinNames: Set<String> = [
    "int", "str", "bool", "float", "list", "tuple", "dict", "len", "range", "sorted", "print",
    "open",
    "isinstance", "set", "frozenset", "getattr", "hasattr", "repr", "min", "max", "sum", "any",
    "all",
    "enumerate", "zip", "map", "filter", "reversed", "type", "object", "Exception",
  ]

  package mutating func lookup(_ name: String, _ span: Span, _ frame: Frame) -> RValue {
    if let found = binding(name, frame) { return found.value }
    switch name {
    case "__name__": return .data(.string(frame.module.name))
    case "__file__":
      // The deployed path: the platform's application folder, not this checkout.
      if let path = evaluator.deployed?.deployedPath(ofRepositoryPath: frame.module.path) {
        return .data(.string(path))
      }
      return .data(.unknown("__file__ (absolute path of the settings file)"))
    case "__package__": return .data(.string(frame.module.package))
    default: break
    }
    if Self.builtinNames.contains(name) {
      if ["int", "str", "bool", "float", "list", "tuple", "dict"].contains(name) {
        return .type(name)
      }
      return .builtin(name)
    }
    return .data(.unknown("undefined name '\(name)'"))
  }

  // MARK: statements

  package mutating func execute(_ statements: [PyStmt], _ frame: Frame) -> Flow {
    for statement in statements {
      statementBudget -= 1
      if statementBudget < 0 { return .stop }
      let flow = execute(statement, frame)
      if let (kind, location) = pendingRaise {
        pendingRaise = nil
        return .raised(kind, location)
      }
      if case .normal = flow { continue }
      return flow
    }
    return .normal
  }

  package mutating func execute(_ statement: PyStmt, _ frame: Frame) -> Flow {
    // Nested blocks, undecided branches and calls all recurse; hostile nesting stops here
    // instead of exhausting the stack.
    executionDepth += 1
    defer { executionDepth -= 1 }
    if executionDepth > Self.maximumExecutionDepth { return .stop }
    let statementLocation = location(statement.span, frame)
    switch statement.kind {
    case .expression(let expression):
      _ = evaluate(expression, frame, statement: statementLocation)
      return .normal
    case .assign(let targets, let value):
      let result = evaluate(value, frame, statement: statementLocation)
      if pendingRaise != nil { return .normal }
      let sources = concatenationSources(value, frame)
      var identity: Int?
      if isList(result) {
        if case .name(let name) = value.kind, let aliased = binding(name, frame)?.identity {
          identity = aliased
        } else {
          identity = newIdentity()
        }
      }
      for target in targets {
        assign(
          target, result, frame, statement: statementLocation, valueExpression: value,
          sources: sources, identity: identity)
        if case .name(let name) = target.kind, isList(result), let root = pathRoot(value),
          root.name != name, var bound = binding(name, frame)
        {
          bound.derivedFrom = root.name
          bind(name, bound, frame)
        }
      }
      return .normal
    case .annotatedAssign(let target, _, let value):
      guard let value else { return .normal }
      let result = evaluate(value, frame, statement: statementLocation)
      if pendingRaise != nil { return .normal }
      assign(
        target, result, frame, statement: statementLocation, valueExpression: value,
        sources: concatenationSources(value, frame), identity: isList(result) ? newIdentity() : nil)
      return .normal
    case .augmentedAssign(let target, let op, let value):
      augmentedAssign(target, op, value, frame, statement: statementLocation)
      return .normal
    case .importModules(let names):
      return importModules(names, frame, statement: statementLocation)
    case .importFrom(let module, let level, let names, let star):
      return importFrom(
        module, level: level, names: names, star: star, frame, statement: statementLocation)
    case .ifStatement(let test, let body, let orElse):
      return executeIf(test, body, orElse, frame, statement: statementLocation)
    case .tryStatement(let body, let handlers, let orElse, let finalBody):
      return executeTry(body, handlers, orElse, finalBody, frame)
    case .with(let items, let body, _):
      for item in items {
        let context = evaluate(item.context, frame, statement: statementLocation)
        if let target = item.target {
          assign(
            target, context, frame, statement: statementLocation, valueExpression: item.context,
            sources: [], identity: nil)
        }
      }
      if pendingRaise != nil { return .normal }
      return execute(body, frame)
    case .forLoop(let target, let iterable, let body, let orElse, _):
      return executeFor(target, iterable, body, orElse, frame, statement: statementLocation)
    case .whileLoop(let test, let body, let orElse):
      let condition = evaluate(test, frame, statement: statementLocation).pyValue
      if condition.truthiness == false { return execute(orElse, frame) }
      return executeUnderUnknownCondition(test, condition, body, [], frame)
    case .functionDef(let function):
      bind(
        function.name,
        Binding(
          value: decoratedFunction(function, frame, statement: statementLocation),
          location: statementLocation, valueLocation: statementLocation), frame)
      return .normal
    case .classDef(let definition):
      return executeClass(definition, frame, statementLocation)
    case .returnStatement(let value):
      let result = value.map { evaluate($0, frame, statement: statementLocation) } ?? .data(.none)
      return .returned(result)
    case .pass, .assert, .nonlocal:
      return .normal
    case .breakStatement:
      return .breakLoop
    case .continueStatement:
      return .continueLoop
    case .raise(let exception, _):
      var kind = "Exception"
      if let exception {
        var callee = exception
        if case .call(let function, _) = exception.kind { callee = function }
        switch callee.kind {
        case .name(let name): kind = name
        case .attribute(_, let name, _): kind = name
        default: break
        }
      }
      return .raised(kind, statementLocation)
    case .global(let names):
      frame.globalNames.formUnion(names)
      return .normal
    case .delete(let targets):
      for target in targets {
        if case .name(let name) = target.kind { unbind(name, frame) }
      }
      return .normal
    }
  }

  /// Whether the value is a mutable container (list or dict) that names can share.
  package func isList(_ value: RValue) -> Bool {
    switch value {
    case .data(.list), .data(.dict): return true
    default: return false
    }
  }

  /// `NAME[k1][k2]` (or plain `NAME`): the root name and the key expressions.
  package func pathRoot(_ expression: PyExpr) -> (name: String, keys: [PyExpr])? {
    var keys: [PyExpr] = []
    var current = expression
    while case .subscription(let inner, let index) = current.kind {
      if case .slice = index.kind { return nil }
      keys.insert(index, at: 0)
      current = inner
    }
    guard case .name(let name) = current.kind, !keys.isEmpty else { return nil }
    return (name, keys)
  }

  /// After `name` changed in place, names sharing or containing its value follow.
  package func propagateMutation(of name: String, _ changed: Binding, _ frame: Frame) {
    mutateAliases(of: name, changed, frame)
    if let root = changed.derivedFrom, var rootBinding = binding(root, frame) {
      rootBinding.value = .data(.unknown("changed in place through '\(name)'"))
      update(root, rootBinding, frame)
    }
  }

  /// Locations of the names a `+` concatenation (or a starred display) draws from.
  package func concatenationSources(_ expression: PyExpr, _ frame: Frame) -> [Location] {
    func collect(_ expression: PyExpr, _ top: Bool) -> [Location] {
      switch expression.kind {
      case .binary(let left, .add, let right):
        return collect(left, false) + collect(right, false)
      case .name(let name):
        guard !top, let found = binding(name, frame), let location = found.location else {
          return []
        }
        return found.contributions + [location]
      case .call(let callee, let arguments):
        if case .name(let function) = callee.kind, function == "list" || function == "tuple",
          arguments.count == 1, !top
        {
          return collect(arguments[0].value, false)
        }
        return []
      case .list(let items), .tuple(let items):
        return items.flatMap { item -> [Location] in
          if case .starred(let inner) = item.kind { return collect(inner, false) }
          return []
        }
      default:
        return []
      }
    }
    var seen = Set<Location>()
    let unique = collect(expression, true).filter { seen.insert($0).inserted }
    // `X = X + [...]` repeated n times would carry n sources each: keep the most recent, so
    // provenance stays linear in the number of statements.
    return unique.count > Self.maximumSources
      ? Array(unique.suffix(Self.maximumSources)) : unique
  }

  package static let maximumSources = 64

  package mutating func assign(
    _ target: PyExpr, _ value: RValue, _ frame: Frame, statement: Location, valueExpression: PyExpr,
    sources: [Location], identity: Int?
  ) {
    var value = value
    if case .environ(nil) = value, let deciding = decidingTests.last { value = .environ(deciding) }
    switch target.kind {
    case .name(let name):
      bind(
        name,
        Binding(
          value: value, location: statement, valueLocation: location(valueExpression.span, frame),
          contributions: sources, identity: identity), frame)
    case .tuple(let targets), .list(let targets):
      let data = value.pyValue
      let starIndex = targets.firstIndex { if case .starred = $0.kind { true } else { false } }
      if let elements = PyOperations.iterate(data),
        starIndex == nil ? elements.count == targets.count : elements.count >= targets.count - 1
      {
        var offset = 0
        for (index, subTarget) in targets.enumerated() {
          if index == starIndex, case .starred(let inner) = subTarget.kind {
            let count = elements.count - (targets.count - 1)
            let rest = Array(elements[offset..<offset + count])
            assign(
              inner, .data(.list(rest)), frame, statement: statement,
              valueExpression: valueExpression,
              sources: [], identity: newIdentity())
            offset += count
          } else {
            let element = elements[offset]
            assignElement(
              subTarget, element, frame, statement: statement, valueExpression: valueExpression)
            offset += 1
          }
        }
      } else {
        for (index, subTarget) in targets.enumerated() {
          var inner = subTarget
          if case .starred(let starred) = subTarget.kind { inner = starred }
          let part: PyValue = PyOperations.lift([data]) { operands in
            guard let elements = PyOperations.iterate(operands[0]), index < elements.count else {
              return .unknown("unpacking")
            }
            return elements[index].value
          }
          assign(
            inner, .data(part), frame, statement: statement, valueExpression: valueExpression,
            sources: [], identity: nil)
        }
      }
    case .subscription(let base, let index):
      assignSubscript(base, index, value.pyValue, frame, statement: statement)
    case .attribute(let base, let name, _):
      assignAttribute(base, name, value, frame, statement: statement)
    case .starred(let inner):
      assign(
        inner, value, frame, statement: statement, valueExpression: valueExpression,
        sources: sources, identity: identity)
    default:
      break
    }
  }

  package mutating func assignElement(
    _ target: PyExpr, _ element: PyElement, _ frame: Frame, statement: Location,
    valueExpression: PyExpr
  ) {
    if case .name(let name) = target.kind {
      var identity: Int?
      if case .list = element.value { identity = newIdentity() }
      bind(
        name,
        Binding(
          value: restored(element.value), location: statement,
          valueLocation: element.location ?? location(valueExpression.span, frame),
          identity: identity), frame)
    } else {
      assign(
        target, restored(element.value), frame, statement: statement,
        valueExpression: valueExpression,
        sources: [], identity: nil)
    }
  }

  /// `NAME[k1][k2] = value`: rewrites the nested container held by NAME.
  package mutating func assignSubscript(
    _ base: PyExpr, _ index: PyExpr, _ value: PyValue, _ frame: Frame, statement: Location
  ) {
    if let target = namespace(base, frame, statement: statement) {
      guard let target else { return }
      let key = evaluate(index, frame, statement: statement).pyValue
      writeNamespace(
        key, .data(value), setter: "a namespace write", at: statement, valueLocation: statement,
        into: target, frame)
      return
    }
    var keys: [PyValue] = [evaluate(index, frame, statement: statement).pyValue]
    var current = base
    while case .subscription(let inner, let innerIndex) = current.kind {
      keys.insert(evaluate(innerIndex, frame, statement: statement).pyValue, at: 0)
      current = inner
    }
    guard case .name(let name) = current.kind, var found = binding(name, frame),
      case .data(let container) = found.value
    else { return }
    found.value = .data(Self.replacing(in: container, keys: keys[...], with: value, at: statement))
    found.contributions.append(statement)
    propagateMutation(of: name, found, frame)
    update(name, found, frame)
  }

  package static func replacing(
    in container: PyValue, keys: ArraySlice<PyValue>, with value: PyValue, at location: Location
  )
    -> PyValue
  {
    guard let key = keys.first else { return value }
    let rest = keys.dropFirst()
    switch container {
    case .dict(var entries):
      if let position = entries.firstIndex(where: { PyOperations.equal($0.key, key) == true }) {
        entries[position].value = replacing(
          in: entries[position].value, keys: rest, with: value, at: location)
        if rest.isEmpty { entries[position].location = location }
      } else if rest.isEmpty {
        guard key.isLiteral else { return .unknown("dict assignment with a non-literal key") }
        entries.append(PyDictEntry(key: key, value: value, location: location))
      } else {
        return .unknown("assignment into a missing key")
      }
      return .dict(entries)
    case .list(var elements):
      guard let position = PyOperations.integer(key) else { return .unknown("list assignment") }
      let resolved = position < 0 ? elements.count + position : position
      guard resolved >= 0 && resolved < elements.count else { return .unknown("list assignment") }
      elements[resolved].value = replacing(
        in: elements[resolved].value, keys: rest, with: value, at: location)
      if rest.isEmpty { elements[resolved].location = location }
      return .list(elements)
    case .dynamic:
      return container
    default:
      return .unknown("item assignment")
    }
  }

  package mutating func augmentedAssign(
    _ target: PyExpr, _ op: PyBinaryOperator, _ valueExpression: PyExpr, _ frame: Frame,
    statement: Location
  ) {
    let right = evaluate(valueExpression, frame, statement: statement).pyValue
    switch target.kind {
    case .name(let name):
      guard var found = binding(name, frame) else {
        bind(
          name,
          Binding(
            value: .data(.unknown("augmented assignment to undefined name '\(name)'")),
            location: statement,
            valueLocation: location(valueExpression.span, frame)), frame)
        return
      }
      let left = found.value.pyValue
      var result: PyValue
      if op == .add, case .list(let elements) = left {
        // `list += iterable` extends in place with any iterable.
        if let extra = PyOperations.iterate(right) {
          result = .list(
            elements
              + extra.map {
                PyElement($0.value, $0.location ?? location(valueExpression.span, frame))
              })
        } else {
          result = PyOperations.binary(.add, left, right)
        }
      } else {
        result = PyOperations.binary(op, left, right)
      }
      if case .list(let elements) = result, case .list(let rightElements) = right, op == .add,
        rightElements.allSatisfy({ $0.location == nil })
      {
        result = .list(
          Array(elements.dropLast(rightElements.count))
            + rightElements.map { PyElement($0.value, location(valueExpression.span, frame)) })
      }
      found.value = .data(result)
      found.contributions.append(statement)
      propagateMutation(of: name, found, frame)
      bind(name, found, frame)
    case .subscription(let base, let index):
      let current = evaluate(target, frame, statement: statement).pyValue
      assignSubscript(
        base, index, PyOperations.binary(op, current, right), frame, statement: statement)
    default:
      break
    }
  }

  /// Propagates an in-place list change to every name bound to the same list.
  package func mutateAliases(of name: String, _ changed: Binding, _ frame: Frame) {
    guard let identity = changed.identity, isList(changed.value) else { return }
    for (other, var otherBinding) in frame.module.globals
    where other != name && otherBinding.identity == identity {
      otherBinding.value = changed.value
      otherBinding.contributions = changed.contributions
      frame.module.globals[other] = otherBinding
    }
    if var locals = frame.locals {
      for (other, var otherBinding) in locals
      where other != name && otherBinding.identity == identity {
        otherBinding.value = changed.value
        otherBinding.contributions = changed.contributions
        locals[other] = otherBinding
      }
      frame.locals = locals
    }
  }

  // MARK: control flow

  /// `if`/`elif` chains run in a loop: a long chain of decided conditions costs no stack.
  package mutating func executeIf(
    _ test: PyExpr, _ body: [PyStmt], _ orElse: [PyStmt], _ frame: Frame, statement: Location
  ) -> Flow {
    var (test, body, orElse) = (test, body, orElse)
    while true {
      let readsBefore = root.envReads.count
      let evaluated = evaluate(test, frame, statement: statement)
      let condition = evaluated.pyValue
      if pendingRaise != nil { return .normal }
      noteCondition(test, evaluated.truthiness, frame)
      guard let truth = evaluated.truthiness else {
        return executeUnderUnknownCondition(test, condition, body, orElse, frame)
      }
      let deciding = suppliedVariables(readSince: readsBefore)
      if truth {
        return executeDecided(body, by: deciding, at: location(test.span, frame), true, frame)
      }
      if orElse.count == 1,
        case .ifStatement(let nextTest, let nextBody, let nextElse) = orElse[0].kind
      {
        (test, body, orElse) = (nextTest, nextBody, nextElse)
        continue
      }
      return executeDecided(orElse, by: deciding, at: location(test.span, frame), false, frame)
    }
  }

  /// The variables the environment supplies among those read since `index`.
  package func suppliedVariables(readSince index: Int) -> [String] {
    guard index < root.envReads.count else { return [] }
    var names: [String] = []
    for read in root.envReads[index...]
    where evaluator.env[read.name] != nil && !names.contains(read.name) {
      names.append(read.name)
    }
    return names
  }

  /// A branch a test of supplied variables decided, run with that test as the provenance of
  /// `os.environ` bound in it.
  package mutating func executeDecided(
    _ body: [PyStmt], by variables: [String], at test: Location, _ outcome: Bool, _ frame: Frame
  ) -> Flow {
    guard !variables.isEmpty else { return execute(body, frame) }
    decidingTests.append(EnvProvenance(variables: variables, location: test, outcome: outcome))
    defer { decidingTests.removeLast() }
    return execute(body, frame)
  }

  /// Runs both branches from the same state and merges: names whose values agree keep them,
  /// the others become dynamic with both candidates recorded.
  package mutating func executeUnderUnknownCondition(
    _ test: PyExpr, _ condition: PyValue, _ body: [PyStmt], _ orElse: [PyStmt], _ frame: Frame
  ) -> Flow {
    // A comparison recorded its values already; a bare test records the variable's truth.
    if !test.isComparison {
      recordCondition(condition, against: nil, at: location(test.span, frame))
    }
    let beforeGlobals = frame.module.globals
    let beforeLocals = frame.locals
    undecidedDepth += 1
    defer { undecidedDepth -= 1 }
    let bodyFlow = execute(body, frame)
    let bodyGlobals = frame.module.globals
    let bodyLocals = frame.locals
    frame.module.globals = beforeGlobals
    frame.locals = beforeLocals
    let elseFlow = execute(orElse, frame)
    let elseGlobals = frame.module.globals
    let elseLocals = frame.locals

    var defaultBranch: Bool?
    if case .dynamic(let dynamic) = condition, let fallback = dynamic.defaultValue {
      defaultBranch = fallback.truthiness
    }
    let testLocation = location(test.span, frame)
    let reason = "depends on a condition the evaluator cannot decide"

    func flowReturns(_ flow: Flow) -> RValue? {
      if case .returned(let value) = flow { return value }
      return nil
    }
    func isNormal(_ flow: Flow) -> Bool {
      if case .normal = flow { return true }
      return false
    }
    switch (bodyFlow, elseFlow) {
    case (.normal, .normal):
      frame.module.globals = merge(bodyGlobals, elseGlobals, testLocation, reason, defaultBranch)
      if let bodyLocals, let elseLocals {
        frame.locals = merge(bodyLocals, elseLocals, testLocation, reason, defaultBranch)
      }
      return .normal
    case (.returned(let value), _) where isNormal(elseFlow):
      frame.pendingReturns.append(value)
      frame.module.globals = elseGlobals
      frame.locals = elseLocals
      return .normal
    case (_, .returned(let value)) where isNormal(bodyFlow):
      frame.pendingReturns.append(value)
      frame.module.globals = bodyGlobals
      frame.locals = bodyLocals
      return .normal
    case (.returned(let first), .returned(let second)):
      return .returned(mergeValues(first, second, testLocation, reason, defaultBranch))
    case (.raised, _) where isNormal(elseFlow), (.breakLoop, _), (.continueLoop, _):
      // The branch that goes on is the one that matters for the module's values.
      frame.module.globals = elseGlobals
      frame.locals = elseLocals
      return isNormal(elseFlow) ? .normal : elseFlow
    case (_, .raised) where isNormal(bodyFlow), (_, .breakLoop), (_, .continueLoop):
      frame.module.globals = bodyGlobals
      frame.locals = bodyLocals
      return bodyFlow
    default:
      frame.module.globals = bodyGlobals
      frame.locals = bodyLocals
      return bodyFlow
    }
  }

  package func mergeValues(
    _ first: RValue, _ second: RValue, _ testLocation: Location, _ reason: String,
    _ defaultBranch: Bool?
  )
    -> RValue
  {
    if Self.same(first, second) { return first }
    let a = first.pyValue
    let b = second.pyValue
    if case .instanceIP = a, b == .none { return first }
    if case .instanceIP = b, a == .none { return second }
    var dynamic = DynamicValue(reason: reason, possibleValues: [a, b], location: testLocation)
    if let defaultBranch { dynamic.defaultValue = defaultBranch ? a : b }
    return .data(.dynamic(dynamic))
  }

  package func merge(
    _ first: [String: Binding], _ second: [String: Binding], _ testLocation: Location,
    _ reason: String,
    _ defaultBranch: Bool?
  ) -> [String: Binding] {
    var result = first
    for name in Set(first.keys).union(second.keys) {
      let a = first[name]
      let b = second[name]
      switch (a, b) {
      case (let x?, let y?):
        if Self.same(x.value, y.value) {
          var merged = x
          if x.location != y.location && y.location != nil && x.location == nil {
            merged.location = y.location
          }
          for contribution in y.contributions where !merged.contributions.contains(contribution) {
            merged.contributions.append(contribution)
          }
          result[name] = merged
        } else {
          var merged = x.location == nil ? y : x
          merged.value = mergeValues(x.value, y.value, testLocation, reason, defaultBranch)
          for contribution in (x.contributions + y.contributions)
          where !merged.contributions.contains(contribution) {
            merged.contributions.append(contribution)
          }
          merged.identity = nil
          result[name] = merged
        }
      case (let x?, nil), (nil, let x?):
        var merged = x
        var dynamic = DynamicValue(
          reason: "set only when a condition the evaluator cannot decide holds",
          possibleValues: [x.value.pyValue], location: testLocation)
        if let defaultBranch, (defaultBranch && a != nil) || (!defaultBranch && b != nil) {
          dynamic.defaultValue = x.value.pyValue
        }
        switch x.value {
        case .data, .response: merged.value = .data(.dynamic(dynamic))
        default: break
        }
        result[name] = merged
      default:
        break
      }
    }
    return result
  }

  package static func same(_ a: RValue, _ b: RValue) -> Bool {
    switch (a, b) {
    case (.data(let x), .data(let y)): return x.sameValue(as: y)
    case (.module(let x), .module(let y)), (.repoModule(let x), .repoModule(let y)),
      (.builtin(let x), .builtin(let y)),
      (.type(let x), .type(let y)):
      return x == y
    case (.function(let x, let xm), .function(let y, let ym)): return x == y && xm == ym
    case (.environ, .environ), (.csv, .csv), (.httpClient, .httpClient): return true
    case (.response(let x), .response(let y)): return x.value.sameValue(as: y.value)
    case (.native(let x as ResponseObject), .native(let y as ResponseObject)):
      return x.answersLike(y)
    // A class or library object neither branch rebound is itself (an instance is not: a
    // branch may have changed its attributes).
    case (.classObject(let x), .classObject(let y)): return x === y
    case (.native(let x), .native(let y)): return x === y
    default: return false
    }
  }

  package static let exceptionParents: [String: String] = [
    "ModuleNotFoundError": "ImportError", "ImportError": "Exception", "KeyError": "LookupError",
    "IndexError": "LookupError", "LookupError": "Exception", "AttributeError": "Exception",
    "ValueError": "Exception", "TypeError": "Exception", "OSError": "Exception",
    "IOError": "Exception",
    "FileNotFoundError": "OSError", "ImproperlyConfigured": "Exception",
    // What a call to a service that is down raises (django.db.utils, requests, redis).
    "OperationalError": "DatabaseError", "InterfaceError": "DatabaseError",
    "DatabaseError": "Error", "Error": "Exception", "ConnectionError": "OSError",
    "Exception": "BaseException",
  ]

  package static func handles(_ handlerType: PyExpr?, _ kind: String) -> Bool {
    guard let handlerType else { return true }
    var names: [String] = []
    func collect(_ expression: PyExpr) {
      switch expression.kind {
      case .name(let name): names.append(name)
      case .attribute(_, let name, _): names.append(name)
      case .tuple(let items): items.forEach(collect)
      default: break
      }
    }
    collect(handlerType)
    var current: String? = kind
    while let candidate = current {
      if names.contains(candidate) { return true }
      current = exceptionParents[candidate]
    }
    return false
  }

  package mutating func executeTry(
    _ body: [PyStmt], _ handlers: [PyExceptHandler], _ orElse: [PyStmt], _ finalBody: [PyStmt],
    _ frame: Frame
  ) -> Flow {
    frame.tryDepth += 1
    var flow = execute(body, frame)
    frame.tryDepth -= 1
    if case .raised(let kind, _) = flow {
      if let handler = handlers.first(where: { Self.handles($0.type, kind) }) {
        if let name = handler.name {
          let handlerLocation = location(handler.span, frame)
          bind(
            name,
            Binding(
              value: .data(.unknown("exception")), location: handlerLocation,
              valueLocation: handlerLocation), frame)
        }
        flow = execute(handler.body, frame)
      }
    } else if case .normal = flow {
      flow = execute(orElse, frame)
    }
    let finalFlow = execute(finalBody, frame)
    if case .normal = finalFlow { return flow }
    return finalFlow
  }

  package mutating func executeFor(
    _ target: PyExpr, _ iterable: PyExpr, _ body: [PyStmt], _ orElse: [PyStmt], _ frame: Frame,
    statement: Location
  ) -> Flow {
    let sequence = iterated(iterable, frame, statement: statement)
    guard let elements = PyOperations.iterate(sequence), elements.count <= Self.maximumIterations
    else {
      let element: PyValue = PyOperations.lift([sequence]) { _ in .unknown("loop element") }
      assign(
        target, .data(element), frame, statement: statement, valueExpression: iterable, sources: [],
        identity: nil)
      return executeUnderUnknownCondition(iterable, .unknown("loop"), body, [], frame)
    }
    for element in elements {
      assignElement(target, element, frame, statement: statement, valueExpression: iterable)
      let flow = execute(body, frame)
      switch flow {
      case .normal, .continueLoop: continue
      case .breakLoop: return .normal
      default: return flow
      }
    }
    return execute(orElse, frame)
  }

  // MARK: imports

  package static let knownModules: Set<String> = [
    "os", "sys", "json", "socket", "pathlib", "typing", "logging", "re", "urllib", "http",
    "datetime", "time",
    "functools", "collections", "itertools", "ssl", "subprocess", "base64", "hashlib", "uuid", "io",
    "string",
    "warnings", "copy", "math", "random", "platform", "getpass", "shutil", "tempfile", "glob",
    "ast",
    "configparser", "importlib", "inspect", "enum", "dataclasses", "decimal", "traceback",
    "contextlib",
    "ipaddress", "email", "urlparse", "secrets", "struct", "textwrap", "codecs", "locale",
    "gettext",
    "threading",
    "multiprocessing", "signal", "pprint", "operator", "types", "abc", "errno", "stat", "fnmatch",
    "csv",
    "zlib", "gzip", "zipfile", "pickle", "sqlite3", "xml", "html", "mimetypes", "calendar",
    "asyncio",
    "concurrent", "argparse", "site", "sysconfig", "builtins", "__future__", "django", "requests",
    "environ", "environs",
    "decouple", "urllib3", "dotenv", "dj_database_url", "boto3", "botocore", "ec2_metadata",
    "aws_cdk", "constructs", "distutils", "asgiref",
  ]

  /// Helpers that behave as a modelled one: environs' `Env` reads like django-environ's
  /// (`env.list/bool/int/str(..., default=...)`, `env("X")`, `env.read_env()`).
  package static let callableAliases: [String: String] = [
    "environs.Env": "environ.Env", "environs.Env.read_env": "environ.Env.read_env",
  ]

  /// The modelled callable a qualified name is, if any.
  package static func callable(_ qualified: String) -> String? {
    if knownCallables.contains(qualified) { return qualified }
    return callableAliases[qualified]
  }

  package static let knownCallables: Set<String> = [
    "os.getenv", "os.environ.get", "os.path.join", "os.path.dirname", "os.path.abspath",
    "os.path.realpath",
    "os.path.exists", "os.path.basename", "socket.gethostname", "socket.gethostbyname",
    "socket.gethostbyname_ex",
    "socket.getfqdn", "requests.get", "requests.put", "requests.post", "requests.head",
    "requests.request",
    "requests.Session", "requests.session", "urllib.request.urlopen", "urllib.request.Request",
    "urllib2.urlopen", "urllib2.Request", "urllib3.PoolManager", "urllib3.request", "environ.Env",
    "environ.Env.read_env", "urllib.parse.urlparse", "urllib.parse.urlsplit", "urlparse.urlparse",
    "decouple.config", "decouple.Csv", "decouple.AutoConfig",
    "decouple.Config",
    "decouple.RepositoryEnv", "json.load", "json.loads", "pathlib.Path", "dotenv.load_dotenv",
    "dj_database_url.config", "dj_database_url.parse", "os.popen", "subprocess.check_output",
    "subprocess.getoutput", "subprocess.run", "distutils.util.strtobool",
    "os.getcwd", "os.path.isfile", "os.path.isdir", "os.path.normpath", "pathlib.Path.cwd",
    "configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser",
  ]

  package func isLibraryModule(_ top: String) -> Bool {
    Self.knownModules.contains(top) || evaluator.libraryPackages.contains(top)
  }

  package func moduleExistsInRepository(_ module: String, _ frame: Frame) -> Bool {
    evaluator.resolve(module, preferredPrefix: frame.module.prefix) != nil
      || evaluator.isNamespacePackage(module, preferredPrefix: frame.module.prefix)
  }

  package mutating func loadRepositoryModule(_ module: String, _ frame: Frame) -> ModuleState? {
    guard let state = evaluator.load(module: module, preferredPrefix: frame.module.prefix) else {
      return nil
    }
    root.absorb(state)
    return state
  }

  package mutating func importModules(_ names: [PyImportName], _ frame: Frame, statement: Location)
    -> Flow
  {
    for imported in names {
      let top = String(imported.name.split(separator: ".").first ?? "")
      let inRepository = moduleExistsInRepository(imported.name, frame)
      if inRepository {
        // Importing runs the module (and its parents).
        var prefix = ""
        for part in imported.name.split(separator: ".") {
          prefix += (prefix.isEmpty ? "" : ".") + part
          if let raised = loadRepositoryModule(prefix, frame)?.raised { return raised }
        }
      } else if !isLibraryModule(top) && frame.tryDepth > 0 {
        return .raised("ModuleNotFoundError", statement)
      }
      let value: RValue
      if let alias = imported.alias {
        value = inRepository ? .repoModule(imported.name) : .module(imported.name)
        bind(
          alias,
          Binding(value: value, location: statement, valueLocation: location(imported.span, frame)),
          frame)
      } else {
        value = moduleExistsInRepository(top, frame) ? .repoModule(top) : .module(top)
        bind(
          top,
          Binding(value: value, location: statement, valueLocation: location(imported.span, frame)),
          frame)
      }
    }
    return .normal
  }

  package func absoluteModule(_ module: String?, level: Int, _ frame: Frame) -> String? {
    guard level > 0 else { return module }
    var package = frame.module.package.split(separator: ".").map(String.init)
    guard level - 1 <= package.count else { return nil }
    package.removeLast(level - 1)
    if let module { package += module.split(separator: ".").map(String.init) }
    let joined = package.joined(separator: ".")
    return joined.isEmpty ? nil : joined
  }

  package mutating func importFrom(
    _ module: String?, level: Int, names: [PyImportName], star: Bool, _ frame: Frame,
    statement: Location
  ) -> Flow {
    guard let absolute = absoluteModule(module, level: level, frame) else {
      return frame.tryDepth > 0 ? .raised("ImportError", statement) : .normal
    }
    let top = String(absolute.split(separator: ".").first ?? "")
    if let state = loadRepositoryModule(absolute, frame) {
      if let raised = state.raised { return raised }
      if star {
        var exported: [String]?
        if case .data(let all)? = state.globals["__all__"]?.value,
          let elements = PyOperations.iterate(all)
        {
          exported = elements.compactMap(\.value.stringValue)
        }
        var imported: [String] = []
        for (name, found) in state.globals where exported?.contains(name) ?? !name.hasPrefix("_") {
          bind(name, found, frame)
          imported.append(name)
        }
        frame.module.absorbOpenness(of: state, imported: imported)
        return .normal
      }
      for imported in names {
        let boundName = imported.alias ?? imported.name
        let importedLocation = location(imported.span, frame)
        if let found = state.globals[imported.name] {
          var copy = found
          if case .function = found.value {
            copy.location = found.location
          }
          bind(boundName, copy, frame)
        } else if moduleExistsInRepository(absolute + "." + imported.name, frame) {
          _ = loadRepositoryModule(absolute + "." + imported.name, frame)
          bind(
            boundName,
            Binding(
              value: .repoModule(absolute + "." + imported.name), location: statement,
              valueLocation: importedLocation), frame)
        } else if frame.tryDepth > 0 {
          return .raised("ImportError", statement)
        } else {
          bind(
            boundName,
            Binding(
              value: .data(.unknown("'\(imported.name)' not found in \(absolute)")),
              location: statement, valueLocation: importedLocation), frame)
        }
      }
      return .normal
    }
    if level > 0 || moduleExistsInRepository(absolute, frame) || !isLibraryModule(top) {
      let namespace = evaluator.isNamespacePackage(absolute, preferredPrefix: frame.module.prefix)
      if frame.tryDepth > 0 && !namespace { return .raised("ModuleNotFoundError", statement) }
      for imported in names {
        let importedLocation = location(imported.span, frame)
        // A namespace package (a folder of modules without `__init__.py`) holds its
        // submodules: `from app import views` imports `app/views.py`.
        let submodule = absolute + "." + imported.name
        if namespace, moduleExistsInRepository(submodule, frame) {
          _ = loadRepositoryModule(submodule, frame)
          bind(
            imported.alias ?? imported.name,
            Binding(
              value: .repoModule(submodule), location: statement,
              valueLocation: importedLocation), frame)
          continue
        }
        if namespace, frame.tryDepth > 0 { return .raised("ImportError", statement) }
        bind(
          imported.alias ?? imported.name,
          Binding(
            value: .data(.unknown("imported from \(absolute)")), location: statement,
            valueLocation: importedLocation),
          frame)
      }
      return .normal
    }
    for imported in names {
      let qualified = absolute + "." + imported.name
      let importedLocation = location(imported.span, frame)
      var value: RValue =
        qualified == "os.environ"
        ? .environ(nil) : Self.callable(qualified).map { .builtin($0) } ?? .module(qualified)
      if qualified == "sys.argv", let arguments = evaluator.deployed?.arguments {
        value = .data(arguments.value(at: importedLocation))
      }
      bind(
        imported.alias ?? imported.name,
        Binding(value: value, location: statement, valueLocation: importedLocation), frame)
    }
    return .normal
  }
}

extension PyExpr {
  /// `a == b`, `a in b`, … (a chain counts as one).
  package var isComparison: Bool {
    if case .compare = kind { return true }
    return false
  }
}
