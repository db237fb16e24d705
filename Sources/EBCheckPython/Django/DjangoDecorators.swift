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
    guard handlesRestFrameworkExceptions, let (kind, _) = interpreter.pendingRaise,
      let status = DjangoViewLibrary.restFrameworkExceptions[kind]
    else { return result }
    interpreter.pendingRaise = nil
    return .native(ResponseObject(className: "Response", status: .int(status), location: appliedAt))
  }
}

/// Django's view decorators and DRF's function-view decorators as library callables, by
/// import path, each with its documented behaviour for the anonymous health-check GET.
package enum DjangoDecorators {
  /// Decorators used bare (`@never_cache`) whose wrapper only adds headers, marks the view
  /// (`csrf_exempt`) or exempts a GET from nothing it meets: the view answers as it would.
  package static let passing: [String: (attribute: String, value: PyValue)?] = [
    "django.views.decorators.csrf.csrf_exempt": ("csrf_exempt", .bool(true)),
    "django.views.decorators.csrf.csrf_protect": nil,
    "django.views.decorators.csrf.ensure_csrf_cookie": nil,
    "django.views.decorators.csrf.requires_csrf_token": nil,
    "django.views.decorators.cache.never_cache": nil,
    "django.views.decorators.vary.vary_on_cookie": nil,
    "django.views.decorators.gzip.gzip_page": nil,
    "django.views.decorators.clickjacking.xframe_options_deny": nil,
    "django.views.decorators.clickjacking.xframe_options_sameorigin": nil,
    "django.views.decorators.clickjacking.xframe_options_exempt": (
      "xframe_options_exempt", .bool(true)
    ),
    "django.views.decorators.common.no_append_slash": ("should_append_slash", .bool(false)),
    "django.contrib.auth.decorators.login_not_required": ("login_required", .bool(false)),
  ]
  /// Decorator factories (`@cache_page(60)`) whose decorator passes as above.
  package static let passingFactories: Set<String> = [
    "django.views.decorators.cache.cache_page", "django.views.decorators.cache.cache_control",
    "django.views.decorators.vary.vary_on_headers",
    "django.views.decorators.debug.sensitive_variables",
    "django.views.decorators.debug.sensitive_post_parameters",
    "rest_framework.decorators.renderer_classes", "rest_framework.decorators.parser_classes",
    "rest_framework.decorators.throttle_classes", "rest_framework.decorators.schema",
  ]
  /// Library decorators that return the function itself (or mark it for Django only).
  package static let transparent: Set<String> = [
    "functools.lru_cache", "functools.cache", "functools.cached_property", "abc.abstractmethod",
    "django.utils.functional.cached_property", "django.utils.decorators.sync_and_async_middleware",
    "django.utils.decorators.sync_only_middleware",
    "django.utils.decorators.async_only_middleware", "typing.overload", "typing.final",
  ]
  /// Builtins a class body uses that keep the function as the interpreter calls it.
  package static let transparentBuiltins: Set<String> = [
    "staticmethod", "classmethod", "property", "abstractmethod", "cached_property",
  ]
  /// Factories whose arguments are classes (kept as objects, not data).
  package static let classListFactories: Set<String> = [
    "rest_framework.decorators.permission_classes",
    "rest_framework.decorators.authentication_classes",
  ]

  /// The decorator (or decorator factory) at `qualified`; nil when not modelled.
  package static func function(_ qualified: String) -> NativeFunction? {
    let name = String(qualified.split(separator: ".").last ?? Substring(qualified))
    if let mark = passing[qualified] {
      return NativeFunction(name) { arguments, location, _ in
        decorate(arguments, name, at: location) { wrapper in
          if let mark { wrapper.attributes[mark.attribute] = .data(mark.value) }
        }
      }
    }
    if passingFactories.contains(qualified) {
      return NativeFunction(name) { _, _, _ in
        .native(
          NativeFunction(name) { arguments, location, _ in decorate(arguments, name, at: location) }
        )
      }
    }
    if classListFactories.contains(qualified) {
      // A list that is not a literal at the decorator (its classes read as data).
      return NativeFunction(name) { arguments, location, _ in
        let given = arguments.positional.first?.pyValue
        guard let elements = given.flatMap(PyOperations.iterate) else {
          return .data(.unknown("\(name)() of classes ebcheck cannot read"))
        }
        return .native(
          classListDecorator(qualified, elements.map { .data($0.value) }, at: location))
      }
    }
    if qualified == "functools.wraps" {
      return NativeFunction(name) { _, _, _ in
        .native(
          NativeFunction(name) { arguments, _, _ in arguments.positional.first ?? .data(.none) })
      }
    }
    if qualified == "functools.update_wrapper" {
      return NativeFunction(name) { arguments, _, _ in arguments.positional.first ?? .data(.none) }
    }
    switch qualified {
    case "django.contrib.auth.decorators.login_required":
      return loginDecorator(name, defaultLoginURL: nil, test: .anonymousFails)
    case "django.contrib.admin.views.decorators.staff_member_required":
      return loginDecorator(name, defaultLoginURL: "admin:login", test: .anonymousFails)
    case "django.contrib.auth.decorators.user_passes_test":
      return NativeFunction(name) { arguments, _, _ in
        let test = arguments.argument(0, "test_func") ?? .data(.unknown("test_func"))
        return .native(
          loginStep(
            name, loginURL: arguments.argument(1, "login_url"),
            field: arguments.argument(2, "redirect_field_name"), test: .runs(test)))
      }
    case "django.contrib.auth.decorators.permission_required":
      return NativeFunction(name) { arguments, _, _ in
        let raises = arguments.argument(2, "raise_exception")?.pyValue ?? .bool(false)
        return .native(
          loginStep(
            name, loginURL: arguments.argument(1, "login_url"), field: nil,
            test: raises.truthiness == true ? .anonymousRaises : .anonymousFails))
      }
    case "django.views.decorators.http.require_GET":
      return methodsDecorator(name, ["GET"])
    case "django.views.decorators.http.require_POST":
      return methodsDecorator(name, ["POST"])
    case "django.views.decorators.http.require_safe":
      return methodsDecorator(name, ["GET", "HEAD"])
    case "django.views.decorators.http.require_http_methods":
      return NativeFunction(name) { arguments, _, _ in
        guard let methods = strings(arguments.argument(0, "request_method_list")) else {
          return .data(.unknown("require_http_methods() of methods ebcheck cannot read"))
        }
        return .native(methodsDecorator(name, methods))
      }
    case "rest_framework.decorators.api_view":
      return NativeFunction(name) { arguments, _, _ in
        let given = arguments.argument(0, "http_method_names")
        if given == nil || given?.pyValue == PyValue.none { return .native(apiView(["GET"])) }
        guard let methods = strings(given) else {
          return .data(.unknown("api_view() of methods ebcheck cannot read"))
        }
        return .native(apiView(methods))
      }
    default:
      return nil
    }
  }

  /// Applies a passing decorator to `arguments`' function (`extra` marks the wrapper).
  package static func decorate(
    _ arguments: Arguments, _ name: String, at location: Location,
    _ extra: (DecoratedFunction) -> Void = { _ in }
  ) -> RValue {
    guard let function = arguments.positional.first else {
      return .data(.unknown("@\(name) without a function"))
    }
    let wrapper = DecoratedFunction(name, wrapping: function, at: location)
    extra(wrapper)
    return .native(wrapper)
  }

  /// `['GET', 'POST']` as strings, nil when the value is not a literal list of them.
  package static func strings(_ value: RValue?) -> [String]? {
    guard let value, let elements = PyOperations.iterate(value.pyValue) else { return nil }
    let texts = elements.compactMap(\.value.stringValue)
    return texts.count == elements.count ? texts : nil
  }

  /// `require_http_methods(methods)`: another method gets `HttpResponseNotAllowed` (405).
  package static func methodsDecorator(_ name: String, _ methods: [String]) -> NativeFunction {
    NativeFunction(name) { arguments, location, _ in
      guard let function = arguments.positional.first else {
        return .data(.unknown("@\(name) without a function"))
      }
      return .native(
        DecoratedFunction(name, wrapping: function, at: location) { wrapper, request, _ in
          guard !methods.contains(request.data.method) else { return nil }
          let response = ResponseObject(
            className: "HttpResponseNotAllowed", status: .int(405), location: wrapper.appliedAt)
          response.allowedMethods = methods
          return .native(response)
        })
    }
  }
}

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

  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    name == "__name__" ? .data(.string(self.name)) : nil
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
    let decorated = DjangoDecorators.apply(decorator, to: bound, at: appliedAt, &interpreter)
    var rest = arguments
    rest.positional.removeFirst()
    rest.identities.removeFirst()
    return interpreter.invokeFromLibrary(decorated, rest, at: appliedAt)
  }
}

