import EBCheckCore

/// The classes `@permission_classes([...])` or `@authentication_classes([...])` set on a
/// function view, as objects (a repository class is run), with the decorator's line.
package final class ClassListObject: PyNativeObject {
  package let classes: [RValue]
  package let location: Location

  package init(_ classes: [RValue], at location: Location) {
    self.classes = classes
    self.location = location
  }

  package var typeName: String { "list" }

  /// The dotted names, nil when a class is the repository's or cannot be read.
  package var names: [String]? {
    let names = classes.compactMap(DjangoDecorators.className)
    return names.count == classes.count ? names : nil
  }
}

extension DjangoDecorators {
  /// The attribute each class-list factory sets.
  package static func classListAttribute(_ qualified: String) -> String {
    String(qualified.split(separator: ".").last ?? "permission_classes")
  }

  /// `permission_classes(classes)`: a decorator that keeps `classes` on the function.
  package static func classListDecorator(_ qualified: String, _ classes: [RValue], at: Location)
    -> NativeFunction
  {
    let attribute = classListAttribute(qualified)
    return NativeFunction(attribute) { arguments, location, _ in
      decorate(arguments, attribute, at: location) { wrapper in
        wrapper.attributes[attribute] = .native(ClassListObject(classes, at: at))
      }
    }
  }

  /// A library class by its dotted name (`rest_framework.permissions.AllowAny`, or the
  /// string a setting names it by); nil for the repository's classes and other values.
  package static func className(_ value: RValue) -> String? {
    switch value {
    case .module(let name): return name
    case .data(.string(let name)): return name
    default: return nil
    }
  }

  /// `@api_view(methods)`: DRF's `APIView.dispatch` around the function: `initial()`
  /// (authentication, permissions, throttles: the classes the decorators set, else the
  /// `REST_FRAMEWORK` defaults), then 405 for a method not listed, then the function, its
  /// exceptions answered by DRF's handler.
  package static func apiView(_ methods: [String]) -> NativeFunction {
    NativeFunction("api_view") { arguments, location, _ in
      guard let function = arguments.positional.first else {
        return .data(.unknown("@api_view without a function"))
      }
      let wrapper = DecoratedFunction("api_view", wrapping: function, at: location) {
        wrapper, request, interpreter in
        let cycle: RestFrameworkCycle
        switch restFrameworkCycle(wrapper, &interpreter) {
        case .success(let built): cycle = built
        case .failure(let unknown): return .data(.unknown(unknown.reason))
        }
        wrapper.exceptionHandler = { kind, raisedAt, interpreter in
          cycle.handled(kind, raisedAt, &interpreter)
        }
        if let answered = cycle.initial(request, &interpreter) { return answered }
        guard methods.map({ $0.uppercased() }).contains(request.data.method) else {
          let response = ResponseObject(
            className: "Response", status: .int(405), location: wrapper.appliedAt)
          response.allowedMethods = methods.map { $0.uppercased() }
          return .native(response)
        }
        return nil
      }
      wrapper.handlesRestFrameworkExceptions = true
      return .native(wrapper)
    }
  }

  /// The cycle of a function view: the classes `@authentication_classes`,
  /// `@permission_classes` and `@throttle_classes` set, else `REST_FRAMEWORK`'s defaults.
  package static func restFrameworkCycle(
    _ wrapper: DecoratedFunction, _ interpreter: inout PyInterpreter
  ) -> Result<RestFrameworkCycle, RestFrameworkCycle.Unknown> {
    let defaults = interpreter.djangoRestFramework
    func list(_ name: String) -> ClassListObject? {
      guard
        case .native(let list as ClassListObject)? = wrapper.attribute(
          name, at: wrapper.appliedAt, &interpreter)
      else { return nil }
      return list
    }
    let permissions = list("permission_classes")
    let authentication = list("authentication_classes")
    if permissions == nil || authentication == nil, let unreadable = defaults.unreadable {
      return .failure(RestFrameworkCycle.Unknown(reason: unreadable.reason))
    }
    var throttles = list("throttle_classes")?.classes
    if throttles == nil { throttles = RestFrameworkCycle.defaultThrottles(interpreter) }
    guard let throttles else {
      return .failure(
        RestFrameworkCycle.Unknown(reason: "REST_FRAMEWORK DEFAULT_THROTTLE_CLASSES cannot be read")
      )
    }
    let at = permissions?.location ?? defaults.location ?? wrapper.appliedAt
    return .success(
      RestFrameworkCycle(
        authenticators: authentication?.classes
          ?? defaults.authenticationClasses.map { .data(.string($0)) },
        permissions: permissions?.classes ?? defaults.permissionClasses.map { .data(.string($0)) },
        throttles: throttles, view: .data(.none), at: at))
  }
}
