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
      suffix: "<pk>/", get: "retrieve",
      others: [("PUT", "update"), ("PATCH", "partial_update"), ("DELETE", "destroy")]),
  ]

  package func viewsetRoutes(
    _ prefix: String, _ viewset: PyExpr, module: PythonModule, at location: Location
  ) -> [URLPatternNode] {
    let base = prefix.isEmpty ? "" : prefix + "/"
    let name = PySyntax.dottedName(viewset) ?? "viewset"
    let reader = ViewReader(modules: modules, context: context)
    guard let dotted = PySyntax.dottedName(viewset),
      let (found, file) = reader.classDefinition(named: dotted, in: module)
    else {
      let why = Unverifiable("the viewset is not in the repository", at: location)
      let view = ResolvedView(name: "\(name) list", location: location, answer: .unknown(why))
      return [.route(.route(base), .view(view), location)]
    }
    let classes = ClassViewReader(modules: modules, context: context)
    let definition = classes.read(found, in: file)
    let inherited = Set(definition.frameworkBases.flatMap { Self.inheritedActions[$0] ?? [] })
    func has(_ action: String) -> Bool {
      definition.methods[action] != nil || inherited.contains(action)
    }
    var nodes: [URLPatternNode] = []
    let actions = Self.extraActions(definition)
    for (index, route) in Self.routerRoutes.enumerated() {
      // DRF's order: the list route, the list-level @action routes, the detail route, the
      // detail-level ones.
      if index == 1 {
        nodes += actionRoutes(
          actions.filter { !$0.detail }, base: base, name: name, definition, classes,
          module: module, at: location)
      }
      let allowed = route.others.filter { has($0.action) }.map(\.method)
      guard has(route.get) || !allowed.isEmpty else { continue }
      var code: ViewCode?
      let answer = actionAnswer(
        route.get, allowed: allowed, definition, classes, module: module, at: location,
        code: &code)
      var view = ResolvedView(name: "\(name) \(route.get)", location: location, answer: answer)
      view.code = code
      nodes.append(.route(.route(base + route.suffix), .view(view), location))
    }
    nodes += actionRoutes(
      actions.filter(\.detail), base: base + "<pk>/", name: name, definition, classes,
      module: module, at: location)
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
          guard let names = ClassViewReader.names(in: listed) ?? Self.strings(listed) else {
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

  /// The routes of `actions`: GET runs the action's method after DRF's checks, a route
  /// without GET answers 405.
  package func actionRoutes(
    _ actions: [ExtraAction], base: String, name: String,
    _ definition: ClassViewReader.Definition, _ classes: ClassViewReader, module: PythonModule,
    at location: Location
  ) -> [URLPatternNode] {
    actions.map { action in
      var code: ViewCode?
      var answer: ViewAnswer
      if action.methods.contains("GET") {
        var own = definition
        own.methods["dispatch"] = nil
        own.methods["get"] = own.methods[action.method]
        answer = classes.answer(
          own, initkwargs: action.overrides, module: module, at: action.at, code: &code)
      } else {
        answer = .methodNotAllowed(allowed: action.methods + ["OPTIONS"], at: action.at)
      }
      var view = ResolvedView(
        name: "\(name) \(action.method)", location: action.at, answer: answer)
      view.code = code
      return .route(.route(base + action.urlPath + "/"), .view(view), location)
    }
  }

  /// GET of one route: DRF checks permissions first, then the action runs (the repository's
  /// method, or a mixin's query); without the action, 405.
  package func actionAnswer(
    _ action: String, allowed: [String], _ definition: ClassViewReader.Definition,
    _ classes: ClassViewReader, module: PythonModule, at location: Location,
    code: inout ViewCode?
  ) -> ViewAnswer {
    var definition = definition
    definition.methods["dispatch"] = nil
    definition.methods["get"] = nil
    if let method = definition.methods[action] {
      definition.methods["get"] = method
    } else if definition.frameworkBases.contains(where: {
      Self.inheritedActions[$0]?.contains(action) == true
    }) {
      definition.frameworkBases.insert("ListAPIView", at: 0)
    } else {
      // No GET action: DRF's permission check still comes first, then 405.
      definition.frameworkBases = ["APIView"]
      definition.methods = definition.methods.filter { _ in false }
      var none: ViewCode?
      let refusal = classes.answer(
        definition, initkwargs: [:], module: module, at: location, code: &none)
      if case .methodNotAllowed = refusal {
        return .methodNotAllowed(allowed: allowed + ["OPTIONS"], at: location)
      }
      return refusal
    }
    return classes.answer(definition, initkwargs: [:], module: module, at: location, code: &code)
  }
}