extension DjangoDecorators {
  /// `decorator(function)`: a modelled library decorator, or the repository's own, run; a
  /// library decorator without a model makes the function unknown.
  package static func apply(
    _ decorator: RValue, to function: RValue, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    switch decorator {
    case .module(let name):
      if transparent.contains(name) { return function }
      guard let modelled = DjangoLibrary.function(name) else {
        return .data(.unknown("decorated by \(name), which ebcheck does not model"))
      }
      return interpreter.invokeFromLibrary(
        .native(modelled), Arguments.passing([function]), at: location)
    case .function, .closure, .classObject, .instance, .native, .method, .lambda:
      return interpreter.invokeFromLibrary(decorator, Arguments.passing([function]), at: location)
    case .data(.unknown(let reason)):
      return .data(.unknown("decorated by a value ebcheck cannot tell (\(reason))"))
    case .data(.dynamic(let dynamic)):
      return .data(.unknown("decorated by a value ebcheck cannot tell (\(dynamic.reason))"))
    default:
      return .data(.unknown("decorated by a value ebcheck cannot tell"))
    }
  }

  /// `method_decorator(decorator, name=…)`: on a class, the named method is replaced by
  /// its decorated version; on a function in a class body, the function is.
  package static func methodDecorator(_ arguments: Arguments) -> RValue {
    let decorator = arguments.argument(0, "decorator") ?? .data(.unknown("method_decorator()"))
    let name = arguments.argument(1, "name")?.pyValue.stringValue
    return .native(
      NativeFunction("method_decorator") { applied, location, interpreter in
        guard let target = applied.positional.first else {
          return .data(.unknown("method_decorator()"))
        }
        guard case .classObject(let type) = target else {
          return .native(
            DecoratedMethod(
              DecoratedFunction.name(of: target), original: target, decorator: decorator,
              owner: nil, at: location))
        }
        guard let name, let (original, owner) = type.find(name) else {
          // "The keyword argument `name` must be the name of a method of the decorated class"
          interpreter.pendingRaise = ("ValueError", location)
          return .data(.unknown("ValueError"))
        }
        type.namespace[name] = .native(
          DecoratedMethod(
            name, original: original, decorator: decorator, owner: owner, at: location))
        return target
      })
  }
}

