import EBCheckCore

/// Django's class-based views (`django.views.generic`) and the access mixins
/// (`django.contrib.auth.mixins`) as library classes with Django's own bases, so that a
/// repository class derived from them finds each method in Python's resolution order and
/// `super()` reaches Django's. `as_view()`, `setup()` and `dispatch()` run as Django runs them.
package enum DjangoClassViews {
  /// Each modelled class: its module and its bases, as Django declares them.
  package static let hierarchy: [String: (module: String, bases: [String])] =
    genericHierarchy
    .merging(authHierarchy) { generic, _ in generic }.merging(healthCheckHierarchy) { kept, _ in
      kept
    }
  static let genericHierarchy: [String: (module: String, bases: [String])] = [
    "View": (base, []),
    "ContextMixin": (base, []),
    "TemplateResponseMixin": (base, []),
    "TemplateView": (base, ["TemplateResponseMixin", "ContextMixin", "View"]),
    "RedirectView": (base, ["View"]),
    "MultipleObjectMixin": (list, ["ContextMixin"]),
    "BaseListView": (list, ["MultipleObjectMixin", "View"]),
    "MultipleObjectTemplateResponseMixin": (list, ["TemplateResponseMixin"]),
    "ListView": (list, ["MultipleObjectTemplateResponseMixin", "BaseListView"]),
    "SingleObjectMixin": (detail, ["ContextMixin"]),
    "BaseDetailView": (detail, ["SingleObjectMixin", "View"]),
    "SingleObjectTemplateResponseMixin": (detail, ["TemplateResponseMixin"]),
    "DetailView": (detail, ["SingleObjectTemplateResponseMixin", "BaseDetailView"]),
    "FormMixin": (edit, ["ContextMixin"]),
    "ModelFormMixin": (edit, ["FormMixin", "SingleObjectMixin"]),
    "ProcessFormView": (edit, ["View"]),
    "BaseFormView": (edit, ["FormMixin", "ProcessFormView"]),
    "FormView": (edit, ["TemplateResponseMixin", "BaseFormView"]),
    "BaseCreateView": (edit, ["ModelFormMixin", "ProcessFormView"]),
    "CreateView": (edit, ["SingleObjectTemplateResponseMixin", "BaseCreateView"]),
    "BaseUpdateView": (edit, ["ModelFormMixin", "ProcessFormView"]),
    "UpdateView": (edit, ["SingleObjectTemplateResponseMixin", "BaseUpdateView"]),
    "DeletionMixin": (edit, []),
    "BaseDeleteView": (edit, ["DeletionMixin", "FormMixin", "BaseDetailView"]),
    "DeleteView": (edit, ["SingleObjectTemplateResponseMixin", "BaseDeleteView"]),
    "BaseDateListView": (dates, ["MultipleObjectMixin", "View"]),
    "ArchiveIndexView": (dates, ["MultipleObjectTemplateResponseMixin", "BaseDateListView"]),
    "YearArchiveView": (dates, ["MultipleObjectTemplateResponseMixin", "BaseDateListView"]),
    "MonthArchiveView": (dates, ["MultipleObjectTemplateResponseMixin", "BaseDateListView"]),
    "WeekArchiveView": (dates, ["MultipleObjectTemplateResponseMixin", "BaseDateListView"]),
    "DayArchiveView": (dates, ["MultipleObjectTemplateResponseMixin", "BaseDateListView"]),
    "TodayArchiveView": (dates, ["MultipleObjectTemplateResponseMixin", "BaseDateListView"]),
    "AccessMixin": (mixins, []),
    "LoginRequiredMixin": (mixins, ["AccessMixin"]),
    "PermissionRequiredMixin": (mixins, ["AccessMixin"]),
    "UserPassesTestMixin": (mixins, ["AccessMixin"]),
    // django-meta: adds the page's `meta` to the context and leaves the answer to the view.
    "MetadataMixin": ("meta.views", []),
  ]
  static let base = "django.views.generic.base"
  static let list = "django.views.generic.list"
  static let detail = "django.views.generic.detail"
  static let edit = "django.views.generic.edit"
  static let dates = "django.views.generic.dates"
  static let mixins = "django.contrib.auth.mixins"

  /// The class a qualified name imports (`django.views.generic.ListView`,
  /// `django.views.generic.list.ListView`, `django.views.View`); nil when not modelled.
  package static func name(ofQualified qualified: String) -> String? {
    if let restFramework = RestFrameworkViews.name(ofQualified: qualified) {
      return restFramework
    }
    guard let dot = qualified.lastIndex(of: ".") else { return nil }
    let name = String(qualified[qualified.index(after: dot)...])
    let module = String(qualified[..<dot])
    guard let entry = hierarchy[name] else { return nil }
    if module == entry.module { return name }
    if module == "django.views.generic" && entry.module != mixins { return name }
    if module == "django.views" && name == "View" { return name }
    if module == "meta.views" && name == "MetadataMixin" { return name }
    if module == "health_check.views", healthCheckHierarchy[name] != nil { return name }
    return nil
  }

  /// A fresh class object for `name` and its bases (a base shared by several of them is
  /// one object, as in Django, so the resolution order holds it once).
  package static func make(_ name: String) -> PyClassObject? {
    var built: [String: PyClassObject] = [:]
    return make(name, depth: 0, &built)
  }

  static func make(_ name: String, depth: Int, _ built: inout [String: PyClassObject])
    -> PyClassObject?
  {
    if let done = built[name] { return done }
    guard let entry = entry(name), depth < 8 else { return nil }
    let bases = entry.bases.compactMap { make($0, depth: depth + 1, &built) }
    let type = PyClassObject(
      name: name, module: entry.module, bases: bases, namespace: namespace(of: name))
    built[name] = type
    return type
  }

  /// The attributes and methods Django defines on the class itself.
  package static func namespace(of name: String) -> [String: RValue] {
    switch name {
    case "View": return viewNamespace()
    case "ContextMixin", "TemplateResponseMixin", "TemplateView", "RedirectView":
      return templateNamespace(of: name)
    case "AccessMixin", "LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin":
      return accessNamespace(of: name)
    case _ where authHierarchy[name] != nil: return authNamespace(of: name)
    case _ where healthCheckHierarchy[name] != nil: return healthCheckNamespace(of: name)
    case "MetadataMixin":
      return [
        "get_context_data": method("get_context_data") {
          receiver, arguments, location, interpreter in
          superCall(
            receiver, after: name, "get_context_data", arguments, at: location, &interpreter)
        }
      ]
    default:
      return RestFrameworkViews.namespace(of: name) ?? genericNamespace(of: name)
    }
  }

  /// A modelled class's module and bases: Django's, else DRF's.
  package static func entry(_ name: String) -> (module: String, bases: [String])? {
    hierarchy[name] ?? RestFrameworkViews.hierarchy[name]
  }

  /// A method of a library class: a native function whose first argument is `self`.
  package static func method(
    _ name: String, _ body: @escaping (RValue, Arguments, Location, inout PyInterpreter) -> RValue
  ) -> RValue {
    .native(
      NativeFunction(name) { arguments, location, interpreter in
        guard let receiver = arguments.positional.first else {
          return .data(.unknown("\(name)() called without self"))
        }
        var rest = arguments
        rest.positional.removeFirst()
        if !rest.identities.isEmpty { rest.identities.removeFirst() }
        return body(receiver, rest, location, &interpreter)
      })
  }

  /// Raises `kind` from library code at `location`.
  package static func raise(
    _ kind: String, at location: Location, _ interpreter: inout PyInterpreter
  )
    -> RValue
  {
    interpreter.pendingRaise = (kind, location)
    return .data(.unknown(kind))
  }

  /// `getattr(self, name)` from library code; nil when the object has no such attribute.
  /// Where the class derives from a base ebcheck cannot see into, a name the repository's
  /// classes do not bind may come from that base: unknown, with it named.
  package static func attribute(
    _ receiver: RValue, _ name: String, _ interpreter: inout PyInterpreter
  ) -> RValue? {
    if case .instance(let instance) = receiver, instance.attributes[name] == nil,
      instance.type.hasOpaqueBase, !isRepositoryBinding(instance.type, name)
    {
      return interpreter.missingAttribute(instance.type, name)
    }
    return interpreter.boundMethod(receiver, name)
  }

  /// Whether the first class binding `name` is one of the repository's (a `class` statement
  /// ebcheck ran), not a modelled library class.
  package static func isRepositoryBinding(_ type: PyClassObject, _ name: String) -> Bool {
    guard let (_, owner) = type.find(name) else { return false }
    return owner.nameLocation != nil
  }

  /// Where the repository's class binds `name` (the line that decides), else `fallback`.
  package static func binding(_ receiver: RValue, _ name: String, or fallback: Location)
    -> Location
  {
    guard case .instance(let instance) = receiver else { return fallback }
    return instance.attributeLocations[name] ?? instance.type.bindingLocation(of: name)
      ?? fallback
  }

  /// Calls `self.name(...)` from library code; nil when the object has no such method.
  package static func call(
    _ receiver: RValue, _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    guard let method = interpreter.boundMethod(receiver, name) else { return nil }
    return interpreter.invokeFromLibrary(method, arguments, at: location)
  }

  /// `self.name(*arguments)`; unknown when the receiver has no such method.
  package static func method(
    _ receiver: RValue, _ name: String, _ arguments: Arguments = Arguments(),
    at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    call(receiver, name, arguments, at: location, &interpreter) ?? .data(.unknown("\(name)()"))
  }

  /// The method the class after `owner` in the receiver's order defines (`super().name`).
  package static func superMethod(
    _ receiver: RValue, after owner: String, _ name: String, _ interpreter: PyInterpreter
  ) -> RValue? {
    guard case .instance(let instance) = receiver,
      let start = instance.type.resolutionOrder.first(where: {
        $0.name == owner && entry(owner)?.module == $0.module
      }),
      let (found, definedIn) = instance.type.find(name, after: start)
    else { return nil }
    return interpreter.bindToReceiver(found, receiver, definedIn)
  }

  /// `self.args` and `self.kwargs` as `setup()` stored them, passed on to a handler.
  package static func requestArguments(
    _ receiver: RValue, request: RValue, _ interpreter: inout PyInterpreter
  ) -> Arguments {
    var arguments = Arguments.passing([request])
    if case .data(.tuple(let items))? = attribute(receiver, "args", &interpreter) {
      arguments.positional += items.map { .data($0.value) }
      arguments.identities += items.map { _ in nil }
    }
    if case .data(.dict(let entries))? = attribute(receiver, "kwargs", &interpreter) {
      for entry in entries {
        if case .string(let key) = entry.key {
          arguments.keywords.append((key, .data(entry.value)))
        }
      }
    }
    return arguments
  }

  /// Records that the code reads the database (the answer then holds if it answers); in the
  /// failing run, the read raises as a database that does not answer does.
  package static func readsDatabase(at location: Location, _ interpreter: inout PyInterpreter)
    -> Bool
  {
    guard let log = interpreter.externalCalls else { return true }
    log.note("the database answers")
    if log.failing {
      interpreter.pendingRaise = ("OperationalError", location)
      return false
    }
    return true
  }
}

