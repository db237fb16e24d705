import EBCheckCore

extension PyInterpreter {
  // MARK: expressions

  package mutating func evaluate(_ expression: PyExpr, _ frame: Frame, statement: Location)
    -> RValue
  {
    switch expression.kind {
    case .name(let name):
      return lookup(name, expression.span, frame)
    case .string(.text(let text)):
      return .data(.string(text))
    case .string(.bytes):
      return .data(.unknown("bytes literal"))
    case .string(.format(let parts)):
      return .data(formatString(parts, frame, statement: statement))
    case .int(let value):
      return .data(.int(value))
    case .bigInt:
      return .data(.unknown("integer larger than 64 bits"))
    case .float(let value):
      return .data(.float(value))
    case .imaginary:
      return .data(.unknown("complex number"))
    case .bool(let value):
      return .data(.bool(value))
    case .none:
      return .data(.none)
    case .ellipsis:
      return .data(.unknown("Ellipsis"))
    case .list(let items):
      return .data(sequence(items, frame, statement: statement, isList: true))
    case .tuple(let items):
      return .data(sequence(items, frame, statement: statement, isList: false))
    case .set(let items):
      // Code tests membership (`path in {'/health', '/health/'}`) or iterates
      // (`ALLOWED_HOSTS.extend({private_ip})`): a tuple of the distinct elements answers
      // both (its order is not the set's, which neither depends on).
      let value = sequence(items, frame, statement: statement, isList: false)
      guard case .tuple(let elements) = value else { return .data(.unknown("set")) }
      var distinct: [PyElement] = []
      for element in elements where !distinct.contains(where: { $0.value == element.value }) {
        distinct.append(element)
      }
      return .data(.tuple(distinct))
    case .setComprehension:
      return .data(.unknown("set"))
    case .dict(let items):
      var entries: [PyDictEntry] = []
      var pending: [PyDictEntry] = []
      var sawUnknown = false
      for item in items {
        if let key = item.key {
          let keyValue = evaluate(key, frame, statement: statement).pyValue
          let value = evaluate(item.value, frame, statement: statement).pyValue
          guard keyValue.isLiteral, PyOperations.canonicalKey(keyValue) != nil else {
            return .data(.unknown("dict with a non-literal or unhashable key"))
          }
          if value.hasUnknown { sawUnknown = true }
          pending.append(
            PyDictEntry(key: keyValue, value: value, location: location(item.value.span, frame)))
        } else {
          let value = evaluate(item.value, frame, statement: statement).pyValue
          guard case .dict(let extra) = value else { return .data(.unknown("dict unpacking")) }
          if value.hasUnknown { sawUnknown = true }
          entries = PyOperations.mergeDict(PyOperations.mergeDict(entries, pending), extra)
          pending = []
        }
      }
      let merged = PyOperations.mergeDict(entries, pending)
      if merged.contains(where: { $0.value.nestsDeeper(than: Self.maximumValueDepth) }) {
        return .data(.unknown("value nested too deeply"))
      }
      // An overwritten value that was unknown (maybe an error CPython raises) must not vanish.
      if sawUnknown && !PyValue.dict(merged).hasUnknown {
        return .data(.unknown("dict built from an unknown value"))
      }
      return .data(.dict(merged))
    case .listComprehension(let element, let clauses), .generator(let element, let clauses):
      return .data(comprehension(element, clauses, frame, statement: statement))
    case .dictComprehension:
      return .data(.unknown("dict comprehension"))
    case .lambda(let parameters, let body):
      return .lambda(parameters, body, module: frame.module.name)
    case .conditional(let test, let body, let orElse):
      let evaluatedTest = evaluate(test, frame, statement: statement)
      let condition = evaluatedTest.pyValue
      if let truth = evaluatedTest.truthiness {
        return evaluate(truth ? body : orElse, frame, statement: statement)
      }
      if case .unknown = condition { return .data(condition) }
      let first = evaluate(body, frame, statement: statement)
      let second = evaluate(orElse, frame, statement: statement)
      var defaultBranch: Bool?
      if case .dynamic(let dynamic) = condition { defaultBranch = dynamic.defaultValue?.truthiness }
      return mergeValues(
        first, second, location(test.span, frame),
        "depends on a condition the evaluator cannot decide", defaultBranch)
    case .boolOp(let op, let values):
      return booleanOperation(op, values, frame, statement: statement)
    case .compare(let first, let rest):
      var left = evaluate(first, frame, statement: statement)
      var result: PyValue = .bool(true)
      for link in rest {
        let right = evaluate(link.right, frame, statement: statement)
        let outcome: PyValue
        if case .environ = right, link.op == .inOp || link.op == .notIn {
          outcome = environContains(
            left.pyValue, negated: link.op == .notIn, location(link.right.span, frame))
        } else if let member = compareEnumMember(
          link.op, left, right, location(expression.span, frame))
        {
          outcome = member
        } else if let objects = compareObjects(link.op, left, right) {
          outcome = objects
        } else {
          outcome = PyOperations.compare(link.op, left.pyValue, right.pyValue)
          if case .dynamic = outcome {
            let at = location(expression.span, frame)
            recordCondition(left.pyValue, against: right.pyValue, at: at)
            recordCondition(right.pyValue, against: left.pyValue, at: at)
          }
        }
        if case .bool(true) = result {
          result = outcome
        } else {
          result = PyOperations.lift([result, outcome]) { operands in
            guard let a = operands[0].truthiness else { return .unknown("comparison chain") }
            return a ? operands[1] : operands[0]
          }
        }
        if result.truthiness == false { return .data(result) }
        left = right
      }
      return .data(result)
    case .binary(let left, let op, let right):
      let leftValue = evaluate(left, frame, statement: statement)
      let rightValue = evaluate(right, frame, statement: statement)
      if let result = objectOperation(op, leftValue, rightValue) { return result }
      let a = leftValue.pyValue
      let b = rightValue.pyValue
      if op == .add, case .list(let first) = a, case .list(let second) = b {
        return .data(.list(first + second))
      }
      return .data(PyOperations.binary(op, a, b))
    case .unary(let op, let operand):
      let value = evaluate(operand, frame, statement: statement)
      if op == .invert, let composed = ComposedPermission.compose(.not, [value]) {
        return composed
      }
      if op == .not, value.isObject, let truth = value.truthiness { return .data(.bool(!truth)) }
      return .data(PyOperations.unary(op, value.pyValue))
    case .attribute(let base, let name, _):
      let receiver = evaluate(base, frame, statement: statement)
      return attribute(receiver, name, expression, frame)
    case .call(let callee, let arguments):
      return call(callee, arguments, expression, frame, statement: statement)
    case .subscription(let base, let index):
      let container = evaluate(base, frame, statement: statement)
      if container.isObject {
        return objectItem(
          container, evaluate(index, frame, statement: statement), expression, frame)
      }
      if case .module(let name) = container, DjangoViewLibrary.externalService(name) != nil {
        // `connections['default']`, `caches['default']`: the service itself.
        return .module(name + ".__getitem__")
      }
      if case .response(.instanceIP) = container {
        // `check_output(["hostname", "-I"]).split()[0]` and the like.
        return container
      }
      if case .environ(let provenance) = container {
        let key = evaluate(index, frame, statement: statement).pyValue
        let readsBefore = root.envReads.count
        let at = location(expression.span, frame)
        return .data(
          raisingIfRequired(
            environRead(
              key, defaultValue: nil, helper: "os.environ[]", at, provenance: provenance),
            readsBefore: readsBefore, exception: "KeyError", at: at))
      }
      if case .slice(let lower, let upper, let step) = index.kind {
        let bounds = [lower, upper, step].map {
          $0.map { evaluate($0, frame, statement: statement).pyValue }
        }
        return .data(
          PyOperations.lift([container.pyValue]) { operands in
            PyOperations.slice(operands[0], lower: bounds[0], upper: bounds[1], step: bounds[2])
          })
      }
      let key = evaluate(index, frame, statement: statement).pyValue
      return restored(
        PyOperations.lift([container.pyValue, key]) { PyOperations.subscriptValue($0[0], $0[1]) })
    case .namedExpr(let target, let value):
      let result = evaluate(value, frame, statement: statement)
      bind(
        target,
        Binding(value: result, location: statement, valueLocation: location(value.span, frame)),
        frame)
      return result
    case .await(let operand):
      return awaitValue(evaluate(operand, frame, statement: statement))
    case .yield, .starred, .doubleStarred, .slice:
      return .data(.unknown("unsupported expression"))
    }
  }

