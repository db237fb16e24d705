import EBCheckCore

extension DjangoClassViews {
  /// `AccessMixin` and the mixins built on it: their `dispatch()` checks the (anonymous)
  /// user before `super().dispatch()`; a failed check is `handle_no_permission()`.
  package static func accessNamespace(of name: String) -> [String: RValue] {
    switch name {
    case "AccessMixin":
      return [
        "login_url": .data(.none), "permission_denied_message": .data(.string("")),
        "raise_exception": .data(.bool(false)), "redirect_field_name": .data(.string("next")),
        "get_login_url": method("get_login_url") { receiver, _, location, interpreter in
          let own = attribute(receiver, "login_url", &interpreter)?.pyValue ?? .none
          if own.truthiness == true { return .data(own) }
          let configured =
            interpreter.djangoSettings?["LOGIN_URL"] ?? .string("/accounts/login/")
          if configured.truthiness == false {
            return raise("ImproperlyConfigured", at: location, &interpreter)
          }
          return .data(configured)
        },
        "get_redirect_field_name": method("get_redirect_field_name") {
          receiver, _, _, interpreter in
          attribute(receiver, "redirect_field_name", &interpreter) ?? .data(.string("next"))
        },
        "handle_no_permission": method("handle_no_permission") {
          receiver, _, location, interpreter in
          handleNoPermission(receiver, at: location, &interpreter)
        },
      ]
    case "LoginRequiredMixin":
      return [
        "dispatch": method("dispatch") { receiver, arguments, location, interpreter in
          // The checker is AnonymousUser: is_authenticated is False.
          method(receiver, "handle_no_permission", at: location, &interpreter)
        }
      ]
    case "PermissionRequiredMixin":
      return [
        "permission_required": .data(.none),
        "get_permission_required": method("get_permission_required") {
          receiver, _, location, interpreter in
          let value = attribute(receiver, "permission_required", &interpreter)?.pyValue ?? .none
          switch value {
          case .none: return raise("ImproperlyConfigured", at: location, &interpreter)
          case .string: return .data(.tuple([PyElement(value)]))
          default: return .data(value)
          }
        },
        "has_permission": method("has_permission") { receiver, _, location, interpreter in
          let perms =
            method(receiver, "get_permission_required", at: location, &interpreter)
          if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
          // AnonymousUser.has_perms: every permission fails, so only an empty list passes.
          guard let items = PyOperations.iterate(perms.pyValue) else {
            return .data(.unknown("the permissions PermissionRequiredMixin checks"))
          }
          return .data(.bool(items.isEmpty))
        },
        "dispatch": method("dispatch") { receiver, arguments, location, interpreter in
          checked(
            receiver, "has_permission", after: name, arguments, at: location, &interpreter)
        },
      ]
    case "UserPassesTestMixin":
      return [
        "test_func": method("test_func") { _, _, location, interpreter in
          raise("NotImplementedError", at: location, &interpreter)
        },
        "get_test_func": method("get_test_func") { receiver, _, _, interpreter in
          attribute(receiver, "test_func", &interpreter) ?? .data(.unknown("test_func"))
        },
        "dispatch": method("dispatch") { receiver, arguments, location, interpreter in
          guard
            let test = call(receiver, "get_test_func", Arguments(), at: location, &interpreter)
          else { return .data(.unknown("get_test_func()")) }
          if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
          let passed = interpreter.invokeFromLibrary(test, Arguments(), at: location)
          if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
          return afterCheck(
            receiver, passed, "test_func()", after: name, arguments, at: location, &interpreter)
        },
      ]
    default:
      return [:]
    }
  }

  /// `if not self.<check>(): return self.handle_no_permission()`, else `super().dispatch()`.
  package static func checked(
    _ receiver: RValue, _ check: String, after owner: String, _ arguments: Arguments,
    at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    let passed =
      call(receiver, check, Arguments(), at: location, &interpreter)
      ?? .data(.unknown("\(check)()"))
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    return afterCheck(
      receiver, passed, "\(check)()", after: owner, arguments, at: location, &interpreter)
  }

  package static func afterCheck(
    _ receiver: RValue, _ passed: RValue, _ what: String, after owner: String,
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    switch passed.truthiness {
    case true?:
      return superCall(receiver, after: owner, "dispatch", arguments, at: location, &interpreter)
    case false?:
      return method(receiver, "handle_no_permission", at: location, &interpreter)
    case nil:
      return .data(.unknown("whether \(what) passes for the anonymous checker"))
    }
  }

  /// `AccessMixin.handle_no_permission`: `PermissionDenied` with `raise_exception`, else
  /// `redirect_to_login()` with the path (after `build_absolute_uri()` validated the Host).
  package static func handleNoPermission(
    _ receiver: RValue, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    let raises = attribute(receiver, "raise_exception", &interpreter)?.pyValue ?? .bool(false)
    guard let raising = raises.truthiness else {
      return .data(.unknown("raise_exception cannot be evaluated"))
    }
    if raising { return raise("PermissionDenied", at: location, &interpreter) }
    guard
      case .native(let request as HttpRequestObject)? = attribute(receiver, "request", &interpreter)
    else { return .data(.unknown("handle_no_permission() without the request")) }
    _ = request.callMethod("build_absolute_uri", Arguments(), at: location, &interpreter)
    if interpreter.pendingRaise != nil { return .data(.unknown("DisallowedHost")) }
    let loginURL =
      method(receiver, "get_login_url", at: location, &interpreter)
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    let field =
      call(receiver, "get_redirect_field_name", Arguments(), at: location, &interpreter)?.pyValue
      ?? .string("next")
    var redirectTo: PyValue?
    if let target = DjangoDecorators.loginTarget(loginURL, &interpreter),
      !target.contains("://"), case .string(let fieldName) = field
    {
      redirectTo = .string(
        target + "?" + fieldName + "=" + DjangoDecorators.percentEncoded(request.data.path))
    }
    var at = location
    if case .instance(let instance) = receiver {
      at =
        ["LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin", "AccessMixin"]
        .lazy.compactMap { instance.type.baseLocation(naming: $0) }.first ?? location
    }
    let response = ResponseObject(
      className: "HttpResponseRedirect", status: .int(302), location: at,
      redirectTo: redirectTo)
    response.isLoginRedirect = true
    return .native(response)
  }
}