extension DjangoClassViews {
  package static let httpMethodNames = [
    "get", "post", "put", "patch", "delete", "head", "options", "trace",
  ]

  /// `View`: `as_view()` (a class method), `__init__`, `setup()`, `dispatch()`,
  /// `http_method_not_allowed()` and `options()`.
  package static func viewNamespace() -> [String: RValue] {
    var namespace: [String: RValue] = [
      "http_method_names": .data(.list(httpMethodNames.map { PyElement(.string($0)) }))
    ]
    namespace["as_view"] = .native(
      ClassMethodObject(
        .native(
          NativeFunction("as_view") { arguments, location, interpreter in
            asView(arguments, at: location, &interpreter)
          })))
    namespace["__init__"] = method("__init__") { receiver, arguments, _, _ in
      // View.__init__(**kwargs): each keyword becomes an attribute of the instance.
      if case .instance(let instance) = receiver {
        for (key, value) in arguments.keywords { instance.attributes[key] = value }
      }
      return .data(.none)
    }
    namespace["setup"] = method("setup") { receiver, arguments, _, interpreter in
      guard case .instance(let instance) = receiver else { return .data(.none) }
      if attribute(receiver, "get", &interpreter) != nil,
        attribute(receiver, "head", &interpreter) == nil,
        let get = attribute(receiver, "get", &interpreter)
      {
        instance.attributes["head"] = get
      }
      instance.attributes["request"] = arguments.positional.first ?? .data(.none)
      instance.attributes["args"] = .data(
        .tuple(arguments.positional.dropFirst().map { PyElement($0.pyValue) }))
      instance.attributes["kwargs"] = .data(
        .dict(arguments.keywords.map { PyDictEntry(key: .string($0.0), value: $0.1.pyValue) }))
      return .data(.none)
    }
    namespace["dispatch"] = method("dispatch") { receiver, arguments, location, interpreter in
      dispatch(receiver, arguments, at: location, &interpreter)
    }
    namespace["http_method_not_allowed"] = method("http_method_not_allowed") {
      receiver, _, location, interpreter in
      let response = ResponseObject(
        className: "HttpResponseNotAllowed", status: .int(405), location: location)
      response.allowedMethods = allowedMethods(receiver, &interpreter)
      return .native(response)
    }
    namespace["options"] = method("options") { receiver, _, location, interpreter in
      let response = ResponseObject(
        className: "HttpResponse", status: .int(200), location: location)
      _ = allowedMethods(receiver, &interpreter)
      return .native(response)
    }
    return namespace
  }

