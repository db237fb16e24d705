import EBCheckCore

/// A method `method_decorator(decorator)` made: called on an instance, it binds the
/// original method to it, applies the decorator to that bound function and calls the result
/// with the rest of the arguments (Django's `_multi_decorate`).
package final class DecoratedMethod: PyNativeObject {
  package let name: String
  package let original: RValue
  package let decorator: RValue
  package let appliedAt: Location
  /// The class the original was found on (nil: the class the method is defined in).
  package let owner: PyClassObject?

  package init(
    _ name: String, original: RValue, decorator: RValue, owner: PyClassObject?, at: Location
  ) {
    self.name = name
    self.original = original
    self.decorator = decorator
    self.owner = owner
    self.appliedAt = at
  }

  package var typeName: String { "function" }

  /// `__name__`, else what the decorator marks: Django's `_update_method_wrapper` applies
  /// it to a dummy function and copies that function's attributes (`login_required`).
  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    if name == "__name__" { return .data(.string(self.name)) }
    let dummy = NativeFunction(self.name) { _, _, _ in .data(.none) }
    let marked = DjangoDecorators.apply(decorator, to: .native(dummy), at: location, &interpreter)
    guard interpreter.pendingRaise == nil, case .native(let object) = marked, object !== dummy
    else { return nil }
    return object.attribute(name, at: location, &interpreter)
  }

  package func call(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  )
    -> RValue?
  {
    guard let receiver = arguments.positional.first else {
      return .data(.unknown("method_decorator's method called without self"))
    }
    var definedIn = owner
    if definedIn == nil, case .instance(let instance) = receiver {
      definedIn = instance.type.resolutionOrder.first { type in
        type.namespace.values.contains { value in
          if case .native(let object) = value { return object === self }
          return false
        }
      }
    }
    let bound = interpreter.bindToReceiver(
      original, receiver, definedIn ?? PyClassObject(name: "", module: ""))
    // A library class's decorated method has no line of its own: its caller's.
    let at = appliedAt.file.isEmpty ? location : appliedAt
    let decorated = DjangoDecorators.apply(decorator, to: bound, at: at, &interpreter)
    var rest = arguments
    rest.positional.removeFirst()
    rest.identities.removeFirst()
    return interpreter.invokeFromLibrary(decorated, rest, at: at)
  }
}
