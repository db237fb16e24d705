import EBCheckCore

/// DRF's request cycle around a view's handler, as `APIView.dispatch` runs it (DRF 3.15):
/// `initial()` authenticates the request with each authentication class in order (the first
/// to return a `(user, auth)` tuple wins; `None` hands on; an exception is answered), checks
/// every permission class, then every throttle. A refused permission is `NotAuthenticated`
/// when authentication classes are configured and none authenticated the request, else
/// `PermissionDenied`; DRF's exception handler answers `NotAuthenticated` and
/// `AuthenticationFailed` with 401 when the first authentication class names a challenge in
/// `authenticate_header`, else with 403.
package struct RestFrameworkCycle {
  /// The classes as the view names them (objects, library paths or setting strings).
  package var authenticators: [RValue]
  package var permissions: [RValue]
  package var throttles: [RValue]
  /// What DRF passes as `view` to permissions and throttles.
  package var view: RValue
  /// Where the answer is reported (the decorator or the class).
  package var at: Location

  package init(
    authenticators: [RValue], permissions: [RValue], throttles: [RValue], view: RValue,
    at: Location
  ) {
    self.authenticators = authenticators
    self.permissions = permissions
    self.throttles = throttles
    self.view = view
    self.at = at
  }

  /// `REST_FRAMEWORK[key]` from the evaluated settings, nil when not set.
  package static func setting(_ key: String, _ interpreter: PyInterpreter) -> PyValue? {
    guard case .dict(let entries)? = interpreter.djangoSettings?["REST_FRAMEWORK"] else {
      return nil
    }
    return entries.first { $0.key == .string(key) }?.value
  }

  /// `DEFAULT_THROTTLE_CLASSES` (DRF's default: none), as setting strings.
  package static func defaultThrottles(_ interpreter: PyInterpreter) -> [RValue]? {
    guard let value = setting("DEFAULT_THROTTLE_CLASSES", interpreter) else { return [] }
    guard let elements = PyOperations.iterate(value) else { return nil }
    return elements.map { .data($0.value) }
  }

  /// `initial()` for the checker's request: nil when it reaches the handler, else DRF's
  /// response (or unknown, with the reason).
  package func initial(_ request: HttpRequestObject, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    // DRF's Request proxies the HttpRequest and adds these.
    request.store(
      "query_params", request.attribute("GET", at: at, &interpreter) ?? .data(.dict([])))
    request.store("auth", .data(.none))
    request.store("_request", .native(request))
    var authenticated = false
    for candidate in authenticators {
      guard let instance = instantiate(candidate, "authentication", &interpreter) else {
        return .data(.unknown(Self.unreadable(candidate, "authentication")))
      }
      guard let method = interpreter.boundMethod(instance, "authenticate") else {
        return .data(.unknown("an authentication class without authenticate()"))
      }
      let result = interpreter.invokeFromLibrary(method, [.native(request)], at: at)
      if let (kind, raisedAt) = interpreter.pendingRaise {
        return handled(kind, raisedAt, &interpreter)
      }
      switch result.pyValue {
      case .none:
        continue
      case .tuple(let items) where items.count == 2:
        request.store("user", Self.user(items[0].value))
        request.store("auth", .data(items[1].value))
        authenticated = true
      case .unknown(let reason):
        return .data(.unknown("what \(Self.name(candidate)).authenticate returns (\(reason))"))
      default:
        return .data(.unknown("\(Self.name(candidate)).authenticate returns a value DRF refuses"))
      }
      break
    }
    for permission in permissions {
      switch allows(permission, request, &interpreter) {
      case .success(true): continue
      case .success(false):
        let kind =
          !authenticators.isEmpty && !authenticated ? "NotAuthenticated" : "PermissionDenied"
        return handled(
          kind, at, &interpreter, reason: "DRF \(Self.name(permission)) refuses the checker")
      case .failure(let unknown):
        if let (kind, raisedAt) = interpreter.pendingRaise {
          return handled(kind, raisedAt, &interpreter)
        }
        return .data(.unknown(unknown.reason))
      }
    }
    for throttle in throttles {
      guard let instance = instantiate(throttle, "throttle", &interpreter) else {
        if let (kind, raisedAt) = interpreter.pendingRaise {
          return handled(kind, raisedAt, &interpreter)
        }
        return .data(.unknown(Self.unreadable(throttle, "throttle")))
      }
      guard let method = interpreter.boundMethod(instance, "allow_request") else {
        return .data(.unknown("a throttle class without allow_request()"))
      }
      let allowed = interpreter.invokeFromLibrary(method, [.native(request), view], at: at)
      if let (kind, raisedAt) = interpreter.pendingRaise {
        return handled(kind, raisedAt, &interpreter)
      }
      switch allowed.truthiness {
      case true?: continue
      case false?:
        return handled(
          "Throttled", at, &interpreter, reason: "DRF \(Self.name(throttle)) throttles the checker")
      case nil:
        return .data(.unknown("whether \(Self.name(throttle)) lets the checker through"))
      }
    }
    return nil
  }

  package struct Unknown: Error {
    package var reason: String
  }

  /// `has_permission(request, view)` of one class, or of `A & B`, `A | B`, `~A`.
  package func allows(
    _ permission: RValue, _ request: HttpRequestObject, _ interpreter: inout PyInterpreter
  ) -> Result<Bool, Unknown> {
    if case .native(let composed as ComposedPermission) = permission {
      // DRF's OperandHolder: `op1 and op2`, `op1 or op2`, `not op1`, evaluated in order.
      let first = allows(composed.operands[0], request, &interpreter)
      switch (composed.operation, first) {
      case (.not, .success(let truth)): return .success(!truth)
      case (.and, .success(true)), (.or, .success(false)):
        return allows(composed.operands[1], request, &interpreter)
      default: return first
      }
    }
    guard let instance = instantiate(permission, "permission", &interpreter) else {
      return .failure(Unknown(reason: Self.unreadable(permission, "permission")))
    }
    guard let method = interpreter.boundMethod(instance, "has_permission") else {
      return .failure(Unknown(reason: "\(Self.name(permission)).has_permission cannot be found"))
    }
    let result = interpreter.invokeFromLibrary(method, [.native(request), view], at: at)
    if interpreter.pendingRaise != nil { return .failure(Unknown(reason: "exception")) }
    guard let truth = result.truthiness else {
      return .failure(
        Unknown(reason: "whether \(Self.name(permission)).has_permission lets the checker through"))
    }
    return .success(truth)
  }

  /// What DRF's handler answers for an exception raised in the cycle or the view; nil when
  /// DRF re-raises it (Django answers 500).
  package func handled(
    _ kind: String, _ raisedAt: Location, _ interpreter: inout PyInterpreter,
    reason: String? = nil
  ) -> RValue {
    interpreter.pendingRaise = nil
    var status = DjangoViewLibrary.restFrameworkExceptions[kind]
    var detail = ""
    if kind == "NotAuthenticated" || kind == "AuthenticationFailed" {
      switch challenge(&interpreter) {
      case .success(let named):
        status = named ? 401 : 403
        let first = authenticators.first.map(Self.name) ?? "none"
        detail =
          " (the first authentication class, \(first), names \(named ? "a" : "no") challenge)"

      case .failure(let unknown): return .data(.unknown(unknown.reason))
      }
    }
    guard let status else {
      interpreter.pendingRaise = (kind, raisedAt)
      return .data(.unknown("exception"))
    }
    interpreter.pendingRaise = nil
    if let custom = Self.setting("EXCEPTION_HANDLER", interpreter),
      custom != .string("rest_framework.views.exception_handler")
    {
      return .data(
        .unknown(
          "the repository's EXCEPTION_HANDLER answers DRF's \(kind), which ebcheck does not run"))
    }
    let response = ResponseObject(className: "Response", status: .int(status), location: raisedAt)
    response.deniedReason = (reason ?? "DRF answers \(kind)") + detail
    return .native(response)
  }

  /// Whether the first authentication class's `authenticate_header` names a challenge.
  package func challenge(_ interpreter: inout PyInterpreter) -> Result<Bool, Unknown> {
    guard let first = authenticators.first else { return .success(false) }
    guard let instance = instantiate(first, "authentication", &interpreter),
      let method = interpreter.boundMethod(instance, "authenticate_header")
    else { return .failure(Unknown(reason: Self.unreadable(first, "authentication"))) }
    let header = interpreter.invokeFromLibrary(method, [], at: at)
    interpreter.pendingRaise = nil
    guard let named = header.truthiness else {
      return .failure(
        Unknown(reason: "whether \(Self.name(first)).authenticate_header names a challenge"))
    }
    return .success(named)
  }

  /// An instance of a class the view names; nil when the class cannot be found.
  package func instantiate(_ value: RValue, _ role: String, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    if case .instance = value { return value }
    guard let type = Self.classObject(value, &interpreter) else { return nil }
    let instance = interpreter.invokeFromLibrary(.classObject(type), [], at: at)
    guard interpreter.pendingRaise == nil, case .instance = instance else { return nil }
    return instance
  }

  /// The class a value names: a repository class, a modelled library class by import path,
  /// or a dotted path from the settings (the repository's module, else the library's).
  package static func classObject(_ value: RValue, _ interpreter: inout PyInterpreter)
    -> PyClassObject?
  {
    switch value {
    case .classObject(let type):
      return type
    case .module(let qualified):
      return RestFrameworkLibrary.libraryClass(qualified)
    case .data(let held) where held.heldClassName != nil:
      return classObject(.data(.string(held.heldClassName ?? "")), &interpreter)
    case .data(.string(let dotted)):
      guard let dot = dotted.lastIndex(of: ".") else { return nil }
      let module = String(dotted[..<dot])
      let name = String(dotted[dotted.index(after: dot)...])
      let frame = Frame(module: interpreter.root)
      if interpreter.moduleExistsInRepository(module, frame) {
        guard let state = interpreter.loadRepositoryModule(module, frame),
          case .classObject(let type)? = state.globals[name]?.value
        else { return nil }
        return type
      }
      return RestFrameworkLibrary.libraryClass(dotted)
    default:
      return nil
    }
  }

  /// The user an authentication class returned (unknown when it is not an object).
  package static func user(_ value: PyValue) -> RValue {
    if case .unknown = value { return .data(.unknown("the user the authentication returned")) }
    return .data(value)
  }

  package static func name(_ value: RValue) -> String {
    switch value {
    case .classObject(let type): return type.name
    case .instance(let instance): return instance.type.name
    case .module(let path), .data(.string(let path)):
      return String(path.split(separator: ".").last ?? Substring(path))
    case .native(let composed as ComposedPermission): return composed.description
    default: return "a class"
    }
  }

  package static func unreadable(_ value: RValue, _ role: String) -> String {
    switch value {
    case .module(let path), .data(.string(let path)):
      return "the \(role) class \(path) is code ebcheck does not run"
    default:
      return "a \(role) class ebcheck cannot read"
    }
  }
}