  /// `View.as_view(**initkwargs)`: a keyword naming an HTTP method, or one that is not an
  /// attribute of the class, is a `TypeError` where the URLconf calls it; else the view
  /// function that builds an instance per request.
  package static func asView(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard case .classObject(let type)? = arguments.positional.first else {
      return .data(.unknown("as_view() without its class"))
    }
    let methods =
      PyOperations.iterate(type.find("http_method_names")?.0.pyValue ?? .none)?.compactMap {
        $0.value.stringValue
      } ?? httpMethodNames
    for (key, _) in arguments.keywords {
      if methods.contains(key) {
        // "The method name get is not accepted as a keyword argument to HealthView()."
        return raise(
          asViewError + " does not accept the method name '\(key)'", at: location, &interpreter)
      }
      if type.find(key) == nil {
        if type.hasOpaqueBase {
          let bases = type.resolutionOrder.flatMap(\.opaqueBases).joined(separator: ", ")
          return .data(
            .unknown(
              "whether \(type.name) has the attribute '\(key)' as_view() is given (it may come from \(bases))"
            ))
        }
        // "HealthView() received an invalid keyword 'x'. as_view only accepts arguments
        // that are already attributes of the class."
        return raise(
          asViewError + " received '\(key)', which is not an attribute of \(type.name)",
          at: location, &interpreter)
      }
    }
    let view = ClassViewFunction(type: type, initkwargs: arguments.keywords, at: location)
    if let module = interpreter.evaluator.parse(path: location.file),
      let call = PySyntax.expression(at: location.span, in: module.statements),
      case .call(_, let given) = call.kind
    {
      for argument in given {
        guard let key = argument.keyword else { continue }
        view.keywordLocations[key] = Location(file: location.file, span: argument.value.span)
      }
    }
    return .native(view)
  }

