import EBCheckCore

extension RestFrameworkViews {
  /// `GenericAPIView`: `get_queryset()` (DRF asserts `queryset` is set or the method is
  /// overridden), `get_serializer_class()` (asserts `serializer_class`), `filter_queryset()`,
  /// `get_object()` (asserts the URL names the lookup keyword, then reads the database).
  package static func genericNamespace() -> [String: RValue] {
    [
      "queryset": .data(.none), "serializer_class": .data(.none),
      "lookup_field": .data(.string("pk")), "lookup_url_kwarg": .data(.none),
      "pagination_class": .data(.none),
      "get_queryset": DjangoClassViews.method("get_queryset") {
        receiver, _, location, interpreter in
        let given = DjangoClassViews.attribute(receiver, "queryset", &interpreter)
        guard let given, given.pyValue != .none else {
          // "'X' should either include a `queryset` attribute, or override the
          // `get_queryset()` method."
          return DjangoClassViews.raise("AssertionError", at: location, &interpreter)
        }
        return given
      },
      "filter_queryset": DjangoClassViews.method("filter_queryset") { _, arguments, _, _ in
        arguments.positional.first ?? .data(.unknown("filter_queryset()"))
      },
      "get_serializer_class": DjangoClassViews.method("get_serializer_class") {
        receiver, _, location, interpreter in
        let given = DjangoClassViews.attribute(receiver, "serializer_class", &interpreter)
        guard let given, given.pyValue != .none || !isData(given) else {
          return DjangoClassViews.raise("AssertionError", at: location, &interpreter)
        }
        return given
      },
      "get_object": DjangoClassViews.method("get_object") { receiver, _, location, interpreter in
        object(receiver, at: location, &interpreter)
      },
    ]
  }

  static func isData(_ value: RValue) -> Bool {
    if case .data = value { return true }
    return false
  }

  /// `self.filter_queryset(self.get_queryset())`, unknown when it raised.
  static func queryset(
    _ receiver: RValue, at location: Location, _ interpreter: inout PyInterpreter
  )
    -> RValue?
  {
    let objects = DjangoClassViews.method(receiver, "get_queryset", at: location, &interpreter)
    if interpreter.pendingRaise != nil { return nil }
    let filtered = DjangoClassViews.method(
      receiver, "filter_queryset", .passing([objects]), at: location, &interpreter)
    return interpreter.pendingRaise == nil ? filtered : nil
  }

  /// `GenericAPIView.get_object`: the URL must name `lookup_url_kwarg` (or `lookup_field`):
  /// DRF asserts it (500); then the object is read (404 when the database has none).
  package static func object(
    _ receiver: RValue, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard queryset(receiver, at: location, &interpreter) != nil else {
      return .data(.unknown("exception"))
    }
    var keyword = DjangoClassViews.attribute(receiver, "lookup_url_kwarg", &interpreter)?.pyValue
    if keyword == nil || keyword == PyValue.none {
      keyword = DjangoClassViews.attribute(receiver, "lookup_field", &interpreter)?.pyValue
    }
    guard case .string(let name)? = keyword else {
      return .data(.unknown("the lookup keyword of get_object()"))
    }
    guard
      case .data(.dict(let entries))? = DjangoClassViews.attribute(
        receiver, "kwargs", &interpreter)
    else { return .data(.unknown("the URL's keyword arguments")) }
    guard entries.contains(where: { $0.key == .string(name) }) else {
      // "Expected view X to be called with a URL keyword argument named "pk"."
      return DjangoClassViews.raise("AssertionError", at: location, &interpreter)
    }
    guard DjangoClassViews.readsDatabase(at: location, &interpreter) else {
      return .data(.unknown("exception"))
    }
    return .data(.dynamic(DynamicValue(reason: "the object the URL names", location: location)))
  }

