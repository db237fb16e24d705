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
    qualified.hasSuffix("authentication_classes") ? "authentication_classes" : "permission_classes"
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

  /// `@api_view(methods)`: DRF's `APIView.dispatch` around the function: the permission
  /// check first (the view's `permission_classes`, else `DEFAULT_PERMISSION_CLASSES`), then
  /// 405 for a method not listed, then the function, its DRF exceptions made responses.
  package static func apiView(_ methods: [String]) -> NativeFunction {
    NativeFunction("api_view") { arguments, location, _ in
      guard let function = arguments.positional.first else {
        return .data(.unknown("@api_view without a function"))
      }
      let wrapper = DecoratedFunction("api_view", wrapping: function, at: location) {
        wrapper, request, interpreter in
        if let refused = permissionCheck(wrapper, request, &interpreter) { return refused }
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

  /// DRF's `check_permissions` for the anonymous checker: nil when every class lets it
  /// through, else DRF's refusal (401/403) or unknown.
  package static func permissionCheck(
    _ wrapper: DecoratedFunction, _ request: HttpRequestObject, _ interpreter: inout PyInterpreter
  ) -> RValue? {
    let defaults = interpreter.djangoRestFramework
    func list(_ name: String) -> ClassListObject? {
      guard
        case .native(let list as ClassListObject)? = wrapper.attribute(
          name, at: wrapper.appliedAt, &interpreter)
      else { return nil }
      return list
    }
    let own = list("permission_classes")
    let authentication = list("authentication_classes")
    let classes = own?.classes ?? defaults.permissionClasses.map { .data(.string($0)) }
    let at = own?.location ?? defaults.location ?? wrapper.appliedAt
    let authenticators = authentication.map { $0.names ?? ["a class of the repository"] }
    func refused(_ status: Int, _ reason: String) -> RValue {
      let response = ResponseObject(className: "Response", status: .int(status), location: at)
      response.deniedReason = reason
      return .native(response)
    }
    if own == nil, let unreadable = defaults.unreadable {
      return .data(.unknown(unreadable.reason))
    }
    for permission in classes {
      if let name = className(permission) {
        var single = defaults
        single.unreadable = nil
        switch single.decision(of: [name], authentication: authenticators) {
        case nil: continue
        case .refused(let status, let reason)?: return refused(status, reason)
        case .unknown(let reason)?: return .data(.unknown(reason))
        }
      }
      guard case .classObject(let type) = permission else {
        return .data(.unknown("a permission class ebcheck cannot read"))
      }
      // DRF instantiates the class and asks has_permission(request, view).
      let instance = interpreter.invokeFromLibrary(permission, Arguments.passing([]), at: at)
      guard let method = interpreter.boundMethod(instance, "has_permission") else {
        return .data(.unknown("\(type.name).has_permission cannot be found"))
      }
      let allowed = interpreter.invokeFromLibrary(
        method, Arguments.passing([.native(request), .data(.none)]), at: at)
      if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
      switch allowed.truthiness {
      case true?: continue
      case false?:
        // NotAuthenticated while an authenticator is configured, else PermissionDenied.
        let status =
          (authenticators ?? defaults.authenticationClasses).isEmpty
          ? 403
          : RestFrameworkDefaults.anonymousRefusalStatus(
            authenticators ?? defaults.authenticationClasses)
        guard let status else {
          return .data(.unknown("\(type.name) refuses the anonymous checker with 401 or 403"))
        }
        return refused(status, "DRF \(type.name).has_permission refuses the anonymous checker")
      case nil:
        return .data(.unknown("whether \(type.name).has_permission lets the checker through"))
      }
    }
    return nil
  }
}