  /// How `as_view()`'s refusal of its keywords is raised (a `TypeError` where the URLconf
  /// calls it, so importing the URLconf fails and every request it serves answers 500).
  package static let asViewError = "TypeError: as_view()"

  /// `View.dispatch`: the handler named by the request's method when it is in
  /// `http_method_names` and defined, else `http_method_not_allowed`.
  package static func dispatch(
    _ receiver: RValue, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard case .native(let request as HttpRequestObject)? = arguments.positional.first else {
      return .data(.unknown("dispatch() without the request"))
    }
    let method = request.data.method.lowercased()
    let names = attribute(receiver, "http_method_names", &interpreter)?.pyValue ?? .none
    if case .unknown = names { return .data(names) }
    guard let listed = PyOperations.iterate(names)?.map(\.value) else {
      return .data(.unknown("http_method_names cannot be evaluated"))
    }
    var handler: RValue?
    if listed.contains(.string(method)) {
      handler = attribute(receiver, method, &interpreter)
      if handler == nil, case .instance(let instance) = receiver, instance.type.hasOpaqueBase {
        // A base ebcheck cannot see into may define the handler.
        return interpreter.missingAttribute(instance.type, method)
      }
    }
    if handler == nil { handler = attribute(receiver, "http_method_not_allowed", &interpreter) }
    guard let handler else { return .data(.unknown("dispatch() without a handler")) }
    return interpreter.invokeFromLibrary(handler, arguments, at: location)
  }

