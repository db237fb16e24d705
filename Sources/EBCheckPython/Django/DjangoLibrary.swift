import EBCheckCore

/// The parts of Django (and common packages) the interpreter models, by import path:
/// classes the repository's code derives from, and callables it calls.
package enum DjangoLibrary {
  /// Where the same class is importable from several modules.
  package static let classAliases: [String: String] = [
    "django.utils.deprecation.MiddlewareMixin": "MiddlewareMixin",
    "django.middleware.locale.LocaleMiddleware": "LocaleMiddleware",
  ]

  /// A fresh class object for a modelled library class; nil when not modelled.
  package static func libraryClass(_ qualified: String) -> PyClassObject? {
    if let restFramework = RestFrameworkLibrary.libraryClass(qualified) { return restFramework }
    if DjangoURLLibrary.routers.contains(qualified) {
      return DjangoURLLibrary.routerClass(String(qualified.split(separator: ".").last ?? ""))
    }
    if let view = DjangoClassViews.name(ofQualified: qualified) {
      return DjangoClassViews.make(view)
    }
    switch classAliases[qualified] {
    case "MiddlewareMixin": return middlewareMixin()
    case "LocaleMiddleware": return localeMiddleware()
    default: return nil
    }
  }

  /// A library callable by import path (`django.http.JsonResponse`, `django.shortcuts.redirect`).
  package static func function(_ qualified: String) -> NativeFunction? {
    if let viewFunction = DjangoViewLibrary.function(qualified) { return viewFunction }
    if let urlFunction = DjangoURLLibrary.function(qualified) { return urlFunction }
    if let decorator = DjangoDecorators.function(qualified) { return decorator }
    guard let dot = qualified.lastIndex(of: ".") else { return nil }
    let module = String(qualified[..<dot])
    let name = String(qualified[qualified.index(after: dot)...])
    if DjangoResponses.modules.contains(module) || module == "django.shortcuts",
      DjangoResponses.classes[name] != nil
    {
      return NativeFunction(name) { arguments, location, interpreter in
        DjangoResponses.construct(name, arguments, at: location, &interpreter)
      }
    }
    if Self.reverseFunctions.contains(qualified) {
      return NativeFunction(name) { arguments, _, interpreter in
        reverse(arguments, names: interpreter.djangoURLNames)
      }
    }
    if Self.coroutineChecks.contains(qualified) {
      return NativeFunction(name) { arguments, _, interpreter in
        guard let value = arguments.argument(0, "func") else {
          return .data(.unknown(name + "()"))
        }
        return .data(interpreter.isCoroutineFunction(value))
      }
    }
    if Self.coroutineMarks.contains(qualified) {
      return NativeFunction(name) { arguments, _, _ in
        guard let value = arguments.argument(0, "func") else {
          return .data(.unknown(name + "()"))
        }
        if case .instance(let instance) = value {
          instance.attributes[PyInterpreter.coroutineMarker] = .data(.bool(true))
        }
        return value
      }
    }
    if qualified == "django.utils.decorators.method_decorator" {
      return NativeFunction(name) { arguments, _, _ in DjangoDecorators.methodDecorator(arguments) }
    }
    if qualified == "django.shortcuts.redirect" {
      return NativeFunction(name) { arguments, location, interpreter in
        DjangoResponses.redirect(arguments, at: location, names: interpreter.djangoURLNames)
      }
    }
    return nil
  }

  /// Library decorators that leave a class's answer to a GET unchanged (they add headers,
  /// exempt from CSRF, which a GET never meets, or only mark the class).
  package static let classDecorators: Set<String> = [
    "django.views.decorators.csrf.csrf_exempt", "django.views.decorators.cache.never_cache",
    "django.views.decorators.clickjacking.xframe_options_exempt",
    "django.views.decorators.clickjacking.xframe_options_sameorigin",
    "django.views.decorators.clickjacking.xframe_options_deny",
    "django.views.decorators.vary.vary_on_headers", "django.views.decorators.vary.vary_on_cookie",
    "django.views.decorators.gzip.gzip_page", "django.views.decorators.http.require_GET",
    "django.views.decorators.http.require_safe",
    "django.utils.decorators.sync_and_async_middleware",
    "django.utils.decorators.sync_only_middleware", "functools.total_ordering",
  ]

  package static let coroutineChecks: Set<String> = [
    "asgiref.sync.iscoroutinefunction", "inspect.iscoroutinefunction",
    "asyncio.iscoroutinefunction",
  ]
  package static let coroutineMarks: Set<String> = [
    "asgiref.sync.markcoroutinefunction", "inspect.markcoroutinefunction",
  ]

  package static let reverseFunctions: Set<String> = [
    "django.urls.reverse", "django.urls.reverse_lazy", "django.core.urlresolvers.reverse",
    "django.core.urlresolvers.reverse_lazy", "django.urls.base.reverse",
  ]

  /// `reverse('ns:name')` without arguments: the path of a name the URLconf's evaluation gave;
  /// anything else (arguments, a name it could not read) is unknown.
  package static func reverse(_ arguments: Arguments, names: [String: String]) -> RValue {
    guard let name = arguments.argument(0, "viewname")?.pyValue.stringValue else {
      return .data(.unknown("reverse() of a value ebcheck cannot read"))
    }
    let hasArguments = ["args", "kwargs"].contains { key in
      guard let value = arguments.keyword(key)?.pyValue else { return false }
      return value != .none && value.truthiness != false
    }
    guard !hasArguments, arguments.positional.count <= 1, arguments.keyword("urlconf") == nil,
      let path = names[name]
    else {
      return .data(.unknown("reverse('\(name)'): a URL ebcheck did not read from the URLconf"))
    }
    return .data(.string(path))
  }

  /// `django.utils.deprecation.MiddlewareMixin`: `__init__` keeps `get_response`; `__call__`
  /// runs `process_request`, passes on unless it answered, then `process_response`.
  package static func middlewareMixin() -> PyClassObject {
    let initializer = NativeFunction("__init__") { arguments, _, _ in
      if case .instance(let instance)? = arguments.positional.first {
        instance.attributes["get_response"] =
          arguments.argument(1, "get_response") ?? .data(.unknown("get_response"))
      }
      return .data(.none)
    }
    let call = NativeFunction("__call__") { arguments, location, interpreter in
      guard arguments.positional.count >= 2 else { return .data(.unknown("__call__()")) }
      let receiver = arguments.positional[0]
      let request = arguments.positional[1]
      var response: RValue = .data(.none)
      if let method = interpreter.boundMethod(receiver, "process_request") {
        response = interpreter.invokeFromLibrary(method, [request], at: location)
        if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
      }
      guard let answered = response.truthiness else {
        return .data(.unknown("whether process_request answered"))
      }
      if !answered, let next = interpreter.boundMethod(receiver, "get_response") {
        response = interpreter.invokeFromLibrary(next, [request], at: location)
        if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
      }
      if let method = interpreter.boundMethod(receiver, "process_response") {
        response = interpreter.invokeFromLibrary(method, [request, response], at: location)
      }
      return response
    }
    return PyClassObject(
      name: "MiddlewareMixin", module: "django.utils.deprecation",
      namespace: ["__init__": .native(initializer), "__call__": .native(call)])
  }
}