  /// The mixins' actions: `list` and `retrieve` read the database through the serializer;
  /// the others change data and never answer the checker's GET.
  package static func mixinNamespace(of name: String) -> [String: RValue] {
    switch name {
    case "ListModelMixin":
      return [
        "list": DjangoClassViews.method("list") { receiver, _, location, interpreter in
          guard let objects = queryset(receiver, at: location, &interpreter) else {
            return .data(.unknown("exception"))
          }
          return serialized(receiver, objects, at: location, &interpreter)
        }
      ]
    case "RetrieveModelMixin":
      return [
        "retrieve": DjangoClassViews.method("retrieve") { receiver, _, location, interpreter in
          let found = DjangoClassViews.method(receiver, "get_object", at: location, &interpreter)
          if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
          return serialized(receiver, found, at: location, &interpreter)
        }
      ]
    default:
      let actions = [
        "CreateModelMixin": ["create"], "UpdateModelMixin": ["update", "partial_update"],
        "DestroyModelMixin": ["destroy"],
      ]
      var namespace: [String: RValue] = [:]
      for action in actions[name] ?? [] {
        namespace[action] = DjangoClassViews.method(action) { _, _, _, _ in
          .data(.unknown("DRF's \(action)() changes data (not the checker's GET)"))
        }
      }
      return namespace
    }
  }

  /// `Response(self.get_serializer(objects, …).data)`: the serializer class must be set;
  /// serializing a queryset reads the database (a literal list reads nothing).
  static func serialized(
    _ receiver: RValue, _ objects: RValue, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    _ = DjangoClassViews.method(receiver, "get_serializer_class", at: location, &interpreter)
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    if !objects.pyValue.isLiteral, !DjangoClassViews.readsDatabase(at: location, &interpreter) {
      return .data(.unknown("exception"))
    }
    return .native(ResponseObject(className: "Response", status: .int(200), location: location))
  }

  /// `ViewSetMixin.as_view(actions, **initkwargs)`: the function a router routes, binding
  /// each HTTP method to its action on a fresh instance.
  package static func viewSetNamespace() -> [String: RValue] {
    [
      "as_view": .native(
        ClassMethodObject(
          .native(
            NativeFunction("as_view") { arguments, location, interpreter in
              viewSetAsView(arguments, at: location, &interpreter)
            }))),
      "name": .data(.none), "description": .data(.none), "suffix": .data(.none),
      "detail": .data(.none), "basename": .data(.none),
    ]
  }

  static func viewSetAsView(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard case .classObject(let type)? = arguments.positional.first else {
      return .data(.unknown("as_view() without its class"))
    }
    let given =
      arguments.positional.count > 1 ? arguments.positional[1] : arguments.keyword("actions")
    guard let given, given.pyValue != .none else {
      // "The `actions` argument must be provided when calling `.as_view()` on a ViewSet."
      return DjangoClassViews.raise(DjangoClassViews.asViewError, at: location, &interpreter)
    }
    guard case .dict(let entries) = given.pyValue else {
      return .data(.unknown("the actions as_view() is given"))
    }
    var actions: [(String, String)] = []
    for entry in entries {
      guard case .string(let method) = entry.key, case .string(let action) = entry.value else {
        return .data(.unknown("the actions as_view() is given"))
      }
      actions.append((method, action))
    }
    var initkwargs = arguments
    initkwargs.positional = [.classObject(type)]
    initkwargs.identities = []
    initkwargs.keywords.removeAll { $0.0 == "actions" }
    let checked = DjangoClassViews.asView(initkwargs, at: location, &interpreter)
    guard case .native(let plain as ClassViewFunction) = checked else { return checked }
    let view = ViewSetViewFunction(type: type, actions: actions, initkwargs: plain.initkwargs)
    view.keywordLocations = plain.keywordLocations
    view.location = location
    return .native(view)
  }
}