  package mutating func sequence(
    _ items: [PyExpr], _ frame: Frame, statement: Location, isList: Bool
  )
    -> PyValue
  {
    var elements: [PyElement] = []
    elements.reserveCapacity(items.count)
    for item in items {
      if case .starred(let inner) = item.kind {
        let value = evaluate(inner, frame, statement: statement).pyValue
        guard let expanded = PyOperations.iterate(value) else {
          return PyOperations.lift([value]) { _ in .unknown("starred element") }
        }
        elements += expanded.map { PyElement($0.value, $0.location ?? location(item.span, frame)) }
      } else {
        let value = evaluate(item, frame, statement: statement)
        elements.append(PyElement(heldValue(value), location(item.span, frame)))
      }
    }
    let result: PyValue = isList ? .list(elements) : .tuple(elements)
    if elements.contains(where: { $0.value.nestsDeeper(than: Self.maximumValueDepth) }) {
      return .unknown("value nested too deeply")
    }
    return result
  }

  package mutating func comprehension(
    _ element: PyExpr, _ clauses: [PyComprehension], _ frame: Frame, statement: Location
  )
    -> PyValue
  {
    // Comprehension variables live in their own scope layered over the current one.
    let scope = Frame(module: frame.module, locals: frame.locals ?? [:], callSite: frame.callSite)
    scope.globalNames = frame.globalNames
    var results: [PyElement] = []
    var failure: PyValue?
    func run(_ index: Int, _ interpreter: inout PyInterpreter) {
      if failure != nil { return }
      guard index < clauses.count else {
        let value = interpreter.evaluate(element, scope, statement: statement)
        results.append(
          PyElement(interpreter.heldValue(value), interpreter.location(element.span, frame)))
        return
      }
      let clause = clauses[index]
      let iterable = interpreter.iterated(clause.iterable, scope, statement: statement)
      guard let items = PyOperations.iterate(iterable),
        items.count <= PyInterpreter.maximumIterations
      else {
        failure = PyOperations.lift([iterable]) { _ in .unknown("comprehension over a non-literal")
        }
        return
      }
      for item in items {
        interpreter.statementBudget -= 1
        if interpreter.statementBudget < 0 {
          failure = .unknown("evaluation budget exhausted")
          return
        }
        interpreter.assignElement(
          clause.target, item, scope, statement: statement, valueExpression: clause.iterable)
        var keep = true
        for condition in clause.conditions {
          let test = interpreter.evaluate(condition, scope, statement: statement).pyValue
          guard let truth = test.truthiness else {
            failure = PyOperations.lift([test]) { _ in .unknown("comprehension condition") }
            return
          }
          if !truth {
            keep = false
            break
          }
        }
        if keep { run(index + 1, &interpreter) }
        if failure != nil || results.count > PyOperations.maximumListLength { return }
      }
    }
    run(0, &self)
    if let failure { return failure }
    if let unknown = results.first(where: { if case .unknown = $0.value { true } else { false } }) {
      return unknown.value
    }
    return .list(results)
  }

  package mutating func booleanOperation(
    _ op: PyBoolOperator, _ values: [PyExpr], _ frame: Frame, statement: Location
  ) -> RValue {
    var result = evaluate(values[0], frame, statement: statement)
    for next in values.dropFirst() {
      let current = result.pyValue
      if let truth = result.truthiness {
        if (op == .or && truth) || (op == .and && !truth) { return result }
        result = evaluate(next, frame, statement: statement)
        continue
      }
      let other = evaluate(next, frame, statement: statement).pyValue
      result = .data(
        PyOperations.lift([current, other]) { operands in
          guard let truth = operands[0].truthiness else { return .unknown("boolean operation") }
          if op == .or { return truth ? operands[0] : operands[1] }
          return truth ? operands[1] : operands[0]
        })
    }
    return result
  }

  package mutating func formatString(_ parts: [PyFStringPart], _ frame: Frame, statement: Location)
    -> PyValue
  {
    var pieces: [PyValue] = []
    for part in parts {
      switch part {
      case .text(let text): pieces.append(.string(text))
      case .field(let expression?, _):
        pieces.append(PyOperations.str(evaluate(expression, frame, statement: statement).pyValue))
      case .field(nil, _):
        return .unknown("f-string field with a conversion or format spec")
      }
    }
    return PyOperations.lift(pieces) { operands in
      var output = ""
      for operand in operands {
        guard case .string(let text) = operand else { return .unknown("f-string field") }
        output += text
      }
      return .string(output)
    }
  }

  // MARK: attributes

  package mutating func attribute(
    _ receiver: RValue, _ name: String, _ expression: PyExpr, _ frame: Frame
  )
    -> RValue
  {
    switch receiver {
    case .module(let module):
      let qualified = module + "." + name
      if module == "django.conf.settings", let settings = djangoSettings {
        return .data(settings[name] ?? .unknown("setting \(name) (not set; Django's default)"))
      }
      if qualified == "os.environ" { return .environ(nil) }
      if qualified == "sys.argv", let arguments = evaluator.deployed?.arguments {
        return .data(arguments.value(at: location(expression.span, frame)))
      }
      if qualified == "ec2_metadata.ec2_metadata.private_ipv4" {
        // The ec2-metadata package asks IMDS with a session token.
        let lookup = InstanceIPLookup(
          method: .imds, usesToken: true, location: location(expression.span, frame),
          callSite: frame.callSite)
        record(lookup)
        return .data(.instanceIP(lookup))
      }
      if let callable = Self.callable(qualified) { return .builtin(callable) }
      if DjangoClassViews.name(ofQualified: module) != nil,
        let type = DjangoLibrary.libraryClass(module)
      {
        // `TemplateView.as_view(...)`: an attribute of Django's class itself.
        return objectAttribute(.classObject(type), name, location(expression.span, frame), frame)
      }
      return .module(qualified)
    case .repoModule(let module):
      let qualified = module + "." + name
      if let state = evaluator.modules[module] ?? loadRepositoryModule(module, frame),
        let found = state.globals[name]
      {
        return found.value
      }
      if moduleExistsInRepository(qualified, frame) {
        _ = loadRepositoryModule(qualified, frame)
        return .repoModule(qualified)
      }
      return .data(.unknown("attribute \(qualified)"))
    case .builtin(let function):
      let qualified = function + "." + name
      if let callable = Self.callable(qualified) { return .builtin(callable) }
      return .data(.unknown("attribute \(qualified)"))
    case .type(let type):
      return .builtin(type + "." + name)
    case .environ, .envReader, .httpClient, .csv:
      return .boundMethod(receiver, name)
    case .response(let response):
      switch name {
      case "text", "content", "data": return receiver
      case "status_code", "status", "ok":
        // A token-less metadata request gets 401 where IMDSv1 is off; with a token, 200.
        if case .instanceIP(let lookup) = response, lookup.method == .imds,
          let answers = lookup.usesToken ? true : evaluator.imdsV1Answers
        {
          if name == "ok" { return .data(.bool(answers)) }
          return .data(.int(answers ? 200 : 401))
        }
        return .data(
          .dynamic(
            DynamicValue(
              reason: "HTTP response \(name)", location: location(expression.span, frame))))
      case "headers":
        return .data(
          .dynamic(
            DynamicValue(
              reason: "HTTP response \(name)", location: location(expression.span, frame))))
      default:
        if case .instanceIP = response, name == "json" { return .boundMethod(receiver, name) }
        return .boundMethod(receiver, name)
      }
    case .data(let value):
      switch value {
      case .unknown: return receiver
      default: return .boundMethod(receiver, name)
      }
    case .classObject, .instance, .native, .superObject, .closure, .method:
      return objectAttribute(receiver, name, location(expression.span, frame), frame)
    case .record(let fields):
      return .data(fields[name] ?? .unknown("attribute '\(name)'"))
    default:
      return .data(.unknown("attribute '\(name)'"))
    }
  }

