import EBCheckCore

extension DjangoDecorators {
  /// What a login decorator's test answers for the anonymous checker.
  package enum LoginTest {
    /// `is_authenticated`, `is_staff`, `has_perms`: false for `AnonymousUser` → login redirect.
    case anonymousFails
    /// `permission_required(raise_exception=True)`: `PermissionDenied` (403).
    case anonymousRaises
    /// `user_passes_test(test_func)`: the repository's test, run with the user.
    case runs(RValue)
  }

  /// `login_required` / `staff_member_required`: used bare (`@login_required`) or called with
  /// `login_url=` / `redirect_field_name=` first.
  package static func loginDecorator(_ name: String, defaultLoginURL: String?, test: LoginTest)
    -> NativeFunction
  {
    NativeFunction(name) { arguments, location, interpreter in
      let loginURL = arguments.keyword("login_url") ?? defaultLoginURL.map { .data(.string($0)) }
      let step = loginStep(
        name, loginURL: loginURL, field: arguments.keyword("redirect_field_name"), test: test)
      guard let function = arguments.positional.first, function.pyValue != .none else {
        return .native(step)
      }
      return step.call(Arguments(positional: [function]), at: location, &interpreter)
        ?? .data(.unknown(name))
    }
  }

  /// The decorator `user_passes_test` builds: the test on `request.user`, a redirect to
  /// the login URL with `?next=` when it fails (Django builds the URL from
  /// `request.build_absolute_uri()`, so the Host is validated first).
  package static func loginStep(
    _ name: String, loginURL: RValue?, field: RValue?, test: LoginTest
  ) -> NativeFunction {
    NativeFunction(name) { arguments, location, _ in
      guard let function = arguments.positional.first else {
        return .data(.unknown("@\(name) without a function"))
      }
      return .native(
        DecoratedFunction(name, wrapping: function, at: location) { wrapper, request, interpreter in
          let user = RValue.native(AnonymousUserObject())
          switch test {
          case .anonymousFails: break
          case .anonymousRaises:
            interpreter.pendingRaise = ("PermissionDenied", wrapper.appliedAt)
            return .data(.unknown("PermissionDenied"))
          case .runs(let function):
            let passed = interpreter.invokeFromLibrary(
              function, Arguments(positional: [user]), at: wrapper.appliedAt)
            if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
            switch passed.truthiness {
            case true?: return nil
            case false?: break
            case nil:
              return .data(
                .unknown("whether \(name)'s test passes for the anonymous checker"))
            }
          }
          _ = request.callMethod(
            "build_absolute_uri", Arguments(), at: wrapper.appliedAt, &interpreter)
          if interpreter.pendingRaise != nil { return .data(.unknown("DisallowedHost")) }
          let target = loginTarget(loginURL, &interpreter)
          let fieldName = field?.pyValue.stringValue ?? "next"
          let response = ResponseObject(
            className: "HttpResponseRedirect", status: .int(302), location: wrapper.appliedAt,
            redirectTo: target.map {
              .string($0 + "?" + fieldName + "=" + percentEncoded(request.data.path))
            })
          response.isLoginRedirect = true
          return .native(response)
        })
    }
  }

  /// `resolve_url(login_url or settings.LOGIN_URL)`: a URL as written, a URL name reversed
  /// when the URLconf reader read it (nil when it did not: the target stays unnamed).
  package static func loginTarget(_ given: RValue?, _ interpreter: inout PyInterpreter) -> String? {
    let configured =
      given?.pyValue.stringValue
      ?? interpreter.djangoSettings?["LOGIN_URL"]?.stringValue ?? "/accounts/login/"
    if configured.contains("/") || configured.contains(".") { return configured }
    return interpreter.djangoURLNames[configured]
  }

  /// The `next=` value as Django's QueryDict encodes it (`/` kept).
  package static func percentEncoded(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      let scalar = Unicode.Scalar(byte)
      if ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar)
        || ("A"..."Z").contains(scalar) || "/-_.~".unicodeScalars.contains(scalar)
      {
        result.unicodeScalars.append(scalar)
      } else {
        result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return result
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
