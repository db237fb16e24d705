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