  // MARK: calls

  package static let mutatingMethods: Set<String> = [
    "append", "extend", "insert", "remove", "clear", "update", "setdefault", "pop",
  ]

  package mutating func evaluateArguments(
    _ arguments: [PyArgument], _ frame: Frame, statement: Location
  )
    -> Arguments?
  {
    var result = Arguments()
    for argument in arguments {
      let value = evaluate(argument.value, frame, statement: statement)
      switch argument.kind {
      case .positional:
        result.positional.append(value)
        var identity: Int?
        if case .name(let name) = argument.value.kind { identity = binding(name, frame)?.identity }
        result.identities.append(identity)
      case .keyword(let name): result.keywords.append((name, value))
      case .star:
        if case .native(let packed as ArgumentTuple) = value {
          result.positional += packed.values
          result.identities += packed.values.map { _ in nil }
          continue
        }
        guard let elements = PyOperations.iterate(value.pyValue) else { return nil }
        result.positional += elements.map { .data($0.value) }
        result.identities += elements.map { _ in nil }
      case .doubleStar:
        if case .native(let packed as KeywordArguments) = value {
          result.keywords += packed.entries
          continue
        }
        guard case .data(.dict(let entries)) = value else { return nil }
        for entry in entries {
          guard case .string(let key) = entry.key else { return nil }
          result.keywords.append((key, .data(entry.value)))
        }
      }
    }
    return result
  }

  package mutating func call(
    _ callee: PyExpr, _ arguments: [PyArgument], _ expression: PyExpr, _ frame: Frame,
    statement: Location
  )
    -> RValue
  {
    let callLocation = location(expression.span, frame)
    if let written = namespaceUpdate(callee, arguments, callLocation, frame, statement: statement) {
      return written
    }
    if case .attribute(let base, let method, _) = callee.kind,
      Self.mutatingMethods.contains(method),
      let result = mutatingCall(base, method, arguments, callLocation, frame, statement: statement)
    {
      return result
    }
    if let zeroArgumentSuper = superCall(callee, arguments, frame, statement: statement) {
      return zeroArgumentSuper
    }
    if let written = moduleSetattr(callee, arguments, callLocation, frame, statement: statement) {
      return written
    }
    let function = evaluate(callee, frame, statement: statement)
    if case .builtin("environ.Env") = function {
      return environSchema(arguments, frame, statement: statement)
    }
    guard let evaluated = evaluateArguments(arguments, frame, statement: statement) else {
      return .data(.unknown("call with unpacked arguments"))
    }
    if case .module(let name) = function, Self.isCDKProperty(name) {
      return .data(cdkProperty(arguments, evaluated, frame))
    }
    return invoke(function, evaluated, callLocation, frame, statement: statement)
  }

  /// `NAME.append(x)`, `NAME["k"].update(d)`…: changes the container bound to NAME in place.
  /// Returns nil when the receiver is not a container held by a name.
  package mutating func mutatingCall(
    _ base: PyExpr, _ method: String, _ arguments: [PyArgument], _ callLocation: Location,
    _ frame: Frame,
    statement: Location
  ) -> RValue? {
    if case .attribute(let owner, let attribute, _) = base.kind, case .name = owner.kind,
      case .instance(let instance) = evaluate(owner, frame, statement: statement),
      case .data(let container)? = instance.attributes[attribute]
    {
      // `self.items.append(x)`: the instance's own list or dict changes in place.
      let evaluated = evaluateArguments(arguments, frame, statement: statement)
      guard let evaluated, evaluated.keywords.isEmpty,
        let (updated, result) = mutate(
          container, method, evaluated.positional.map(\.pyValue),
          arguments.map { location($0.value.span, frame) }, callLocation)
      else {
        instance.attributes[attribute] = .data(.unknown("changed in place by .\(method)()"))
        return .data(.unknown("result of .\(method)()"))
      }
      instance.attributes[attribute] = .data(updated)
      return .data(result)
    }
    let rootName: String
    var keyExpressions: [PyExpr] = []
    if case .name(let name) = base.kind {
      rootName = name
    } else if let root = pathRoot(base) {
      rootName = root.name
      keyExpressions = root.keys
    } else {
      return nil
    }
    guard var found = binding(rootName, frame), case .data(let rootValue) = found.value else {
      return nil
    }
    let keys = keyExpressions.map { evaluate($0, frame, statement: statement).pyValue }
    var container = rootValue
    for key in keys { container = PyOperations.subscriptValue(container, key) }
    switch container {
    case .list, .dict, .dynamic: break
    case .tuple
    where keys.isEmpty && ["append", "extend", "insert", "remove", "clear"].contains(method):
      pendingRaise = ("AttributeError", callLocation)
      return .data(.none)
    default:
      if keys.isEmpty { return nil }
      // Something inside the container changes in a way the evaluator cannot follow.
      found.value = .data(.unknown("changed in place by .\(method)()"))
      update(rootName, found, frame)
      return .data(.unknown("result of .\(method)()"))
    }
    let evaluated = evaluateArguments(arguments, frame, statement: statement)
    let values = evaluated?.positional.map(\.pyValue) ?? []
    let argumentLocations = arguments.map { location($0.value.span, frame) }
    guard evaluated != nil, evaluated!.keywords.isEmpty,
      let (updated, result) = mutate(container, method, values, argumentLocations, callLocation)
    else {
      found.value = .data(
        PyOperations.lift([rootValue]) { _ in .unknown("changed in place by .\(method)()") })
      update(rootName, found, frame)
      return .data(.unknown("result of .\(method)()"))
    }
    let newRoot =
      keys.isEmpty
      ? updated : Self.replacing(in: rootValue, keys: keys[...], with: updated, at: callLocation)
    found.value = .data(newRoot)
    found.contributions.append(callLocation)
    propagateMutation(of: rootName, found, frame)
    update(rootName, found, frame)
    return .data(result)
  }

  /// `environ.Env(DEBUG=(bool, False), HOSTS=(list, []), PORT=int)`.
  package mutating func environSchema(
    _ arguments: [PyArgument], _ frame: Frame, statement: Location
  )
    -> RValue
  {
    var schema: [String: EnvSchemaEntry] = [:]
    for argument in arguments {
      guard case .keyword(let key) = argument.kind else { continue }
      var entry = EnvSchemaEntry(cast: nil, defaultValue: nil)
      var castExpression: PyExpr? = argument.value
      if case .tuple(let items) = argument.value.kind, !items.isEmpty {
        castExpression = items[0]
        if items.count > 1 {
          entry.defaultValue = evaluate(items[1], frame, statement: statement).pyValue
        }
      }
      if let castExpression,
        case .type(let type) = evaluate(castExpression, frame, statement: statement)
      {
        entry.cast = type
      }
      schema[key] = entry
    }
    return .envReader(schema)
  }