extension DjangoLibrary {
  /// `django.middleware.locale.LocaleMiddleware`, as a base of the repository's classes:
  /// `process_request` activates a language and answers nothing; `process_response` marks
  /// the response it returns as one LocaleMiddleware handled, so the simulation applies its
  /// model (a 404 outside `i18n_patterns` redirected to the language-prefixed path).
  package static func localeMiddleware() -> PyClassObject {
    let processRequest = NativeFunction("process_request") { _, _, _ in .data(.none) }
    let processResponse = NativeFunction("process_response") { arguments, _, _ in
      guard arguments.positional.count >= 3 else { return .data(.unknown("process_response()")) }
      let response = arguments.positional[2]
      if case .native(let object as ResponseObject) = response { object.appliesLocale = true }
      return response
    }
    return PyClassObject(
      name: "LocaleMiddleware", module: "django.middleware.locale", bases: [middlewareMixin()],
      namespace: [
        "process_request": .native(processRequest), "process_response": .native(processResponse),
      ])
  }
}

extension PyInterpreter {
  /// `receiver.name` when the object has it (an instance attribute or a method of its class).
  package mutating func boundMethod(_ receiver: RValue, _ name: String) -> RValue? {
    guard case .instance(let instance) = receiver else { return nil }
    if let own = instance.attributes[name] { return own }
    guard let (found, owner) = instance.type.find(name) else { return nil }
    return bindToReceiver(found, receiver, owner)
  }

  /// Calls `function` from library code (no Python frame of its own: the module's).
  package mutating func invokeFromLibrary(_ function: RValue, _ positional: [RValue], at: Location)
    -> RValue
  {
    invokeFromLibrary(function, Arguments.passing(positional), at: at)
  }

  /// Calls `function` from library code with positional and keyword arguments.
  package mutating func invokeFromLibrary(
    _ function: RValue, _ arguments: Arguments, at: Location
  ) -> RValue {
    invoke(function, arguments, at, Frame(module: root), statement: at)
  }
}