  /// `View._allowed_methods()`: the upper-cased names of `http_method_names` defined.
  package static func allowedMethods(_ receiver: RValue, _ interpreter: inout PyInterpreter)
    -> [String]
  {
    let names = attribute(receiver, "http_method_names", &interpreter)?.pyValue ?? .none
    return (PyOperations.iterate(names) ?? []).compactMap { element in
      guard let name = element.value.stringValue, attribute(receiver, name, &interpreter) != nil
      else { return nil }
      return name.uppercased()
    }
  }
}

/// The function `as_view()` returns: called with the request (and the URL's arguments), it
/// builds an instance with the initkwargs, runs `setup()` and returns what `dispatch()` does.
package final class ClassViewFunction: PyNativeObject, PyAttributeStore {
  package let type: PyClassObject
  package let initkwargs: [(String, RValue)]
  package let location: Location
  package var attributes: [String: RValue] = [:]
  /// Where each initkwarg's value is written in the URLconf.
  package var keywordLocations: [String: Location] = [:]

  package init(type: PyClassObject, initkwargs: [(String, RValue)], at location: Location) {
    self.type = type
    self.initkwargs = initkwargs
    self.location = location
  }

  package var typeName: String { "function" }

  package func store(_ name: String, _ value: RValue) { attributes[name] = value }

  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    if let own = attributes[name] { return own }
    switch name {
    case "__name__", "__qualname__": return .data(.string(type.name))
    case "view_class", "cls": return .classObject(type)
    case "view_initkwargs":
      return .data(
        .dict(initkwargs.map { PyDictEntry(key: .string($0.0), value: $0.1.pyValue) }))
    default:
      // as_view(): `view.__dict__.update(cls.dispatch.__dict__)`, so the marks
      // method_decorator put on dispatch (`login_required = False`) are the view's.
      guard case .native(let dispatch as DecoratedMethod)? = type.find("dispatch")?.0 else {
        return nil
      }
      return dispatch.attribute(name, at: location, &interpreter)
    }
  }

  package func call(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  )
    -> RValue?
  {
    guard let request = arguments.positional.first else {
      return .data(.unknown("the view of \(type.name) called without the request"))
    }
    var construct = Arguments()
    construct.keywords = initkwargs
    let instance = interpreter.invokeFromLibrary(.classObject(type), construct, at: self.location)
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    guard case .instance(let object) = instance else {
      return .data(.unknown("\(type.name)() did not build an instance"))
    }
    object.attributeLocations = keywordLocations
    // What Django's code answers is reported at the repository's class (its name), or at
    // the `as_view()` call for Django's own class.
    let at = type.resolutionOrder.lazy.compactMap(\.nameLocation).first ?? self.location
    _ = DjangoClassViews.call(instance, "setup", arguments, at: at, &interpreter)
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    guard object.attributes["request"] != nil else {
      // "setup() did not set the request attribute. Did you override setup() and forget to
      // call super()?"
      return DjangoClassViews.raise("AttributeError", at: at, &interpreter)
    }
    return DjangoClassViews.call(instance, "dispatch", arguments, at: at, &interpreter)
      ?? .data(.unknown("\(type.name) has no dispatch()"))
  }
}