  /// In-place list and dict methods; returns the new container and the call's result.
  package func mutate(
    _ container: PyValue, _ method: String, _ arguments: [PyValue], _ argumentLocations: [Location],
    _ callLocation: Location
  )
    -> (PyValue, PyValue)?
  {
    if case .dynamic(var dynamic) = container, !dynamic.possibleValues.isEmpty,
      ["append", "extend", "insert", "remove"].contains(method)
    {
      // One of known lists, by a condition ebcheck cannot decide: each changed alike.
      var changed: [PyValue] = []
      for possible in dynamic.possibleValues {
        guard let (value, _) = mutate(possible, method, arguments, argumentLocations, callLocation),
          !value.hasUnknown
        else { return nil }
        changed.append(value)
      }
      dynamic.possibleValues = changed
      dynamic.defaultValue = nil
      return (.dynamic(dynamic), .none)
    }
    switch container {
    case .list(var elements):
      switch method {
      case _ where arguments.contains(where: { $0.nestsDeeper(than: Self.maximumValueDepth) }):
        return (.unknown("value nested too deeply"), .none)
      case "append" where arguments.count == 1:
        elements.append(PyElement(arguments[0], argumentLocations.first ?? callLocation))
      case "extend" where arguments.count == 1:
        if case .dynamic(var dynamic) = arguments[0], !dynamic.possibleValues.isEmpty {
          // One of known iterables, by a condition ebcheck cannot decide: the list extended
          // by each.
          let lists = dynamic.possibleValues.map { possible -> PyValue? in
            guard let extra = PyOperations.iterate(possible) else { return nil }
            return .list(
              elements
                + extra.map {
                  PyElement($0.value, $0.location ?? argumentLocations.first ?? callLocation)
                })
          }
          if lists.allSatisfy({ $0 != nil }) {
            dynamic.possibleValues = lists.compactMap { $0 }
            dynamic.defaultValue = nil
            return (.dynamic(dynamic), .none)
          }
        }
        guard let extra = PyOperations.iterate(arguments[0]) else {
          return (
            PyOperations.lift([arguments[0]]) { _ in .unknown("extend with a non-literal") }, .none
          )
        }
        elements += extra.map {
          PyElement($0.value, $0.location ?? argumentLocations.first ?? callLocation)
        }
      case "insert" where arguments.count == 2:
        guard let position = PyOperations.integer(arguments[0]) else {
          return (.unknown("insert position"), .none)
        }
        var resolved = position < 0 ? elements.count + position : position
        resolved = max(0, min(elements.count, resolved))
        elements.insert(
          PyElement(
            arguments[1], argumentLocations.count > 1 ? argumentLocations[1] : callLocation),
          at: resolved)
      case "remove" where arguments.count == 1:
        guard
          let index = elements.firstIndex(where: {
            PyOperations.equal($0.value, arguments[0]) == true
          })
        else {
          return (.unknown("remove of a missing element"), .none)
        }
        elements.remove(at: index)
      case "clear" where arguments.isEmpty:
        elements.removeAll()
      case "pop":
        guard !elements.isEmpty else { return (.unknown("pop from an empty list"), .none) }
        let index = arguments.first.flatMap(PyOperations.integer) ?? -1
        let resolved = index < 0 ? elements.count + index : index
        guard resolved >= 0 && resolved < elements.count else {
          return (.unknown("pop index"), .none)
        }
        let removed = elements.remove(at: resolved)
        return (.list(elements), removed.value)
      default:
        return nil
      }
      return (.list(elements), .none)
    case .dict(let entries):
      switch method {
      case "update" where arguments.count == 1:
        guard case .dict(let extra) = arguments[0] else { return (.unknown("dict update"), .none) }
        return (.dict(PyOperations.mergeDict(entries, extra)), .none)
      case "setdefault" where arguments.count >= 1:
        if let existing = entries.first(where: { PyOperations.equal($0.key, arguments[0]) == true })
        {
          return (container, existing.value)
        }
        let value = arguments.count > 1 ? arguments[1] : .none
        return (
          .dict(entries + [PyDictEntry(key: arguments[0], value: value, location: callLocation)]),
          value
        )
      default:
        return nil
      }
    case .dynamic:
      // Keep the value dynamic but apply the change to its default.
      let updated = PyOperations.lift([container]) { operands in
        mutate(operands[0], method, arguments, argumentLocations, callLocation)?.0
          ?? .unknown("mutation")
      }
      return (updated, .none)
    default:
      return nil
    }
  }

  package mutating func invoke(
    _ function: RValue, _ arguments: Arguments, _ callLocation: Location, _ frame: Frame,
    statement: Location
  )
    -> RValue
  {
    switch function {
    case .builtin(let name):
      if let handled = objectBuiltin(name, arguments, callLocation, frame, statement: statement) {
        return handled
      }
      return callBuiltin(name, arguments, callLocation, frame, statement: statement)
    case .type("dict"):
      return callBuiltin("dict", arguments, callLocation, frame, statement: statement)
    case .type(let name):
      guard arguments.keywords.isEmpty, arguments.positional.count <= 1 else {
        return .data(.unknown("\(name)() with several arguments"))
      }
      return .data(cast(name, arguments.positional.first?.pyValue, callLocation))
    case .function(let definition, let module):
      return callFunction(
        definition.parameters, .body(definition.body), module: module, arguments, callLocation,
        frame, statement: statement, isAsync: definition.isAsync)
    case .lambda(let parameters, let body, let module):
      return callFunction(
        parameters, .expression(body), module: module, arguments, callLocation, frame,
        statement: statement)
    case .boundMethod(let receiver, let name):
      return callMethod(receiver, name, arguments, callLocation, frame, statement: statement)
    case .envReader:
      let readsBefore = root.envReads.count
      return .data(
        raisingIfRequired(
          environReaderCall(function, kind: nil, arguments, callLocation),
          readsBefore: readsBefore, exception: "ImproperlyConfigured", at: callLocation))
    case .csv:
      guard let value = arguments.positional.first?.pyValue else { return .data(.list([])) }
      return .data(csvSplit(value))
    case .module(let name):
      if let library = DjangoLibrary.function(name) {
        return invoke(.native(library), arguments, callLocation, frame, statement: statement)
      }
      if RestFrameworkLibrary.isLibraryClass(name),
        let type = RestFrameworkLibrary.libraryClass(name)
      {
        // `AllowAny()`: an instance of DRF's class (a `get_permissions()` override).
        return invokeObject(
          .classObject(type), arguments, callLocation, frame, statement: statement)
      }
      if let log = externalCalls, let service = DjangoViewLibrary.externalService(name) {
        log.note(service.condition)
        if log.failing { pendingRaise = (service.exception, callLocation) }
      }
      return .data(.dynamic(DynamicValue(reason: "result of \(name)()", location: callLocation)))
    case .data(.dynamic(let dynamic)):
      return .data(
        .dynamic(
          DynamicValue(reason: dynamic.reason, envVar: dynamic.envVar, location: callLocation)))
    case .data(.unknown(let reason)):
      return .data(.unknown(reason))
    case .repoModule(let name):
      return .data(.unknown("call of module \(name)"))
    case .classObject, .instance, .native, .closure, .method, .superObject:
      return invokeObject(function, arguments, callLocation, frame, statement: statement)
    default:
      return .data(.unknown("call of a non-callable"))
    }
  }

  package enum FunctionBody {
    case body([PyStmt])
    case expression(PyExpr)
  }

  package mutating func callFunction(
    _ parameters: [PyParameter], _ body: FunctionBody, module: String, _ arguments: Arguments,
    _ callLocation: Location,
    _ frame: Frame, statement: Location, enclosing: Frame? = nil,
    superContext: (PyClassObject, RValue)? = nil, isAsync: Bool = false
  ) -> RValue {
    if isAsync {
      // The call of an `async def` runs when awaited.
      return .native(
        CoroutineObject("coroutine") { interpreter in
          interpreter.callFunction(
            parameters, body, module: module, arguments, callLocation, frame,
            statement: statement, enclosing: enclosing, superContext: superContext)
        })
    }
    guard callDepth < Self.maximumCallDepth, let state = evaluator.modules[module] else {
      return .data(.unknown("call too deep"))
    }
    let definitionFrame = Frame(module: state)
    definitionFrame.enclosing = enclosing
    var locals: [String: Binding] = [:]
    var positional = arguments.positional[...]
    var keywords = arguments.keywords
    var keywordOnly = false
    for parameter in parameters {
      let parameterLocation = location(parameter.span, definitionFrame)
      switch parameter.kind {
      case .positionalOnlyMarker: continue
      case .keywordOnlyMarker:
        keywordOnly = true
        continue
      case .varPositional:
        locals[parameter.name] = Binding(
          value: Self.packed(positional),
          location: parameterLocation,
          valueLocation: parameterLocation)
        positional = []
        keywordOnly = true
        continue
      case .varKeyword:
        locals[parameter.name] = Binding(
          value: Self.packedKeywords(keywords), location: parameterLocation,
          valueLocation: parameterLocation)
        keywords = []
        continue
      case .positional:
        break
      }
      var value: RValue?
      var sharedIdentity: Int?
      if !keywordOnly, let first = positional.first {
        value = first
        let index = positional.startIndex
        sharedIdentity = index < arguments.identities.count ? arguments.identities[index] : nil
        positional = positional.dropFirst()
      } else if let index = keywords.firstIndex(where: { $0.0 == parameter.name }) {
        value = keywords[index].1
        keywords.remove(at: index)
      } else if let defaultValue = parameter.defaultValue {
        value = evaluate(defaultValue, definitionFrame, statement: statement)
      }
      locals[parameter.name] = Binding(
        value: value ?? .data(.unknown("missing argument '\(parameter.name)'")),
        location: parameterLocation,
        valueLocation: parameterLocation,
        identity: sharedIdentity ?? (value.map(isList) == true ? newIdentity() : nil))
    }
    let callee = Frame(
      module: state, locals: locals,
      callSite: frame.callSite ?? (frame.locals == nil ? statement : callLocation))
    callee.enclosing = enclosing
    callee.superContext = superContext
    callDepth += 1
    let savedCallSite = activeCallSite
    activeCallSite = callee.callSite
    defer {
      callDepth -= 1
      activeCallSite = savedCallSite
    }
    switch body {
    case .expression(let expression):
      return evaluate(expression, callee, statement: statement)
    case .body(let statements):
      let flow = execute(statements, callee)
      var result: RValue
      switch flow {
      case .returned(let value): result = value
      case .raised(let kind, let raisedAt):
        pendingRaise = (kind, raisedAt)
        return .data(.unknown("exception"))
      case .stop: return .data(.unknown("evaluation budget exhausted"))
      default: result = .data(.none)
      }
      for candidate in callee.pendingReturns.reversed() {
        result = mergeValues(
          candidate, result, callLocation, "function result depends on a condition", nil)
      }
      return result
    }
  }

