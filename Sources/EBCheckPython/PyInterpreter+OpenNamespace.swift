import EBCheckCore

/// Writes to a module namespace under a name the evaluator cannot read (`setattr(module, key,
/// value)` with `key` from data outside the repository): afterwards any setting not assigned
/// again may hold anything.
extension PyInterpreter {
  /// The module `expression` names (`sys.modules[NAME]`; the running module when NAME is
  /// not known): `.some(nil)` for a module the evaluator does not hold, nil when
  /// `expression` is not that shape.
  package mutating func namedModule(_ expression: PyExpr, _ frame: Frame, statement: Location)
    -> ModuleState??
  {
    guard case .subscription(let modules, let key) = expression.kind,
      case .attribute(let base, "modules", _) = modules.kind, case .name("sys") = base.kind
    else { return nil }
    let named = evaluate(key, frame, statement: statement).pyValue
    if case .string(let name) = named {
      return .some(name == frame.module.name ? frame.module : evaluator.modules[name])
    }
    return .some(frame.module)
  }

  /// This module's namespace as a dict: `globals()` at module level or `vars(sys.modules[…])`.
  /// Nil when `expression` is not a namespace; `.some(nil)` for a module not held.
  package mutating func namespace(_ expression: PyExpr, _ frame: Frame, statement: Location)
    -> ModuleState??
  {
    guard case .call(let callee, let arguments) = expression.kind,
      case .name(let function) = callee.kind, binding(function, frame) == nil
    else { return nil }
    if function == "globals", arguments.isEmpty { return .some(frame.module) }
    if function == "vars", arguments.count == 1 {
      return namedModule(arguments[0].value, frame, statement: statement)
    }
    return nil
  }

  /// Writes `value` under `name` into this module's namespace, or opens it when the name is
  /// not a string ebcheck knows.
  package mutating func writeNamespace(
    _ name: PyValue, _ value: RValue, setter: String, at: Location, valueLocation: Location,
    into module: ModuleState, _ frame: Frame
  ) {
    guard case .string(let attribute) = name else {
      openNamespace(module, setter: setter, at: at, value: value.pyValue, frame)
      return
    }
    module.globals[attribute] = Binding(value: value, location: at, valueLocation: valueLocation)
    module.noteAssignment(attribute)
  }

  /// `setattr(sys.modules[...], NAME, VALUE)`; nil when the call is not that shape (the
  /// ordinary call path handles it).
  package mutating func moduleSetattr(
    _ callee: PyExpr, _ arguments: [PyArgument], _ callLocation: Location, _ frame: Frame,
    statement: Location
  ) -> RValue? {
    guard case .name("setattr") = callee.kind, binding("setattr", frame) == nil,
      arguments.count == 3, arguments.allSatisfy({ $0.kind == .positional }),
      let target = namedModule(arguments[0].value, frame, statement: statement)
    else { return nil }
    guard let target else { return .data(.none) }
    let name = evaluate(arguments[1].value, frame, statement: statement).pyValue
    let value = evaluate(arguments[2].value, frame, statement: statement)
    writeNamespace(
      name, value, setter: "setattr", at: callLocation,
      valueLocation: location(arguments[2].value.span, frame), into: target, frame)
    return .data(.none)
  }

  /// `globals().update(D)` / `vars(sys.modules[...]).update(D)`: each key of a dict ebcheck
  /// knows is assigned; any other argument opens the namespace.
  package mutating func namespaceUpdate(
    _ callee: PyExpr, _ arguments: [PyArgument], _ callLocation: Location, _ frame: Frame,
    statement: Location
  ) -> RValue? {
    guard case .attribute(let base, "update", _) = callee.kind,
      let target = namespace(base, frame, statement: statement)
    else { return nil }
    guard let target else { return .data(.none) }
    let positional = arguments.filter { $0.kind == .positional }
    for argument in positional {
      let value = evaluate(argument.value, frame, statement: statement)
      guard case .data(.dict(let entries)) = value else {
        openNamespace(target, setter: "update", at: callLocation, value: value.pyValue, frame)
        continue
      }
      for entry in entries {
        writeNamespace(
          entry.key, .data(entry.value), setter: "update", at: callLocation,
          valueLocation: entry.location ?? callLocation, into: target, frame)
      }
    }
    for argument in arguments {
      if case .keyword(let key) = argument.kind {
        writeNamespace(
          .string(key), evaluate(argument.value, frame, statement: statement), setter: "update",
          at: callLocation, valueLocation: location(argument.value.span, frame), into: target,
          frame)
      } else if argument.kind != .positional {
        openNamespace(
          target, setter: "update", at: callLocation, value: .unknown("unpacked"), frame)
      }
    }
    return .data(.none)
  }

  /// Marks `module` as open: a setting no later line assigns is what the repository's lines
  /// make it unless the writes set it.
  package func openNamespace(
    _ module: ModuleState, setter: String, at: Location, value: PyValue, _ frame: Frame
  ) {
    var source: String?
    if case .dynamic(let dynamic) = value {
      source = dynamic.reason
    } else if case .unknown(let reason) = value {
      source = reason
    }
    var site = describe(at)
    if let callSite = frame.callSite, callSite != at {
      site += " (called at \(describe(callSite)))"
    }
    module.open(
      OpenNamespace(writer: "\(setter) at \(site)", source: source, location: frame.callSite ?? at))
  }

  /// `file:line` of a location.
  package func describe(_ location: Location) -> String {
    guard let file = evaluator.files[location.file] else { return location.file }
    return "\(location.file):\(file.lineIndex.lineNumber(at: location.span.start) + 1)"
  }
}

extension ModuleState {
  /// Opens the namespace (the latest opening is the one named); names assigned before may
  /// be overwritten.
  package func open(_ namespace: OpenNamespace) {
    var opened = namespace
    opened.readWhileOpen = openNamespace?.readWhileOpen ?? []
    openNamespace = opened
  }

  package func noteAssignment(_ name: String) {
    openNamespace?.assignedAfter.insert(name)
  }

  /// A read of global `name`: while open, a setting no line assigned since may hold what the
  /// writes set. Its value is then the repository's (recorded as read while open), or, when
  /// no line gave it one, unknown with the reason.
  package func openRead(of name: String) -> PyValue? {
    guard let namespace = openNamespace, ModuleState.isSettingName(name),
      !namespace.assignedAfter.contains(name)
    else { return nil }
    openNamespace?.readWhileOpen.insert(name)
    guard globals[name] == nil else { return nil }
    return .dynamic(
      DynamicValue(reason: "may be set by \(namespace.description)", location: namespace.location))
  }

  /// After `from other import *`: names other leaves open are open here too.
  package func absorbOpenness(of other: ModuleState, imported: [String]) {
    guard var namespace = other.openNamespace else { return }
    let mine = openNamespace
    namespace.assignedAfter = Set(
      imported.filter { other.openNamespace?.assignedAfter.contains($0) ?? false })
    namespace.readWhileOpen.formUnion(mine?.readWhileOpen ?? [])
    openNamespace = namespace
  }
}
