import EBCheckCore

/// DRF's class-based views (DRF 3.15) as library classes beside Django's (`DjangoClassViews`
/// builds them, so `APIView` derives from Django's `View`): `APIView.dispatch` runs
/// `initial()` (authentication, permissions, throttles through `RestFrameworkCycle`), then the
/// handler for the method (or `MethodNotAllowed`), DRF's handler answering the exceptions.
/// The classes a view names come from `get_authenticators()`/`get_permissions()`/
/// `get_throttles()`, so a repository override runs.
package enum RestFrameworkViews {
  static let views = "rest_framework.views"
  static let generics = "rest_framework.generics"
  static let mixins = "rest_framework.mixins"
  static let viewsets = "rest_framework.viewsets"

  /// Each modelled class: its module and its bases, as DRF declares them.
  package static let hierarchy: [String: (module: String, bases: [String])] = [
    "APIView": (views, ["View"]),
    "GenericAPIView": (generics, ["APIView"]),
    "CreateModelMixin": (mixins, []),
    "ListModelMixin": (mixins, []),
    "RetrieveModelMixin": (mixins, []),
    "UpdateModelMixin": (mixins, []),
    "DestroyModelMixin": (mixins, []),
    "CreateAPIView": (generics, ["CreateModelMixin", "GenericAPIView"]),
    "ListAPIView": (generics, ["ListModelMixin", "GenericAPIView"]),
    "RetrieveAPIView": (generics, ["RetrieveModelMixin", "GenericAPIView"]),
    "DestroyAPIView": (generics, ["DestroyModelMixin", "GenericAPIView"]),
    "UpdateAPIView": (generics, ["UpdateModelMixin", "GenericAPIView"]),
    "ListCreateAPIView": (generics, ["ListModelMixin", "CreateModelMixin", "GenericAPIView"]),
    "RetrieveUpdateAPIView": (
      generics, ["RetrieveModelMixin", "UpdateModelMixin", "GenericAPIView"]
    ),
    "RetrieveDestroyAPIView": (
      generics, ["RetrieveModelMixin", "DestroyModelMixin", "GenericAPIView"]
    ),
    "RetrieveUpdateDestroyAPIView": (
      generics, ["RetrieveModelMixin", "UpdateModelMixin", "DestroyModelMixin", "GenericAPIView"]
    ),
    "ViewSetMixin": (viewsets, []),
    "ViewSet": (viewsets, ["ViewSetMixin", "APIView"]),
    "GenericViewSet": (viewsets, ["ViewSetMixin", "GenericAPIView"]),
    "ReadOnlyModelViewSet": (
      viewsets, ["RetrieveModelMixin", "ListModelMixin", "GenericViewSet"]
    ),
    "ModelViewSet": (
      viewsets,
      [
        "CreateModelMixin", "RetrieveModelMixin", "UpdateModelMixin", "DestroyModelMixin",
        "ListModelMixin", "GenericViewSet",
      ]
    ),
  ]

  /// The class a qualified name imports (`rest_framework.generics.ListAPIView`); nil when
  /// not modelled.
  package static func name(ofQualified qualified: String) -> String? {
    guard let dot = qualified.lastIndex(of: ".") else { return nil }
    let name = String(qualified[qualified.index(after: dot)...])
    guard let entry = hierarchy[name], entry.module == qualified[..<dot] else { return nil }
    return name
  }

  /// What each concrete generic view's handlers call (`get` → `self.list`).
  package static let handlers: [String: [(method: String, action: String)]] = [
    "CreateAPIView": [("post", "create")],
    "ListAPIView": [("get", "list")],
    "RetrieveAPIView": [("get", "retrieve")],
    "DestroyAPIView": [("delete", "destroy")],
    "UpdateAPIView": [("put", "update"), ("patch", "partial_update")],
    "ListCreateAPIView": [("get", "list"), ("post", "create")],
    "RetrieveUpdateAPIView": [
      ("get", "retrieve"), ("put", "update"), ("patch", "partial_update"),
    ],
    "RetrieveDestroyAPIView": [("get", "retrieve"), ("delete", "destroy")],
    "RetrieveUpdateDestroyAPIView": [
      ("get", "retrieve"), ("put", "update"), ("patch", "partial_update"),
      ("delete", "destroy"),
    ],
  ]

  /// The attributes and methods DRF defines on the class itself; nil when not DRF's.
  package static func namespace(of name: String) -> [String: RValue]? {
    guard hierarchy[name] != nil else { return nil }
    switch name {
    case "APIView": return apiViewNamespace()
    case "GenericAPIView": return genericNamespace()
    case "ViewSetMixin": return viewSetNamespace()
    case "ListModelMixin", "RetrieveModelMixin", "CreateModelMixin", "UpdateModelMixin",
      "DestroyModelMixin":
      return mixinNamespace(of: name)
    default:
      var namespace: [String: RValue] = [:]
      for (method, action) in handlers[name] ?? [] {
        namespace[method] = DjangoClassViews.method(method) {
          receiver, arguments, location, interpreter in
          DjangoClassViews.method(receiver, action, arguments, at: location, &interpreter)
        }
      }
      return namespace
    }
  }

  /// The `REST_FRAMEWORK` setting an `APIView` attribute defaults to.
  package static let defaultSettings: [String: String] = [
    "authentication_classes": "DEFAULT_AUTHENTICATION_CLASSES",
    "permission_classes": "DEFAULT_PERMISSION_CLASSES",
    "throttle_classes": "DEFAULT_THROTTLE_CLASSES",
  ]

  /// `APIView`: its class lists (`REST_FRAMEWORK`'s defaults), `get_*()` instantiating
  /// them, `initial()`, `dispatch()`, `http_method_not_allowed()` (`MethodNotAllowed`).
  package static func apiViewNamespace() -> [String: RValue] {
    var namespace: [String: RValue] = [:]
    for (attribute, setting) in defaultSettings {
      namespace[attribute] = .native(DefaultClassList(setting))
    }
    for (getter, attribute) in [
      ("get_authenticators", "authentication_classes"), ("get_permissions", "permission_classes"),
      ("get_throttles", "throttle_classes"),
    ] {
      namespace[getter] = DjangoClassViews.method(getter) {
        receiver, _, location, interpreter in
        instances(receiver, attribute, at: location, &interpreter)
      }
    }
    namespace["initial"] = DjangoClassViews.method("initial") {
      receiver, arguments, location, interpreter in
      initial(receiver, arguments, at: location, &interpreter)
    }
    namespace["dispatch"] = DjangoClassViews.method("dispatch") {
      receiver, arguments, location, interpreter in
      dispatch(receiver, arguments, at: location, &interpreter)
    }
    namespace["http_method_not_allowed"] = DjangoClassViews.method("http_method_not_allowed") {
      _, _, location, interpreter in
      DjangoClassViews.raise("MethodNotAllowed", at: location, &interpreter)
    }
    return namespace
  }

  /// `[cls() for cls in self.<attribute>]`, as a list holding the instances.
  package static func instances(
    _ receiver: RValue, _ attribute: String, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard let classes = classes(receiver, attribute, &interpreter) else {
      // A class list left to REST_FRAMEWORK says why the setting cannot be read.
      let reason =
        interpreter.djangoRestFramework.unreadable?.reason ?? "\(attribute) cannot be read"
      return .data(.unknown(reason))
    }
    var built: [PyElement] = []
    for value in classes {
      if case .native(let composed as ComposedPermission) = value {
        // DRF's OperandHolder instantiates into the composed permission itself.
        built.append(PyElement(interpreter.heldValue(.native(composed))))
        continue
      }
      guard let type = RestFrameworkCycle.classObject(value, &interpreter) else {
        return .data(.unknown(RestFrameworkCycle.unreadable(value, role(of: attribute))))
      }
      let instance = interpreter.invokeFromLibrary(.classObject(type), [], at: location)
      if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
      built.append(PyElement(interpreter.heldValue(instance)))
    }
    return .data(.list(built))
  }

  static func role(of attribute: String) -> String {
    switch attribute {
    case "authentication_classes": return "authentication"
    case "throttle_classes": return "throttle"
    default: return "permission"
    }
  }

  /// The classes `self.<attribute>` names (the class's own, an initkwarg's, or
  /// `REST_FRAMEWORK`'s default); nil when they cannot be read.
  package static func classes(
    _ receiver: RValue, _ attribute: String, _ interpreter: inout PyInterpreter
  ) -> [RValue]? {
    guard let value = DjangoClassViews.attribute(receiver, attribute, &interpreter) else {
      return nil
    }
    if case .native(let defaults as DefaultClassList) = value {
      return defaults.classes(&interpreter)
    }
    return interpreter.restoredElements(value)
  }

  /// The cycle of the view's classes: `get_authenticators()`, `get_permissions()` and
  /// `get_throttles()` called on it (a repository override runs).
  package static func cycle(
    _ receiver: RValue, at location: Location, _ interpreter: inout PyInterpreter
  ) -> Result<RestFrameworkCycle, RestFrameworkCycle.Unknown> {
    var lists: [[RValue]] = []
    for getter in ["get_authenticators", "get_permissions", "get_throttles"] {
      let value = DjangoClassViews.method(receiver, getter, at: location, &interpreter)
      if interpreter.pendingRaise != nil {
        return .failure(RestFrameworkCycle.Unknown(reason: "\(getter)() raises"))
      }
      if case .data(.unknown(let reason)) = value {
        return .failure(RestFrameworkCycle.Unknown(reason: reason))
      }
      guard let items = interpreter.restoredElements(value) else {
        return .failure(RestFrameworkCycle.Unknown(reason: "what \(getter)() returns"))
      }
      lists.append(items)
    }
    let fallback = interpreter.djangoRestFramework.location ?? location
    let at = DjangoClassViews.binding(receiver, "permission_classes", or: fallback)
    return .success(
      RestFrameworkCycle(
        authenticators: lists[0], permissions: lists[1], throttles: lists[2], view: receiver,
        at: at))
  }

  /// Where `initial()` keeps DRF's answer when a check refused the request (DRF raises; the
  /// exception reaches `dispatch()`'s handler).
  static let refusedKey = "__drf_initial_refused__"

  /// `APIView.initial`: authentication, permissions and throttles.
  package static func initial(
    _ receiver: RValue, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard case .native(let request as HttpRequestObject)? = arguments.positional.first else {
      return .data(.unknown("initial() without the request"))
    }
    switch cycle(receiver, at: location, &interpreter) {
    case .failure(let unknown):
      store(receiver, .data(.unknown(unknown.reason)))
    case .success(let cycle):
      if let answered = cycle.initial(request, &interpreter) { store(receiver, answered) }
    }
    return .data(.none)
  }

  static func store(_ receiver: RValue, _ answer: RValue) {
    if case .instance(let instance) = receiver { instance.attributes[refusedKey] = answer }
  }

  /// `APIView.dispatch`: `initial()`, then the handler for the method (`MethodNotAllowed`
  /// without one), exceptions answered by DRF's handler for the view's classes.
  package static func dispatch(
    _ receiver: RValue, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard case .native(let request as HttpRequestObject)? = arguments.positional.first,
      case .instance(let instance) = receiver
    else { return .data(.unknown("dispatch() without the request")) }
    instance.attributes["request"] = .native(request)
    if instance.attributes["args"] == nil {
      instance.attributes["args"] = .data(
        .tuple(arguments.positional.dropFirst().map { PyElement($0.pyValue) }))
      instance.attributes["kwargs"] = .data(
        .dict(arguments.keywords.map { PyDictEntry(key: .string($0.0), value: $0.1.pyValue) }))
    }
    if DjangoClassViews.isRepositoryBinding(instance.type, "handle_exception") {
      return .data(
        .unknown("the view's own handle_exception answers DRF's exceptions (not run by ebcheck)"))
    }
    _ = DjangoClassViews.method(receiver, "initial", arguments, at: location, &interpreter)
    if let answered = instance.attributes.removeValue(forKey: refusedKey) { return answered }
    let built: RestFrameworkCycle
    switch cycle(receiver, at: location, &interpreter) {
    case .success(let cycle): built = cycle
    case .failure(let unknown): return .data(.unknown(unknown.reason))
    }
    if let (kind, raisedAt) = interpreter.pendingRaise {
      return built.handled(kind, raisedAt, &interpreter)
    }
    let method = request.data.method.lowercased()
    let names = DjangoClassViews.attribute(receiver, "http_method_names", &interpreter)
    let listed = names.flatMap { PyOperations.iterate($0.pyValue) }?.map(\.value)
    var handler: RValue?
    if listed?.contains(.string(method)) ?? true {
      handler = DjangoClassViews.attribute(receiver, method, &interpreter)
    }
    if handler == nil, instance.type.hasOpaqueBase {
      return interpreter.missingAttribute(instance.type, method)
    }
    let result: RValue
    if let handler {
      result = interpreter.invokeFromLibrary(handler, arguments, at: location)
    } else {
      result = DjangoClassViews.method(
        receiver, "http_method_not_allowed", arguments, at: location, &interpreter)
    }
    guard let (kind, raisedAt) = interpreter.pendingRaise else { return result }
    let answer = built.handled(kind, raisedAt, &interpreter)
    if kind == "MethodNotAllowed", case .native(let response as ResponseObject) = answer {
      response.allowedMethods = DjangoClassViews.allowedMethods(receiver, &interpreter)
      response.deniedReason = nil
    }
    return answer
  }
}

/// An `APIView` class list left to `REST_FRAMEWORK` (`api_settings.DEFAULT_…_CLASSES`): the
/// setting's classes, read when the view runs under the evaluated settings.
package final class DefaultClassList: PyNativeObject {
  package let setting: String

  package init(_ setting: String) {
    self.setting = setting
  }

  package var typeName: String { "list" }

  package func classes(_ interpreter: inout PyInterpreter) -> [RValue]? {
    let defaults = interpreter.djangoRestFramework
    switch setting {
    case "DEFAULT_PERMISSION_CLASSES":
      if defaults.unreadable != nil { return nil }
      return defaults.permissionClasses.map { .data(.string($0)) }
    case "DEFAULT_AUTHENTICATION_CLASSES":
      if defaults.unreadable != nil { return nil }
      return defaults.authenticationClasses.map { .data(.string($0)) }
    default:
      return RestFrameworkCycle.defaultThrottles(interpreter)
    }
  }
}