  // MARK: builtins

  package mutating func callBuiltin(
    _ name: String, _ arguments: Arguments, _ callLocation: Location, _ frame: Frame,
    statement: Location
  )
    -> RValue
  {
    let first = arguments.positional.first?.pyValue
    switch name {
    case "os.getenv":
      guard let key = first else { return .data(.unknown("getenv without a name")) }
      let fallback = arguments.argument(1, "default")?.pyValue ?? .none
      return .data(environRead(key, defaultValue: fallback, helper: "os.getenv", callLocation))
    case "len":
      if case .native(let packed as ArgumentTuple)? = arguments.positional.first {
        return .data(.int(packed.values.count))
      }
      guard let value = first else { return .data(.unknown("len")) }
      return .data(
        PyOperations.lift([value]) { operands in
          if case .string(let text) = operands[0] { return .int(text.unicodeScalars.count) }
          if operands[0].hasUnknown { return .unknown("len of a value built from unknowns") }
          guard let elements = PyOperations.iterate(operands[0]) else { return .unknown("len") }
          return .int(elements.count)
        })
    case "range":
      let bounds = arguments.positional.map { PyOperations.integer($0.pyValue) }
      guard !bounds.isEmpty, bounds.allSatisfy({ $0 != nil }) else {
        return .data(.unknown("range"))
      }
      let values = bounds.map { $0! }
      let (start, end, step) =
        values.count == 1
        ? (0, values[0], 1) : (values[0], values[1], values.count > 2 ? values[2] : 1)
      guard step != 0 else { return .data(.unknown("range step 0")) }
      let exactCount = ((Double(end) - Double(start)) / Double(step)).rounded(.up)
      guard exactCount <= Double(Self.maximumIterations) else {
        return .data(.unknown("range too long"))
      }
      // Step by addition and stop on overflow: `start + index * step` can overflow even when
      // every element of the range fits in an Int.
      var elements: [PyElement] = []
      var current = start
      while step > 0 ? current < end : current > end {
        elements.append(PyElement(.int(current)))
        let (next, overflow) = current.addingReportingOverflow(step)
        if overflow || elements.count > Self.maximumIterations { break }
        current = next
      }
      return .data(.list(elements))
    case "any", "all":
      guard let value = first, arguments.positional.count == 1 else {
        return .data(.unknown(name + "()"))
      }
      return .data(PyOperations.lift([value]) { Self.anyOrAll(name == "any", $0[0]) })
    case "sorted":
      guard let value = first, let elements = PyOperations.iterate(value),
        arguments.keywords.isEmpty
      else {
        return .data(.unknown("sorted"))
      }
      var undecided = false
      let sortedElements = elements.sorted { a, b in
        guard let order = PyOperations.compareOrder(a.value, b.value) else {
          undecided = true
          return false
        }
        return order < 0
      }
      return .data(undecided ? .unknown("sorted") : .list(sortedElements))
    case "print", "dotenv.load_dotenv", "environ.Env.read_env":
      return .data(.none)
    case "os.popen", "subprocess.check_output", "subprocess.getoutput", "subprocess.run":
      var words: [String] = []
      for argument in arguments.positional {
        switch argument.pyValue {
        case .string(let text): words.append(text)
        case .list(let elements), .tuple(let elements):
          words += elements.compactMap(\.value.stringValue)
        default: break
        }
      }
      let command = words.joined(separator: " ")
      // Beanstalk's own `get-config environment` prints the environment properties as JSON:
      // the option settings (and supplied values) the evaluator already knows.
      if command.contains("elasticbeanstalk/bin/get-config"), command.contains("environment") {
        return .data(.string(PyOperations.jsonObject(evaluator.env)))
      }
      let asksMetadata = command.contains("169.254.169.254") && command.contains("local-ipv4")
      let asksHostname = command.hasPrefix("hostname -I") || command.hasPrefix("hostname -i")
      guard asksMetadata || asksHostname else {
        return .data(
          .dynamic(DynamicValue(reason: "output of a shell command", location: callLocation)))
      }
      let lookup = InstanceIPLookup(
        method: asksMetadata ? .imds : .socket,
        usesToken: asksMetadata && command.lowercased().contains("x-aws-ec2-metadata-token"),
        location: callLocation, callSite: frame.callSite)
      record(lookup)
      return .response(.instanceIP(lookup))
    case "open":
      if case .string(let path)? = first, let instanceFile = evaluator.openInstanceFile(path) {
        return instanceFile
      }
      guard case .string(let path)? = first else {
        return .data(
          .dynamic(
            DynamicValue(reason: "contents of a file read at run time", location: callLocation)))
      }
      let mode = arguments.argument(1, "mode")?.pyValue ?? .string("r")
      if mode == .string("r") || mode == .string("rt"), let bundled = evaluator.bundledFile(path) {
        return opened(bundled, at: callLocation)
      }
      // Only the path is named: a data file may be in the bundle without ebcheck reading it.
      let reason = "contents of \(path), read at run time"
      return .data(.dynamic(DynamicValue(reason: reason, location: callLocation)))
    case "json.load", "json.loads":
      if name == "json.loads", case .string(let text)? = first,
        let parsed = PyOperations.parseJSON(text)
      {
        return .data(parsed)
      }
      if name == "json.load",
        case .native(let file as BundledTextFile)? = arguments.positional.first
      {
        return .data(
          PyOperations.parseJSON(file.text) ?? .unknown("\(file.path) is not JSON ebcheck reads"))
      }
      // A file whose contents are unknown (outside the application folder) stays unknown.
      if case .unknown? = first { return .data(first!) }
      return .data(
        .dynamic(DynamicValue(reason: "value read from a JSON file", location: callLocation)))
    case "os.path.join":
      return .data(
        PyOperations.lift(arguments.positional.map(\.pyValue)) { operands in
          var path = ""
          for operand in operands {
            guard case .string(let part) = operand else { return .unknown("os.path.join") }
            if part.hasPrefix("/") {
              path = part
            } else if path.isEmpty || path.hasSuffix("/") {
              path += part
            } else {
              path += "/" + part
            }
          }
          return .string(path)
        })
    case "socket.gethostname", "socket.getfqdn":
      var hostname = DynamicValue(reason: "instance hostname", location: callLocation)
      hostname.isInstanceHostname = true
      return .data(.dynamic(hostname))
    case "socket.gethostbyname", "socket.gethostbyname_ex":
      if case .string = first {
        return .data(.dynamic(DynamicValue(reason: "DNS lookup", location: callLocation)))
      }
      let lookup = InstanceIPLookup(
        method: .socket, usesToken: false, location: callLocation, callSite: frame.callSite)
      record(lookup)
      if name == "socket.gethostbyname" { return .data(.instanceIP(lookup)) }
      let hostname = PyValue.dynamic(
        DynamicValue(reason: "instance hostname", location: callLocation))
      return .data(
        .tuple([
          PyElement(hostname), PyElement(.list([])),
          PyElement(.list([PyElement(.instanceIP(lookup), callLocation)])),
        ]))
    case "requests.get", "requests.put", "requests.post", "requests.head":
      let method = String(name.dropFirst("requests.".count)).uppercased()
      return http(
        method, arguments.argument(0, "url")?.pyValue, headers(arguments.keyword("headers")),
        callLocation, frame)
    case "requests.request", "urllib3.request":
      return http(
        (arguments.argument(0, "method")?.pyValue.stringValue ?? "GET").uppercased(),
        arguments.argument(1, "url")?.pyValue,
        headers(arguments.keyword("headers")), callLocation, frame)
    case "requests.Session", "requests.session", "urllib3.PoolManager":
      return .httpClient
    case "urllib.request.Request", "urllib2.Request":
      let method = arguments.keyword("method")?.pyValue.stringValue?.uppercased()
      let data = arguments.argument(1, "data")?.pyValue
      return .httpRequest(
        url: arguments.argument(0, "url")?.pyValue ?? .unknown("url"),
        headers: headers(arguments.argument(2, "headers")),
        method: method ?? (data == nil || data == PyValue.none ? "GET" : "POST"))
    case "urllib.request.urlopen", "urllib2.urlopen":
      guard let target = arguments.argument(0, "url") else { return .data(.unknown("urlopen")) }
      if case .httpRequest(let url, let requestHeaders, let method) = target {
        return http(method, url, requestHeaders, callLocation, frame)
      }
      return http("GET", target.pyValue, [], callLocation, frame)
    case "environ.Env":
      return .envReader([:])
    case "decouple.config":
      let readsBefore = root.envReads.count
      return .data(
        raisingIfRequired(
          decoupleConfig(arguments, callLocation), readsBefore: readsBefore,
          exception: "UndefinedValueError", at: callLocation))
    case "decouple.Csv":
      return .csv
    case "decouple.AutoConfig", "decouple.Config":
      return .builtin("decouple.config")
    case "dj_database_url.config", "dj_database_url.parse":
      return .data(
        .dynamic(
          DynamicValue(
            reason: "database URL from the environment", envVar: "DATABASE_URL",
            location: callLocation)))
    case "distutils.util.strtobool":
      guard let text = first else { return .data(.unknown(name)) }
      return .data(PyOperations.lift([text]) { Self.strtobool($0[0]) })
    case "urllib.parse.urlparse", "urllib.parse.urlsplit", "urlparse.urlparse":
      guard let url = first else { return .data(.unknown(name)) }
      return .record(PyOperations.urlParts(url))
    case "pathlib.Path", "pathlib.Path.cwd", "os.getcwd", "os.path.dirname", "os.path.abspath",
      "os.path.realpath", "os.path.normpath", "os.path.basename", "os.path.exists",
      "os.path.isfile", "os.path.isdir":
      return filesystemCall(name, arguments, callLocation)
    case "configparser.ConfigParser", "configparser.SafeConfigParser":
      let raw = arguments.keyword("interpolation").map { $0.pyValue == PyValue.none } ?? false
      return .native(ConfigParserObject(interpolates: !raw))
    case "configparser.RawConfigParser":
      return .native(ConfigParserObject(interpolates: false))
    case "str.lower", "str.upper", "str.strip":
      guard let value = first else { return .data(.unknown(name)) }
      return callMethod(
        .data(value), String(name.dropFirst(4)), Arguments(), callLocation, frame,
        statement: statement)
    case "dict":
      guard arguments.positional.isEmpty else { return .data(.unknown("dict()")) }
      return .data(
        .dict(
          arguments.keywords.map {
            PyDictEntry(key: .string($0.0), value: $0.1.pyValue, location: callLocation)
          }))
    default:
      return valueBuiltin(name, arguments, callLocation) ?? .data(.unknown("call of \(name)()"))
    }
  }

