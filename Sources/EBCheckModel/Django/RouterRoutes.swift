import EBCheckCore
import EBCheckPython

/// The routes a DRF `SimpleRouter`/`DefaultRouter` makes for one registered viewset: the list
/// route (`prefix/`: GET → `list`, POST → `create`) and the detail route (`prefix/<pk>/`:
/// GET → `retrieve`, PUT/PATCH/DELETE → `update`/`partial_update`/`destroy`). A route whose
/// actions the viewset has none of is not made; one without the GET action answers 405.
extension URLConfBuilder {
  /// Actions a viewset gets from DRF's own bases and mixins, by the base's name.
  package static let inheritedActions: [String: [String]] = [
    "ModelViewSet": ["list", "create", "retrieve", "update", "partial_update", "destroy"],
    "ReadOnlyModelViewSet": ["list", "retrieve"],
    "ListModelMixin": ["list"], "CreateModelMixin": ["create"],
    "RetrieveModelMixin": ["retrieve"], "UpdateModelMixin": ["update", "partial_update"],
    "DestroyModelMixin": ["destroy"],
  ]

  package struct RouterRoute {
    package var suffix: String
    package var get: String
    /// The other methods of the route and the action each maps to.
    package var others: [(method: String, action: String)]
  }

  package static let routerRoutes = [
    RouterRoute(suffix: "", get: "list", others: [("POST", "create")]),
    RouterRoute(
      suffix: "<pk>", get: "retrieve",
      others: [("PUT", "update"), ("PATCH", "partial_update"), ("DELETE", "destroy")]),
  ]

  package func viewsetRoutes(
    _ prefix: String, _ viewset: PyExpr, trailingSlash: Bool = true, module: PythonModule,
    at location: Location
  ) -> [URLPatternNode] {
    let base = prefix.isEmpty ? "" : prefix + "/"
    let end = trailingSlash ? "/" : ""
    let name = PySyntax.dottedName(viewset) ?? "viewset"
    let reader = ViewReader(modules: modules, context: context)
    guard let dotted = PySyntax.dottedName(viewset),
      let (found, file) = reader.classDefinition(named: dotted, in: module)
    else {
      let why = Unverifiable("the viewset is not in the repository", at: location)
      let view = ResolvedView(name: "\(name) list", location: location, answer: .unknown(why))
      return [.route(.route(trailingSlash ? base : prefix), .view(view), location)]
    }
    let definition = ClassViewReader(modules: modules, context: context).read(found, in: file)
    let inherited = Set(definition.frameworkBases.flatMap { Self.inheritedActions[$0] ?? [] })
    func has(_ action: String) -> Bool {
      definition.methods[action] != nil || inherited.contains(action)
    }
    // The router binds each method whose action the viewset has (DRF's get_method_map).
    func routed(
      _ suffix: String, _ label: String, _ actions: [String: String],
      initkwargs: [String: PyExpr] = [:], at: Location
    ) -> URLPatternNode {
      var view = ResolvedView(name: "\(name) \(label)", location: at)
      view.answer = .unknown(Unverifiable("the view's code could not be located", at: at))
      let keywords = suffix.hasPrefix("<pk>") ? ["pk"] : []
      // DRF's `^{prefix}/{suffix}{trailing_slash}$`; an empty prefix loses its '/'.
      let path = suffix.isEmpty ? (prefix.isEmpty ? "" : prefix + end) : base + suffix + end
      view.code = reader.code(
        .viewSet(
          className: found.name, actions: actions, initkwargs: initkwargs, urlKeywords: keywords),
        in: file, restFramework: false)
      return .route(.route(path), .view(view), location)
    }
    var nodes: [URLPatternNode] = []
    let actions = Self.extraActions(definition)
    for (index, route) in Self.routerRoutes.enumerated() {
      // DRF's order: the list route, the list-level @action routes, the detail route, the
      // detail-level ones.
      if index == 1 {
        nodes += actions.filter { !$0.detail }.map { action in
          routed(
            action.urlPath, action.method, action.map, initkwargs: action.overrides,
            at: action.at)
        }
      }
      var map: [String: String] = [:]
      for (method, action) in [("GET", route.get)] + route.others where has(action) {
        map[method.lowercased()] = action
      }
      guard !map.isEmpty else { continue }
      nodes.append(routed(route.suffix, route.get, map, at: location))
    }
    nodes += actions.filter(\.detail).map { action in
      routed(
        "<pk>/" + action.urlPath, action.method, action.map,
        initkwargs: action.overrides, at: action.at)
    }
    return nodes
  }

  /// A viewset method decorated with DRF's `@action`: its route below the list (or detail)
  /// route, the methods it answers and the keyword arguments that override the viewset's
  /// attributes (`permission_classes=`…).
  package struct ExtraAction {
    package var method: String
    package var detail: Bool
    package var urlPath: String
    package var methods: [String]
    package var overrides: [String: PyExpr]
    package var at: Location

    /// The router's method map for the action: each method to the action's function.
    package var map: [String: String] {
      Dictionary(methods.map { ($0.lowercased(), method) }, uniquingKeysWith: { a, _ in a })
    }
  }

  /// The `@action(detail=…)` methods of a viewset, as written (a decorator ebcheck cannot
  /// read is skipped: its route is then not made).
  package static func extraActions(_ definition: ClassViewReader.Definition) -> [ExtraAction] {
    var actions: [ExtraAction] = []
    for (name, (function, file)) in definition.methods {
      for decorator in function.decorators {
        guard let callee = PySyntax.calleeName(decorator),
          ["action", "detail_route", "list_route"].contains(ViewReader.lastComponent(callee))
        else { continue }
        let short = ViewReader.lastComponent(callee)
        var detail = short == "detail_route"
        if short == "action" {
          guard let flag = PySyntax.keyword("detail", in: decorator),
            case .bool(let value) = flag.kind
          else { continue }
          detail = value
        }
        let urlPath =
          PySyntax.keyword("url_path", in: decorator).flatMap(PySyntax.string) ?? name
        var methods = ["GET"]
        if let listed = PySyntax.keyword("methods", in: decorator) {
          guard let names = Self.strings(listed) else {
            continue
          }
          methods = names.map { $0.uppercased() }
        }
        var overrides: [String: PyExpr] = [:]
        for key in ["permission_classes", "authentication_classes", "throttle_classes"] {
          if let value = PySyntax.keyword(key, in: decorator) { overrides[key] = value }
        }
        actions.append(
          ExtraAction(
            method: name, detail: detail, urlPath: urlPath, methods: methods,
            overrides: overrides,
            at: Location(file: file.file, span: decorator.span)))
      }
    }
    return actions.sorted { $0.method < $1.method }
  }

  package static func strings(_ value: PyExpr) -> [String]? {
    switch value.kind {
    case .list(let items), .tuple(let items):
      let names = items.compactMap(PySyntax.string)
      return names.count == items.count ? names : nil
    default: return nil
    }
  }
}
