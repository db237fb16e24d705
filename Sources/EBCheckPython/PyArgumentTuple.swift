import EBCheckCore

/// `*args` of a call whose positional arguments include objects (a request, a response):
/// a tuple that keeps them as objects, so `args[0]`, `len(args)` and `f(*args)` see them.
package final class ArgumentTuple: PyNativeObject {
  package let values: [RValue]

  package init(_ values: [RValue]) {
    self.values = values
  }

  package var typeName: String { "tuple" }

  package func item(_ key: PyValue, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    guard let index = PyOperations.integer(key) else { return .data(.unknown("tuple index")) }
    let resolved = index < 0 ? values.count + index : index
    guard resolved >= 0, resolved < values.count else {
      interpreter.pendingRaise = ("IndexError", location)
      return .data(.unknown("IndexError"))
    }
    return values[resolved]
  }
}

extension PyInterpreter {
  /// The value `*args` binds: a data tuple, or an `ArgumentTuple` when an argument is an object.
  package static func packed(_ positional: ArraySlice<RValue>) -> RValue {
    if positional.contains(where: \.isObject) { return .native(ArgumentTuple(Array(positional))) }
    return .data(.tuple(positional.map { PyElement($0.pyValue) }))
  }
}

/// `**kwargs` of a call whose keyword arguments include objects: a dict that keeps them as
/// objects, so `kwargs['request']`, `kwargs.get('view')` and `f(**kwargs)` see them.
package final class KeywordArguments: PyNativeObject {
  package let entries: [(String, RValue)]

  package init(_ entries: [(String, RValue)]) {
    self.entries = entries
  }

  package var typeName: String { "dict" }

  package func value(_ key: PyValue) -> RValue? {
    guard case .string(let name) = key else { return nil }
    return entries.first { $0.0 == name }?.1
  }

  package func item(_ key: PyValue, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    if let found = value(key) { return found }
    interpreter.pendingRaise = ("KeyError", location)
    return .data(.unknown("KeyError"))
  }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    switch name {
    case "get":
      guard let key = arguments.positional.first?.pyValue else { return nil }
      return value(key) ?? arguments.argument(1, "default") ?? .data(.none)
    case "keys":
      return .data(.list(entries.map { PyElement(.string($0.0)) }))
    default:
      return nil
    }
  }
}

extension PyInterpreter {
  /// The value `**kwargs` binds: a data dict, or `KeywordArguments` when a value is an object.
  package static func packedKeywords(_ keywords: [(String, RValue)]) -> RValue {
    if keywords.contains(where: { $0.1.isObject }) { return .native(KeywordArguments(keywords)) }
    return .data(.dict(keywords.map { PyDictEntry(key: .string($0.0), value: $0.1.pyValue) }))
  }
}
