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
    for route in Self.routerRoutes {
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
    return nodes
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