/// The function `ViewSetMixin.as_view(actions)` returns: a fresh instance per request whose
/// HTTP methods are the actions (`get` → `list`), then `dispatch()`.
package final class ViewSetViewFunction: PyNativeObject {
  package let type: PyClassObject
  package let actions: [(String, String)]
  package let initkwargs: [(String, RValue)]
  package var keywordLocations: [String: Location] = [:]
  package var location = Location(file: "", span: Span(at: 0))

  package init(type: PyClassObject, actions: [(String, String)], initkwargs: [(String, RValue)]) {
    self.type = type
    self.actions = actions
    self.initkwargs = initkwargs
  }

  package var typeName: String { "function" }

  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    switch name {
    case "__name__", "__qualname__": return .data(.string(type.name))
    case "cls": return .classObject(type)
    case "actions":
      return .data(.dict(actions.map { PyDictEntry(key: .string($0.0), value: .string($0.1)) }))
    default: return nil
    }
  }

  package func call(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue? {
    guard let request = arguments.positional.first else {
      return .data(.unknown("the view of \(type.name) called without the request"))
    }
    var construct = Arguments()
    construct.keywords = initkwargs
    let built = interpreter.invokeFromLibrary(.classObject(type), construct, at: self.location)
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    guard case .instance(let object) = built else {
      return .data(.unknown("\(type.name)() did not build an instance"))
    }
    object.attributeLocations = keywordLocations
    let at = type.resolutionOrder.lazy.compactMap(\.nameLocation).first ?? self.location
    var bound = actions
    if bound.contains(where: { $0.0 == "get" }), !bound.contains(where: { $0.0 == "head" }),
      let get = bound.first(where: { $0.0 == "get" })
    {
      bound.append(("head", get.1))
    }
    object.attributes["action_map"] = .data(
      .dict(bound.map { PyDictEntry(key: .string($0.0), value: .string($0.1)) }))
    for (method, action) in bound {
      guard let handler = DjangoClassViews.attribute(built, action, &interpreter) else {
        // getattr(self, action) fails: AttributeError when the route is called.
        return DjangoClassViews.raise("AttributeError", at: at, &interpreter)
      }
      object.attributes[method] = handler
    }
    let method = requestMethod(request) ?? "get"
    object.attributes["action"] = .data(
      bound.first { $0.0 == method }.map { .string($0.1) } ?? .none)
    object.attributes["request"] = request
    object.attributes["args"] = .data(
      .tuple(arguments.positional.dropFirst().map { PyElement($0.pyValue) }))
    object.attributes["kwargs"] = .data(
      .dict(arguments.keywords.map { PyDictEntry(key: .string($0.0), value: $0.1.pyValue) }))
    return DjangoClassViews.call(built, "dispatch", arguments, at: at, &interpreter)
      ?? .data(.unknown("\(type.name) has no dispatch()"))
  }

  func requestMethod(_ request: RValue) -> String? {
    guard case .native(let object as HttpRequestObject) = request else { return nil }
    return object.data.method.lowercased()
  }
}

extension RestFrameworkViews {
  /// What a router routes for `className` of `module`: `as_view(actions, **initkwargs)`.
  package static func routedView(
    _ className: String, actions: [String: String], initkwargs: [String: PyExpr],
    in module: ModuleState, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard case .classObject(let type)? = module.globals[className]?.value else {
      return .data(.unknown("not a class of \(module.name)"))
    }
    let frame = Frame(module: module)
    let asView = interpreter.objectAttribute(.classObject(type), "as_view", location, frame)
    if case .data(.unknown) = asView { return asView }
    let map = actions.sorted { $0.key < $1.key }.map {
      PyDictEntry(key: .string($0.key), value: .string($0.value))
    }
    var arguments = Arguments.passing([.data(.dict(map))])
    for (key, expression) in initkwargs.sorted(by: { $0.key < $1.key }) {
      arguments.keywords.append((key, interpreter.evaluate(expression, frame, statement: location)))
    }
    return interpreter.invokeFromLibrary(asView, arguments, at: location)
  }
}
