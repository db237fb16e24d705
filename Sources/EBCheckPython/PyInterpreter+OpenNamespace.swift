import EBCheckCore

/// Writes to a module namespace under a name the evaluator cannot read (`setattr(module, key,
/// value)` with `key` from data outside the repository): afterwards any setting not assigned
/// again may hold anything.
extension PyInterpreter {
  /// `setattr(TARGET, NAME, VALUE)` aimed at a module of the repository (`sys.modules[...]`).
  /// Returns nil when the call is not that shape (the ordinary call path handles it).
  package mutating func moduleSetattr(
    _ callee: PyExpr, _ arguments: [PyArgument], _ callLocation: Location, _ frame: Frame,
    statement: Location
  ) -> RValue? {
    guard case .name("setattr") = callee.kind, binding("setattr", frame) == nil,
      arguments.count == 3, arguments.allSatisfy({ $0.kind == .positional }),
      case .subscription(let modules, let key) = arguments[0].value.kind,
      case .attribute(let base, "modules", _) = modules.kind, case .name("sys") = base.kind
    else { return nil }
    let moduleName = evaluate(key, frame, statement: statement).pyValue
    if case .string(let named) = moduleName, named != frame.module.name {
      return .data(.none)
    }
    let name = evaluate(arguments[1].value, frame, statement: statement).pyValue
    let value = evaluate(arguments[2].value, frame, statement: statement)
    if case .string = moduleName, case .string(let attribute) = name {
      let binding = Binding(
        value: value, location: callLocation,
        valueLocation: location(arguments[2].value.span, frame))
      frame.module.globals[attribute] = binding
      frame.module.noteAssignment(attribute)
      return .data(.none)
    }
    openNamespace(of: frame, setter: "setattr", at: callLocation, value: value.pyValue)
    return .data(.none)
  }

  /// Marks the frame's module as open: every setting not assigned later is unknown.
  package func openNamespace(of frame: Frame, setter: String, at: Location, value: PyValue) {
    var source = ""
    if case .dynamic(let dynamic) = value {
      source = " from \(dynamic.reason)"
    } else if case .unknown(let reason) = value {
      source = " from \(reason)"
    }
    var site = describe(at)
    if let callSite = frame.callSite, callSite != at {
      site += " (called at \(describe(callSite)))"
    }
    let reason = "may be set by \(setter) at \(site)\(source), with a name ebcheck cannot read"
    frame.module.open(DynamicValue(reason: reason, location: frame.callSite ?? at))
  }

  /// `file:line` of a location.
  package func describe(_ location: Location) -> String {
    guard let file = evaluator.files[location.file] else { return location.file }
    return "\(location.file):\(file.lineIndex.lineNumber(at: location.span.start) + 1)"
  }
}

extension ModuleState {
  /// Opens the namespace (the latest opening is the reason); names assigned before are no
  /// longer known.
  package func open(_ reason: DynamicValue) {
    openedBy = reason
    assignedSinceOpen = []
  }

  package func noteAssignment(_ name: String) {
    if openedBy != nil { assignedSinceOpen.insert(name) }
  }

  /// The value a read of setting `name` sees when the namespace is open and the name was not
  /// assigned since; nil otherwise.
  package func openValue(of name: String) -> PyValue? {
    guard let openedBy, ModuleState.isSettingName(name), !assignedSinceOpen.contains(name)
    else { return nil }
    return .dynamic(openedBy)
  }

  /// After `from other import *`: names other leaves open are open here too.
  package func absorbOpenness(of other: ModuleState, imported: [String]) {
    guard let reason = other.openedBy else { return }
    openedBy = reason
    assignedSinceOpen = Set(imported.filter { other.assignedSinceOpen.contains($0) })
  }
}
