import EBCheckCore

/// The parts of Django (and common packages) the interpreter models, by import path:
/// classes the repository's code derives from, and callables it calls.
package enum DjangoLibrary {
  /// Where the same class is importable from several modules.
  package static let classAliases: [String: String] = [
    "django.utils.deprecation.MiddlewareMixin": "MiddlewareMixin",
    "django.views.View": "View",
    "django.views.generic.View": "View",
    "django.views.generic.base.View": "View",
    "django.views.generic.TemplateView": "TemplateView",
    "django.views.generic.base.TemplateView": "TemplateView",
    "django.views.generic.RedirectView": "RedirectView",
    "django.views.generic.base.RedirectView": "RedirectView",
  ]

  /// A fresh class object for a modelled library class; nil when not modelled.
  package static func libraryClass(_ qualified: String) -> PyClassObject? {
    switch classAliases[qualified] {
    case "MiddlewareMixin": return middlewareMixin()
    case let name?:
      // Views are modelled by the URLconf/view layer; here they are a named base whose
      // dispatch() a repository's own dispatch() can call.
      return DjangoViewLibrary.viewClass(name)
    case nil: return nil
    }
  }

  /// A library callable by import path (`django.http.JsonResponse`, `django.shortcuts.redirect`).
  package static func function(_ qualified: String) -> NativeFunction? {
    if let viewFunction = DjangoViewLibrary.function(qualified) { return viewFunction }
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
    if qualified == "django.shortcuts.redirect" {
      return NativeFunction(name) { arguments, location, _ in
        DjangoResponses.redirect(arguments, at: location)
      }
    }
    return nil
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
    var arguments = Arguments()
    arguments.positional = positional
    arguments.identities = positional.map { _ in nil }
    return invoke(function, arguments, at, Frame(module: root), statement: at)
  }
}