  /// `any(iterable)` (`isAny`) or `all(iterable)`: one element that decides (True for any,
  /// False for all) decides, even beside undecided ones; otherwise an undecided element
  /// leaves the answer undecided (dynamic when it is).
  package static func anyOrAll(_ isAny: Bool, _ iterable: PyValue) -> PyValue {
    guard let elements = PyOperations.iterate(iterable) else {
      return .unknown((isAny ? "any" : "all") + "() of a value ebcheck cannot iterate")
    }
    let values = elements.map(\.value)
    if values.contains(where: { $0.truthiness == isAny }) { return .bool(isAny) }
    let undecided = values.filter { $0.truthiness == nil }
    if undecided.isEmpty { return .bool(!isAny) }
    return PyOperations.lift(undecided) { operands in
      let truths = operands.map(\.truthiness)
      if truths.contains(where: { $0 == nil }) { return .unknown(isAny ? "any()" : "all()") }
      return .bool(isAny ? truths.contains(true) : !truths.contains(false))
    }
  }

  /// `distutils.util.strtobool`: 1 for y, yes, t, true, on, 1; 0 for n, no, f, false, off, 0
  /// (any case); anything else raises ValueError, which stops the import (unknown here).
  package static func strtobool(_ value: PyValue) -> PyValue {
    guard case .string(let text) = value else { return .unknown("strtobool() of a non-string") }
    switch text.lowercased() {
    case "y", "yes", "t", "true", "on", "1": return .int(1)
    case "n", "no", "f", "false", "off", "0": return .int(0)
    default: return .unknown("strtobool(\(value.pythonRepr)) raises ValueError")
    }
  }

  /// Python's `int()`, `str()`, `bool()`, `float()`, `list()`, `tuple()` on a value.
  package func cast(_ type: String, _ value: PyValue?, _ callLocation: Location) -> PyValue {
    guard let value else {
      switch type {
      case "int": return .int(0)
      case "str": return .string("")
      case "bool": return .bool(false)
      case "float": return .float(0)
      case "list": return .list([])
      case "tuple": return .tuple([])
      case "dict": return .dict([])
      default: return .unknown(type)
      }
    }
    if case .instanceIP = value, type == "str" { return value }
    return PyOperations.lift([value]) { operands in
      let operand = operands[0]
      switch type {
      case "str": return PyOperations.str(operand)
      case "bool":
        guard let truth = operand.truthiness else { return .unknown("bool()") }
        return .bool(truth)
      case "int":
        switch operand {
        case .string(let text):
          return PyOperations.parseInt(text).map(PyValue.int)
            ?? .unknown("int() of \(operand.pythonRepr)")
        case .int, .bool: return .int(PyOperations.integer(operand)!)
        case .float(let number):
          guard number.isFinite, abs(number) < 9e18 else { return .unknown("int()") }
          return .int(Int(number))
        default: return .unknown("int()")
        }
      case "float":
        switch operand {
        case .string(let text):
          return PyOperations.parseFloat(text).map(PyValue.float) ?? .unknown("float()")
        case .int, .bool: return .float(Double(PyOperations.integer(operand)!))
        case .float: return operand
        default: return .unknown("float()")
        }
      case "list", "tuple":
        guard let elements = PyOperations.iterate(operand) else { return .unknown("\(type)()") }
        return type == "list" ? .list(elements) : .tuple(elements)
      default:
        return .unknown("\(type)()")
      }
    }
  }

