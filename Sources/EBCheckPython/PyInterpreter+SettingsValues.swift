import EBCheckCore

/// Values settings compute with the standard library that the core interpreter leaves to
/// this file: `filter(None, …)`, `dict.fromkeys(…)`, `enum.Enum` classes and their members, and the
/// `AttributeError` a method call on `None` raises (`os.getenv('X').split()` with X unset).
extension PyInterpreter {
  /// Bases that make a class an enumeration whose members are compared by identity.
  /// `IntEnum`, `StrEnum` and `(str, Enum)` members also equal their values: not modelled.
  package static let enumBases: Set<String> = ["enum.Enum"]

  /// A builtin this file computes; nil when it is not one of them.
  package func valueBuiltin(_ name: String, _ arguments: Arguments, _ callLocation: Location)
    -> RValue?
  {
    switch name {
    case "filter": return .data(filterNone(arguments))
    case "dict.fromkeys": return .data(dictFromKeys(arguments, callLocation))
    default: return nil
    }
  }

  /// `filter(None, iterable)`: the truthy elements. The filter object is consumed by the
  /// `list()`/`tuple()`/loop around it, so the elements are given as a list.
  package func filterNone(_ arguments: Arguments) -> PyValue {
    guard arguments.positional.count == 2, arguments.keywords.isEmpty,
      case .data(.none) = arguments.positional[0]
    else { return .unknown("filter with a function") }
    return PyOperations.lift([arguments.positional[1].pyValue]) { operands in
      guard let elements = PyOperations.iterate(operands[0]) else { return .unknown("filter") }
      var kept: [PyElement] = []
      for element in elements {
        guard let truth = element.value.truthiness else {
          return .unknown("filter over elements of unknown truth")
        }
        if truth { kept.append(element) }
      }
      return .list(kept)
    }
  }

  /// `dict.fromkeys(iterable, value=None)`: one key per distinct element in first-seen order
  /// (`list(dict.fromkeys(hosts))` de-duplicates a list keeping its order). Keys compare as a
  /// set display's elements do.
  package func dictFromKeys(_ arguments: Arguments, _ callLocation: Location) -> PyValue {
    guard (1...2).contains(arguments.positional.count), arguments.keywords.isEmpty else {
      return .unknown("dict.fromkeys with keyword arguments")
    }
    let value = arguments.positional.count == 2 ? arguments.positional[1].pyValue : PyValue.none
    return PyOperations.lift([arguments.positional[0].pyValue]) { operands in
      guard let elements = PyOperations.iterate(operands[0]) else {
        return .unknown("dict.fromkeys")
      }
      var entries: [PyDictEntry] = []
      for element in elements where !entries.contains(where: { $0.key == element.value }) {
        entries.append(
          PyDictEntry(key: element.value, value: value, location: element.location ?? callLocation))
      }
      return .dict(entries)
    }
  }

  /// CPython raises `AttributeError` for any method looked up on `None` (it has only
  /// dunder methods): nil when `receiver` is not `None`.
  package mutating func methodOnNone(_ receiver: PyValue, _ name: String, _ at: Location)
    -> RValue?
  {
    guard case .none = receiver, !name.hasPrefix("__") else { return nil }
    pendingRaise = ("AttributeError", at)
    return .data(.unknown("'NoneType' object has no attribute '\(name)'"))
  }

  // MARK: enum.Enum

  /// Turns the class-level data of an `Enum` subclass into members (instances with `name`
  /// and `value`, in definition order) and gives the class the by-value lookup
  /// `EnvType('prod')`, which raises `ValueError` for a value no member has.
  package func makeEnumeration(_ type: PyClassObject, body: [String: Binding]) {
    let ordered = body.filter { name, binding in
      guard !name.hasPrefix("_"), case .data = binding.value else { return false }
      return true
    }.sorted {
      ($0.value.location?.span.start ?? 0, $0.key) < ($1.value.location?.span.start ?? 0, $1.key)
    }
    var members: [(value: PyValue, member: RValue)] = []
    for (name, binding) in ordered {
      let value = binding.value.pyValue
      // A second name for a value already taken is an alias of the first member.
      if let first = members.first(where: { PyOperations.equal($0.value, value) == true }) {
        type.namespace[name] = first.member
        continue
      }
      let member = PyInstance(type: type)
      member.attributes["name"] = .data(.string(name))
      member.attributes["value"] = .data(value)
      members.append((value, .instance(member)))
      type.namespace[name] = .instance(member)
    }
    // CPython's own record of the members: it marks the class as an enumeration here too.
    type.namespace["_member_names_"] = .data(
      .list(members.map { PyElement(Self.enumMemberName($0.member)) }))
    let typeName = type.name
    type.namespace["__new__"] = .native(
      NativeFunction("\(typeName).__new__") { arguments, at, interpreter in
        guard arguments.positional.count == 1, arguments.keywords.isEmpty else {
          return .data(.unknown("\(typeName)() with other arguments"))
        }
        let argument = arguments.positional[0].pyValue
        if case .dynamic(var dynamic) = argument {
          // The member whose value the variable holds: compared by its value below.
          if let fallback = dynamic.defaultValue,
            !members.contains(where: { PyOperations.equal($0.value, fallback) == true })
          {
            dynamic.defaultValue = nil
          }
          dynamic.possibleValues = []
          dynamic.reason = "\(typeName) member chosen by \(dynamic.reason)"
          return .data(.dynamic(dynamic))
        }
        for (value, member) in members {
          switch PyOperations.equal(value, argument) {
          case true?: return member
          case nil: return .data(.unknown("\(typeName) member of an undecided value"))
          default: continue
          }
        }
        if argument.hasUnknown { return .data(.unknown("\(typeName) member of an unknown value")) }
        interpreter.pendingRaise = ("ValueError", at)
        return .data(.unknown("\(argument.pythonRepr) is not a valid \(typeName)"))
      })
  }

  package static func enumMemberName(_ member: RValue) -> PyValue {
    guard case .instance(let instance) = member, case .data(let name)? = instance.attributes["name"]
    else { return .unknown("member name") }
    return name
  }

  /// The value of an `Enum` member; nil for anything else.
  package static func enumMemberValue(_ value: RValue) -> PyValue? {
    guard case .instance(let instance) = value,
      instance.type.namespace["_member_names_"] != nil,
      case .data(let memberValue)? = instance.attributes["value"]
    else { return nil }
    return memberValue
  }

  /// `member == EnvType(os.getenv('X'))` where the variable is open: the comparison of the
  /// variable with the member's value, recorded as a test of the variable. Nil when neither
  /// side is such a pair.
  package func compareEnumMember(
    _ op: PyCompareOperator, _ left: RValue, _ right: RValue, _ at: Location
  ) -> PyValue? {
    let plain: PyCompareOperator
    switch op {
    case .equal, .isOp: plain = .equal
    case .notEqual, .isNot: plain = .notEqual
    default: return nil
    }
    let pair: (PyValue, PyValue)
    if let memberValue = Self.enumMemberValue(left), case .data(.dynamic) = right {
      pair = (right.pyValue, memberValue)
    } else if let memberValue = Self.enumMemberValue(right), case .data(.dynamic) = left {
      pair = (left.pyValue, memberValue)
    } else {
      return nil
    }
    let outcome = PyOperations.compare(plain, pair.0, pair.1)
    if case .dynamic = outcome, pair.1.isLiteral, pair.1 != .none {
      recordCondition(pair.0, against: pair.1, at: at)
    }
    return outcome
  }
}
