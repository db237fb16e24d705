import EBCheckCore

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
  /// Decorators whose Django code only sets an attribute on what it is given (a class too).
  package static let settingAttributeOnly: Set<String> = [
    "django.contrib.auth.decorators.login_not_required"
  ]
  /// Decorator factories (`@cache_page(60)`) whose decorator passes as above.
  package static let passingFactories: Set<String> = [
    "django.views.decorators.cache.cache_page", "django.views.decorators.cache.cache_control",
    "django.views.decorators.vary.vary_on_headers",
    "django.views.decorators.debug.sensitive_variables",
    "django.views.decorators.debug.sensitive_post_parameters",
    "rest_framework.decorators.renderer_classes", "rest_framework.decorators.parser_classes",
    "rest_framework.decorators.schema",
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
  /// DRF's viewset action decorators (`@action(detail=False)`, and the older names).
  package static let actionFactories: Set<String> = [
    "rest_framework.decorators.action", "rest_framework.decorators.detail_route",
    "rest_framework.decorators.list_route",
  ]
  /// Factories whose arguments are classes (kept as objects, not data).
  package static let classListFactories: Set<String> = [
    "rest_framework.decorators.permission_classes",
    "rest_framework.decorators.authentication_classes",
    "rest_framework.decorators.throttle_classes",
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
    if actionFactories.contains(qualified) {
      // DRF's @action marks the method (its route is the router's business) and returns it.
      return NativeFunction(name) { _, _, _ in
        .native(
          NativeFunction(name) { arguments, _, _ in arguments.positional.first ?? .data(.none) })
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
    if let conditional = conditionalDecorator(qualified) { return conditional }
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
      if let dotted = PySyntax.dottedName(expression), binding(dotted, frame) == nil,
        dotted == "staticmethod" || dotted == "classmethod"
      {
        value = .native(
          dotted == "staticmethod" ? StaticMethodObject(value) : ClassMethodObject(value))
        continue
      }
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
        decorator = evaluateDecorator(expression, frame, statement: statement)
      }
      if pendingRaise != nil { return value }
      value = DjangoDecorators.apply(decorator, to: value, at: at, &self)
    }
    return value
  }

  /// A decorator expression evaluated; `method_decorator([a, b], name=…)` keeps its list's
  /// decorators as objects and applies them as Django does: `a(b(method))`, so `a` runs first.
  package mutating func evaluateDecorator(
    _ expression: PyExpr, _ frame: Frame, statement: Location
  ) -> RValue {
    guard case .call(let callee, let arguments) = expression.kind,
      let first = arguments.first, first.keyword == nil,
      let items = Self.literalItems(first.value),
      case .module("django.utils.decorators.method_decorator") = evaluate(
        callee, frame, statement: statement)
    else { return evaluate(expression, frame, statement: statement) }
    let decorators = items.map { evaluate($0, frame, statement: statement) }
    let composed = NativeFunction("decorators") { given, location, interpreter in
      guard var function = given.positional.first else {
        return .data(.unknown("method_decorator's list applied to nothing"))
      }
      for decorator in decorators.reversed() {
        function = DjangoDecorators.apply(decorator, to: function, at: location, &interpreter)
      }
      return function
    }
    var passed = Arguments.passing([.native(composed)])
    for argument in arguments.dropFirst() {
      let value = evaluate(argument.value, frame, statement: statement)
      if let keyword = argument.keyword {
        passed.keywords.append((keyword, value))
      } else {
        passed.positional.append(value)
        passed.identities.append(nil)
      }
    }
    return DjangoDecorators.methodDecorator(passed)
  }

  /// The items of a list or tuple literal.
  package static func literalItems(_ expression: PyExpr) -> [PyExpr]? {
    switch expression.kind {
    case .list(let items), .tuple(let items): return items
    default: return nil
    }
  }
}