  package mutating func callMethod(
    _ receiver: RValue, _ name: String, _ arguments: Arguments, _ callLocation: Location,
    _ frame: Frame, statement: Location
  ) -> RValue {
    switch receiver {
    case .environ(let provenance):
      switch name {
      case "get", "setdefault":
        guard let key = arguments.positional.first?.pyValue else {
          return .data(.unknown("environ.\(name)"))
        }
        let fallback = arguments.argument(1, "default")?.pyValue ?? .none
        return .data(
          environRead(
            key, defaultValue: fallback, helper: "os.environ.\(name)", callLocation,
            provenance: provenance))
      default:
        return .data(.unknown("os.environ.\(name)"))
      }
    case .envReader:
      let readsBefore = root.envReads.count
      return .data(
        raisingIfRequired(
          environReaderCall(receiver, kind: name, arguments, callLocation),
          readsBefore: readsBefore, exception: "ImproperlyConfigured", at: callLocation))
    case .httpClient:
      switch name {
      case "get", "put", "post", "head":
        return http(
          name.uppercased(), arguments.argument(0, "url")?.pyValue,
          headers(arguments.keyword("headers")), callLocation, frame)
      case "request":
        return http(
          (arguments.argument(0, "method")?.pyValue.stringValue ?? "GET").uppercased(),
          arguments.argument(1, "url")?.pyValue,
          headers(arguments.keyword("headers")), callLocation, frame)
      default:
        return .httpClient
      }
    case .response:
      // `.read()`, `.decode()`, `.strip()`, `.json()`, `.raise_for_status()` keep the response.
      if name == "raise_for_status" || name == "close" { return .data(.none) }
      return receiver
    case .data(let value):
      let values = arguments.positional.map(\.pyValue)
      var keywords: [String: PyValue] = [:]
      for (key, keywordValue) in arguments.keywords { keywords[key] = keywordValue.pyValue }
      if case .instanceIP = value, ["strip", "decode", "rstrip", "lstrip", "lower"].contains(name) {
        return receiver
      }
      if let raised = methodOnNone(value, name, callLocation) { return raised }
      return .data(
        PyOperations.lift([value] + values + Array(keywords.values)) { operands in
          let subject = operands[0]
          let methodArguments = Array(operands[1..<(1 + values.count)])
          var methodKeywords: [String: PyValue] = [:]
          for (index, key) in keywords.keys.enumerated() {
            methodKeywords[key] = operands[1 + values.count + index]
          }
          return dataMethod(subject, name, methodArguments, methodKeywords)
        })
    default:
      return .data(.unknown("method \(name)"))
    }
  }

  package func dataMethod(
    _ subject: PyValue, _ name: String, _ arguments: [PyValue], _ keywords: [String: PyValue]
  ) -> PyValue {
    if subject.hasUnknown || arguments.contains(where: \.hasUnknown) {
      return .unknown("method on a value built from unknowns")
    }
    switch subject {
    case .string(let text):
      return PyOperations.stringMethod(text, name, arguments, keywords: keywords)
        ?? .unknown("str.\(name)")
    case .dict(let entries):
      switch name {
      case "get":
        guard let key = arguments.first else { return .unknown("dict.get") }
        for entry in entries {
          switch PyOperations.equal(entry.key, key) {
          case true?: return entry.value
          case nil: return .unknown("dict.get")
          default: continue
          }
        }
        return arguments.count > 1 ? arguments[1] : .none
      case "copy": return subject
      default: return .unknown("dict.\(name)")
      }
    case .list, .tuple:
      switch name {
      case "copy":
        if case .list = subject { return subject }
        return .unknown("tuple has no copy()")
      case "index", "count":
        guard let elements = subject.elements, let item = arguments.first else {
          return .unknown(name)
        }
        if name == "count" {
          return .int(elements.filter { PyOperations.equal($0.value, item) == true }.count)
        }
        guard let index = elements.firstIndex(where: { PyOperations.equal($0.value, item) == true })
        else {
          return .unknown("index of a missing element")
        }
        return .int(index)
      default: return .unknown("list.\(name)")
      }
    default:
      return .unknown("method \(name)")
    }
  }

  // MARK: environment

  package func environRead(
    _ key: PyValue, defaultValue: PyValue?, helper: String, _ callLocation: Location,
    provenance: EnvProvenance? = nil
  )
    -> PyValue
  {
    guard case .string(let name) = key else {
      return computedNameRead(key, defaultValue: defaultValue, helper: helper, callLocation)
    }
    var read = EnvRead(
      name: name, defaultValue: defaultValue, location: callLocation, helper: helper)
    read.provenance = provenance
    record(read)
    if let supplied = evaluator.env[name] { return .string(supplied) }
    return unset(
      DynamicValue(
        reason: "environment variable \(name)", envVar: name, defaultValue: defaultValue,
        location: callLocation))
  }

  /// A variable whose name is one of a few known names, by a condition ebcheck cannot decide
  /// (`os.environ.get('LOCAL_HOSTS' if LOCAL else 'LIVE_HOSTS', …)`): each is read; their
  /// common value when they agree, else one of them.
  package func computedNameRead(
    _ key: PyValue, defaultValue: PyValue?, helper: String, _ callLocation: Location
  ) -> PyValue {
    guard case .dynamic(let choice) = key, choice.envVar == nil,
      (2...Self.maximumNameChoices).contains(choice.possibleValues.count)
    else { return .unknown("environment variable with a computed name") }
    var values: [PyValue] = []
    for possible in choice.possibleValues {
      guard case .string = possible else {
        return .unknown("environment variable with a computed name")
      }
      values.append(environRead(possible, defaultValue: defaultValue, helper: helper, callLocation))
    }
    if values.dropFirst().allSatisfy({ $0.sameValue(as: values[0]) }) { return values[0] }
    let names = choice.possibleValues.compactMap(\.stringValue).joined(separator: " or ")
    return .dynamic(
      DynamicValue(
        reason: "environment variable \(names)", possibleValues: values, location: callLocation))
  }

  package static let maximumNameChoices = 4

  /// An unset variable: its default when the evaluator assumes unset variables take their
  /// defaults (what the deployed process does), else a dynamic value. A variable taken as set
  /// by the console is a value ebcheck does not know, whatever its default.
  package func unset(_ dynamic: DynamicValue) -> PyValue {
    if let name = dynamic.envVar, evaluator.setVariables.contains(name) {
      var set = dynamic
      set.defaultValue = nil
      set.reason = "environment variable \(name), set in the console"
      return .dynamic(set)
    }
    if evaluator.unsetVariablesTakeDefaults, let value = dynamic.defaultValue { return value }
    return .dynamic(dynamic)
  }

  /// In the arm where the console sets nothing (`SettingsEvaluator.requiredReadsRaise`), a
  /// read without a default of a variable nothing sets raises as its helper does (KeyError for
  /// `os.environ[...]`, ImproperlyConfigured or EnvError for `env(...)`, UndefinedValueError for
  /// `config(...)`); the first such read is the evaluator's `failingRead`.
  package mutating func raisingIfRequired(
    _ value: PyValue, readsBefore: Int, exception: String, at: Location
  ) -> PyValue {
    guard evaluator.requiredReadsRaise, undecidedDepth == 0, readsBefore < root.envReads.count
    else { return value }
    for read in root.envReads[readsBefore...]
    where read.defaultValue == nil && evaluator.env[read.name] == nil
      && !evaluator.setVariables.contains(read.name)
    {
      if evaluator.failingRead == nil { evaluator.failingRead = read }
      pendingRaise = (exception, at)
      return .unknown("\(read.name) is not set")
    }
    return value
  }

  package func environContains(_ key: PyValue, negated: Bool, _ callLocation: Location) -> PyValue {
    guard case .string(let name) = key else { return .unknown("environment membership") }
    record(EnvRead(name: name, defaultValue: nil, location: callLocation, helper: "in os.environ"))
    if evaluator.env[name] != nil { return .bool(!negated) }
    let membership = DynamicValue(
      reason: "whether environment variable \(name) is set", envVar: name,
      defaultValue: .bool(negated),
      location: callLocation)
    recordCondition(.dynamic(membership), against: nil, at: callLocation)
    return unset(membership)
  }

  package static let environTrue: Set<String> = ["true", "on", "ok", "y", "yes", "1"]

