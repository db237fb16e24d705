import EBCheckCore

/// `django.views.decorators.http.condition(etag_func, last_modified_func)` and its shortcuts
/// `etag` / `last_modified`: the wrapper calls each given function with the request, then
/// `get_conditional_response()`, which answers 304/412 only for a request carrying
/// `If-None-Match`, `If-Match`, `If-Modified-Since` or `If-Unmodified-Since`. The checker sends
/// none, so the view runs, unless a function raises or returns what the wrapper cannot use
/// (a `last_modified_func` value that is not a datetime: `AttributeError`; an ETag that is not a
/// string: `TypeError`, both 500).
extension DjangoDecorators {
  static let http = "django.views.decorators.http."

  package static func conditionalDecorator(_ qualified: String) -> NativeFunction? {
    let name = String(qualified.split(separator: ".").last ?? "condition")
    switch qualified {
    case http + "condition":
      return NativeFunction(name) { arguments, _, _ in
        .native(
          conditional(
            name, etag: arguments.argument(0, "etag_func"),
            lastModified: arguments.argument(1, "last_modified_func")))
      }
    case http + "etag":
      return NativeFunction(name) { arguments, _, _ in
        .native(conditional(name, etag: arguments.argument(0, "etag_func"), lastModified: nil))
      }
    case http + "last_modified":
      return NativeFunction(name) { arguments, _, _ in
        .native(
          conditional(name, etag: nil, lastModified: arguments.argument(0, "last_modified_func")))
      }
    default:
      return nil
    }
  }

  /// The decorator `condition()` returns.
  static func conditional(_ name: String, etag: RValue?, lastModified: RValue?) -> NativeFunction {
    NativeFunction(name) { applied, location, _ in
      guard let function = applied.positional.first else {
        return .data(.unknown("@\(name) without a function"))
      }
      return .native(
        DecoratedFunction(name, wrapping: function, at: location) { wrapper, request, interpreter in
          let given: [(RValue?, String)] = [
            (lastModified, "last_modified_func"), (etag, "etag_func"),
          ]
          for case (let computed?, let role) in given where computed.pyValue != .none {
            let value = interpreter.invokeFromLibrary(
              computed, Arguments.passing([.native(request)]), at: wrapper.appliedAt)
            if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
            if let refused = usable(value, role: role, at: wrapper.appliedAt, &interpreter) {
              return refused
            }
          }
          return nil
        })
    }
  }

  /// Nil when the wrapper can use what the function returned; else its exception raised, or
  /// unknown when the value's type cannot be told.
  static func usable(
    _ value: RValue, role: String, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue? {
    let data = value.pyValue
    if data == .none { return nil }
    let isString: Bool
    switch data {
    case .string: isString = true
    case .int, .float, .bool, .list, .tuple, .dict: isString = false
    default:
      if role == "last_modified_func", data.truthiness == false { return nil }
      return .data(.unknown("whether \(role) returns a value condition() accepts"))
    }
    if role == "etag_func" {
      guard isString else {
        interpreter.pendingRaise = ("TypeError", location)
        return .data(.unknown("TypeError"))
      }
      return nil
    }
    // A falsy value is no Last-Modified; anything else must be a datetime.
    if data.truthiness == false { return nil }
    interpreter.pendingRaise = ("AttributeError", location)
    return .data(.unknown("AttributeError"))
  }
}