extension Arguments {
  /// Positional arguments passed from library code (no list passed by reference).
  package static func passing(_ values: [RValue]) -> Arguments {
    var arguments = Arguments()
    arguments.positional = values
    arguments.identities = values.map { _ in nil }
    return arguments
  }
}

extension PyInterpreter {
  /// `@a @b def f`: `f = a(b(f))`, each decorator run as `DjangoDecorators.apply` does;
  /// the builtins a class body uses (`staticmethod`, `property`) keep the function.
  package mutating func decoratedFunction(
    _ function: PyFunctionDef, _ frame: Frame, statement: Location
  ) -> RValue {
    var value = functionValue(function, frame)
    for expression in function.decorators.reversed() {
      if case .data(.unknown) = value { break }
      let at = location(expression.span, frame)
      if let dotted = PySyntax.dottedName(expression),
        DjangoDecorators.transparentBuiltins.contains(dotted), binding(dotted, frame) == nil
      {
        continue
      }
      let decorator: RValue
      if case .call(let callee, let arguments) = expression.kind, arguments.count == 1,
        let items = Self.literalItems(arguments[0].value),
        case .module(let factory) = evaluate(callee, frame, statement: statement),
        DjangoDecorators.classListFactories.contains(factory)
      {
        // `@permission_classes([AllowAny])`: the classes kept as objects.
        let classes = items.map { evaluate($0, frame, statement: statement) }
        decorator = .native(DjangoDecorators.classListDecorator(factory, classes, at: at))
      } else {
        decorator = evaluate(expression, frame, statement: statement)
      }
      if pendingRaise != nil { return value }
      value = DjangoDecorators.apply(decorator, to: value, at: at, &self)
    }
    return value
  }

  /// The items of a list or tuple literal.
  package static func literalItems(_ expression: PyExpr) -> [PyExpr]? {
    switch expression.kind {
    case .list(let items), .tuple(let items): return items
    default: return nil
    }
  }
}