  /// django-environ's parsing of a supplied string.
  package func environParse(_ text: String, cast: String?) -> PyValue {
    if text.hasPrefix("$") { return .unknown("proxied environment value") }
    switch cast {
    case nil, "str": return .string(text)
    case "bool":
      if let number = PyOperations.parseInt(text) { return .bool(number != 0) }
      guard PyOperations.isASCII(text) else { return .unknown("bool of non-ASCII text") }
      return .bool(
        Self.environTrue.contains(
          PyOperations.strip(text, characters: nil, leading: true, trailing: true).lowercased()))
    case "int": return PyOperations.parseInt(text).map(PyValue.int) ?? .unknown("int of \(text)")
    case "list":
      return .list(
        (PyOperations.split(text, separator: ",") ?? []).filter { !$0.isEmpty }.map {
          PyElement(.string($0))
        })
    case "tuple":
      let trimmed = PyOperations.strip(
        PyOperations.strip(text, characters: "(", leading: true, trailing: true), characters: ")",
        leading: true,
        trailing: true)
      return .tuple(
        (PyOperations.split(trimmed, separator: ",") ?? []).filter { !$0.isEmpty }.map {
          PyElement(.string($0))
        })
    default:
      return .unknown("django-environ cast \(cast ?? "")")
    }
  }

  package static func typeName(of value: PyValue) -> String? {
    switch value {
    case .bool: return "bool"
    case .int: return "int"
    case .float: return "float"
    case .string: return "str"
    case .list: return "list"
    case .tuple: return "tuple"
    default: return nil
    }
  }

  /// `env("X", default=…)`, `env.bool("X", default)`, `env.list("X")`… on a django-environ reader.
  package func environReaderCall(
    _ reader: RValue, kind: String?, _ arguments: Arguments, _ callLocation: Location
  ) -> PyValue {
    guard case .envReader(let schema) = reader else { return .unknown("environ") }
    if kind == "read_env" { return .none }
    guard case .string(let name)? = arguments.argument(0, "var")?.pyValue else {
      return .unknown("django-environ read with a computed name")
    }
    var cast: String?
    var fallback: PyValue?
    if let kind {
      switch kind {
      case "str", "bool", "int", "float", "list", "tuple": cast = kind
      case "json", "dict", "url", "db", "db_url", "cache", "cache_url", "email", "email_url",
        "search_url", "path":
        record(
          EnvRead(
            name: name, defaultValue: arguments.argument(1, "default")?.pyValue,
            location: callLocation, helper: "env.\(kind)"))
        if let supplied = evaluator.env[name] {
          return .dynamic(
            DynamicValue(
              reason:
                "parsed \(kind) from \(supplied.isEmpty ? "an empty value" : "environment variable \(name)")",
              envVar: name, location: callLocation))
        }
        return .dynamic(
          DynamicValue(reason: "environment variable \(name)", envVar: name, location: callLocation)
        )
      default:
        return .unknown("env.\(kind)")
      }
      fallback = arguments.argument(1, "default")?.pyValue
    } else {
      if let explicit = arguments.argument(1, "cast") {
        switch explicit {
        case .type(let type): cast = type
        case .data(.none): cast = nil
        default: return .unknown("django-environ cast")
        }
      }
      fallback = arguments.argument(2, "default")?.pyValue
    }
    if let entry = schema[name] {
      if cast == nil { cast = entry.cast }
      if fallback == nil { fallback = entry.defaultValue }
    }
    record(
      EnvRead(
        name: name, defaultValue: fallback, location: callLocation,
        helper: kind.map { "env.\($0)" } ?? "environ.Env"))
    guard let supplied = evaluator.env[name] else {
      return unset(
        DynamicValue(
          reason: "environment variable \(name)", envVar: name, defaultValue: fallback,
          location: callLocation))
    }
    if cast == nil, let fallback, fallback != .none { cast = Self.typeName(of: fallback) }
    if fallback == PyValue.none && supplied.isEmpty { return .none }
    if let fallback, case .string(let text) = fallback, text == supplied { return fallback }
    return environParse(supplied, cast: cast)
  }

  package static let decoupleTrue: Set<String> = ["y", "yes", "t", "true", "on", "1"]
  package static let decoupleFalse: Set<String> = ["n", "no", "f", "false", "off", "0"]

  /// python-decouple's `config(name, default=…, cast=…)`: casts apply to defaults too.
  package func decoupleConfig(_ arguments: Arguments, _ callLocation: Location) -> PyValue {
    guard case .string(let name)? = arguments.argument(0, "option")?.pyValue else {
      return .unknown("config() with a computed name")
    }
    let fallback = arguments.argument(1, "default")?.pyValue
    let castValue = arguments.argument(2, "cast")
    func applyCast(_ value: PyValue) -> PyValue {
      guard let castValue else { return value }
      switch castValue {
      case .type("bool"):
        if case .bool = value { return value }
        guard let text = value.pythonStr else { return .unknown("bool cast") }
        if text.isEmpty { return .bool(false) }
        guard PyOperations.isASCII(text) else { return .unknown("bool cast") }
        let lowered = text.lowercased()
        if Self.decoupleTrue.contains(lowered) { return .bool(true) }
        if Self.decoupleFalse.contains(lowered) { return .bool(false) }
        return .unknown("invalid truth value \(text)")
      case .type(let type):
        return cast(type, value, callLocation)
      case .csv:
        return csvSplit(value)
      default:
        return .unknown("config() cast")
      }
    }
    record(
      EnvRead(name: name, defaultValue: fallback, location: callLocation, helper: "decouple.config")
    )
    if let supplied = evaluator.env[name] { return applyCast(.string(supplied)) }
    var dynamic = DynamicValue(
      reason: "environment variable \(name)", envVar: name, location: callLocation)
    if let fallback {
      let converted = applyCast(fallback)
      if case .unknown = converted {} else { dynamic.defaultValue = converted }
    }
    return unset(dynamic)
  }

  /// decouple's `Csv()`: split on commas (shlex, so no quotes or comments), strip whitespace.
  package func csvSplit(_ value: PyValue) -> PyValue {
    PyOperations.lift([value]) { operands in
      if operands[0] == .none { return .list([]) }
      guard case .string(let text) = operands[0] else { return .unknown("Csv of a non-string") }
      if text.contains(where: { "\"'\\#".contains($0) }) {
        return .unknown("Csv with quotes or comments")
      }
      let parts = (PyOperations.split(text, separator: ",") ?? []).filter { !$0.isEmpty }
      return .list(
        parts.map {
          PyElement(.string(PyOperations.strip($0, characters: nil, leading: true, trailing: true)))
        })
    }
  }

  // MARK: HTTP and the instance metadata service

  package func headers(_ value: RValue?) -> [String] {
    guard case .data(.dict(let entries))? = value else { return [] }
    return entries.compactMap { $0.key.stringValue?.lowercased() }
  }

  package mutating func http(
    _ method: String, _ url: PyValue?, _ headerNames: [String], _ callLocation: Location,
    _ frame: Frame
  )
    -> RValue
  {
    guard case .string(let address)? = url else {
      return .response(.other(DynamicValue(reason: "HTTP response", location: callLocation)))
    }
    let isMetadata =
      address.contains("169.254.169.254") || address.contains("//instance-data")
      || address.contains("[fd00:ec2::254]")
    guard isMetadata else {
      return .response(
        .other(DynamicValue(reason: "HTTP response from \(address)", location: callLocation)))
    }
    if address.contains("/api/token") {
      sawTokenRequest = true
      return .response(.token(callLocation))
    }
    if address.hasSuffix("local-ipv4") || address.contains("local-ipv4") {
      let lookup = InstanceIPLookup(
        method: .imds,
        usesToken: sawTokenRequest && headerNames.contains("x-aws-ec2-metadata-token"),
        location: callLocation, callSite: frame.callSite)
      record(lookup)
      return .response(.instanceIP(lookup))
    }
    return .response(
      .other(DynamicValue(reason: "instance metadata \(address)", location: callLocation)))
  }
}

extension PyInterpreter {
  /// An operator whose operands are objects the data model gives a meaning to: `/` on
  /// `pathlib` paths, `&`/`|` composing DRF permission classes. Nil: plain data.
  fileprivate func objectOperation(_ op: PyBinaryOperator, _ left: RValue, _ right: RValue)
    -> RValue?
  {
    if PathObject.isPath(left) || PathObject.isPath(right) {
      guard op == .divide, let joined = PathObject.divide(left, right, evaluator.deployed)
      else { return .data(.unknown("operation on a path")) }
      return joined
    }
    return ComposedPermission.compose(op, left, right)
  }
}
