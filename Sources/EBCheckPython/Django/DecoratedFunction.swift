import EBCheckCore

/// A function a modelled Django or DRF decorator returned: calling it runs the decorator's
/// own step (a login check, a method check, DRF's permission check) and, unless that step
/// answered, the function it wraps. Attributes the decorators set (`csrf_exempt`,
/// `permission_classes`) are kept, and read through as `functools.wraps` copies them.
package final class DecoratedFunction: PyNativeObject, PyAttributeStore {
  /// What the decorator does when the function is called: a response (or unknown) when it
  /// answers itself, nil to call the wrapped function.
  package typealias Step = (DecoratedFunction, HttpRequestObject, inout PyInterpreter) -> RValue?

  package let decorator: String
  package let wrapped: RValue
  /// The decorator's line (where its answer is reported).
  package let appliedAt: Location
  package var attributes: [String: RValue] = [:]
  package let step: Step?
  /// DRF's handler: exceptions the view raises become responses.
  package var handlesRestFrameworkExceptions = false
  /// DRF's `handle_exception` for the view's classes (set when the cycle is built).
  package var exceptionHandler: ((String, Location, inout PyInterpreter) -> RValue)?

  package init(_ decorator: String, wrapping wrapped: RValue, at: Location, step: Step? = nil) {
    self.decorator = decorator
    self.wrapped = wrapped
    self.appliedAt = at
    self.step = step
  }

  package var typeName: String { "function" }

  package func store(_ name: String, _ value: RValue) { attributes[name] = value }

  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    if let own = attributes[name] { return own }
    switch name {
    case "__wrapped__": return wrapped
    case "__name__": return .data(.string(Self.name(of: wrapped)))
    default: break
    }
    if case .native(let inner as DecoratedFunction) = wrapped {
      return inner.attribute(name, at: location, &interpreter)
    }
    return nil
  }

  /// The `__name__` `functools.wraps` keeps: the innermost function's.
  package static func name(of value: RValue) -> String {
    switch value {
    case .function(let definition, _), .closure(let definition, _, _): return definition.name
    case .native(let inner as DecoratedFunction): return name(of: inner.wrapped)
    case .native(let native as NativeFunction): return native.name
    case .method(let target, _, _): return name(of: target)
    default: return "view"
    }
  }

  package func call(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  )
    -> RValue?
  {
    guard case .native(let request as HttpRequestObject)? = arguments.positional.first else {
      // Django's wrapper reads request.user / request.method from its first argument.
      return .data(
        .unknown(
          "@\(decorator) called without the request first (a method needs method_decorator)"))
    }
    if let step, let answered = step(self, request, &interpreter) { return answered }
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    let result = interpreter.invokeFromLibrary(wrapped, arguments, at: appliedAt)
    guard handlesRestFrameworkExceptions, let (kind, raisedAt) = interpreter.pendingRaise else {
      return result
    }
    if let exceptionHandler { return exceptionHandler(kind, raisedAt, &interpreter) }
    guard let status = DjangoViewLibrary.restFrameworkExceptions[kind] else { return result }
    interpreter.pendingRaise = nil
    return .native(ResponseObject(className: "Response", status: .int(status), location: appliedAt))
  }
}
