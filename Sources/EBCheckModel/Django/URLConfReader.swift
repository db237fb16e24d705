import EBCheckCore
import EBCheckPython

/// Reads `urlpatterns` of a URLconf module (and the modules it includes) into pattern nodes.
package struct URLConfReader {
  package let modules: PythonModules
  package var context: ViewContext
  package static let maximumIncludeDepth = 12
  /// Functions that build a URL pattern: Django's, and django-distill's (`distill_path` is
  /// `path` at run time, with the static-site options ignored).
  package static let patternFunctions: Set<String> = [
    "path", "re_path", "url", "distill_path", "distill_re_path", "distill_url",
  ]

  package init(modules: PythonModules, context: ViewContext? = nil) {
    self.modules = modules
    self.context = context ?? .empty(files: modules.files)
  }

  /// The resolver for `ROOT_URLCONF`, or nil when the module is not in the repository.
  package func resolver(rootURLConf: String) -> StaticURLResolver? {
    guard let module = modules.module(named: rootURLConf) else { return nil }
    let location = urlpatternsLocation(in: module)
    var visiting: Set<String> = []
    return StaticURLResolver(
      patterns: patterns(of: module, depth: 0, visiting: &visiting), urlconf: location)
  }

  package func urlpatternsLocation(in module: PythonModule) -> Location {
    for statement in PySyntax.flatten(module.statements) {
      if case .assign(let targets, _) = statement.kind,
        targets.contains(where: { PySyntax.dottedName($0) == "urlpatterns" })
      {
        return Location(file: module.file, span: statement.span)
      }
    }
    return Location(file: module.file, span: Span(at: 0))
  }

  package func patterns(of module: PythonModule, depth: Int, visiting: inout Set<String>)
    -> [URLPatternNode]
  {
    guard depth < Self.maximumIncludeDepth, visiting.insert(module.file).inserted else {
      return [
        .opaque(
          Unverifiable(
            "URLconf includes too deep or in a cycle",
            at: Location(file: module.file, span: Span(at: 0))))
      ]
    }
    defer { visiting.remove(module.file) }
    var nodes: [URLPatternNode] = []
    for statement in PySyntax.flatten(module.statements) {
      switch statement.kind {
      case .assign(let targets, let value)
      where targets.contains(where: { PySyntax.dottedName($0) == "urlpatterns" }):
        nodes = entries(value, module: module, depth: depth, visiting: &visiting)
      case .augmentedAssign(let target, .add, let value)
      where PySyntax.dottedName(target) == "urlpatterns":
        nodes += entries(value, module: module, depth: depth, visiting: &visiting)
      case .expression(let call):
        guard case .call(let function, let arguments) = call.kind,
          case .attribute(let base, let method, _) = function.kind,
          PySyntax.dottedName(base) == "urlpatterns", let first = arguments.first?.value
        else { continue }
        if method == "append" {
          nodes += entries(
            PyExpr(.list([first]), first.span), module: module, depth: depth, visiting: &visiting)
        } else if method == "extend" {
          nodes += entries(first, module: module, depth: depth, visiting: &visiting)
        }
      default:
        continue
      }
    }
    return nodes
  }

  /// The pattern nodes of a list expression (or a helper call that returns one).
  package func entries(
    _ expr: PyExpr, module: PythonModule, depth: Int, visiting: inout Set<String>
  )
    -> [URLPatternNode]
  {
    let location = Location(file: module.file, span: expr.span)
    switch expr.kind {
    case .list(let items), .tuple(let items):
      return items.flatMap { item -> [URLPatternNode] in
        if case .starred(let inner) = item.kind {
          return entries(inner, module: module, depth: depth, visiting: &visiting)
        }
        return [entry(item, module: module, depth: depth, visiting: &visiting)]
      }
    case .binary(let left, .add, let right):
      return entries(left, module: module, depth: depth, visiting: &visiting)
        + entries(right, module: module, depth: depth, visiting: &visiting)
    case .call:
      switch PySyntax.calleeName(expr) {
      case "static", "staticfiles_urlpatterns", "debug_toolbar_urls":
        return []
      case "i18n_patterns":
        let items = entries(
          PyExpr(.list(PySyntax.positional(expr)), expr.span), module: module, depth: depth,
          visiting: &visiting)
        if case .bool(false)? = PySyntax.keyword("prefix_default_language", in: expr)?.kind {
          return items
        }
        return [.route(.languagePrefix, .include(items), location)]
      default:
        return [
          .opaque(Unverifiable("urlpatterns built by a call ebcheck does not follow", at: location))
        ]
      }
    case .attribute(let base, "urls", _):
      if let router = routerPatterns(base, module: module, at: location) { return router }
      return [.opaque(Unverifiable("urlpatterns entry ebcheck cannot read", at: location))]
    case .name(let name):
      if let source = PySyntax.importSource(of: name, in: module, modules: modules),
        let other = modules.module(named: source.module), source.name == "urlpatterns"
      {
        return patterns(of: other, depth: depth + 1, visiting: &visiting)
      }
      return [.opaque(Unverifiable("urlpatterns built from '\(name)'", at: location))]
    default:
      return [.opaque(Unverifiable("urlpatterns entry ebcheck cannot read", at: location))]
    }
  }

  package func entry(_ expr: PyExpr, module: PythonModule, depth: Int, visiting: inout Set<String>)
    -> URLPatternNode
  {
    let location = Location(file: module.file, span: expr.span)
    let callee = PySyntax.calleeName(expr)
    let arguments = PySyntax.positional(expr)
    guard Self.patternFunctions.contains(callee ?? ""), arguments.count >= 2,
      let pattern = URLRouteText(module: module, settings: context.settings).text(arguments[0])
    else {
      return .opaque(Unverifiable("URL pattern ebcheck cannot read", at: location))
    }
    let isRoute = callee == "path" || callee == "distill_path"
    let matcher: RouteMatcher = isRoute ? .route(pattern) : .regex(pattern)
    let target = self.target(arguments[1], module: module, depth: depth, visiting: &visiting)
    return .route(matcher, target, location)
  }

  package func target(_ expr: PyExpr, module: PythonModule, depth: Int, visiting: inout Set<String>)
    -> URLTarget
  {
    let location = Location(file: module.file, span: expr.span)
    if PySyntax.dottedName(expr)?.hasSuffix("site.urls") == true,
      let admin = PackageURLConfs.patterns(of: "admin.site.urls", context: context, at: location)
    {
      return .include(admin)
    }
    if PySyntax.calleeName(expr) == "include", let first = PySyntax.positional(expr).first {
      var included = first
      if case .tuple(let parts) = first.kind, let head = parts.first { included = head }
      if let name = PySyntax.string(included) {
        guard let other = modules.module(named: name) else {
          if let known = PackageURLConfs.patterns(of: name, context: context, at: location) {
            return .include(known)
          }
          return .unknown(
            Unverifiable("included URLconf '\(name)' is not in the repository", at: location))
        }
        return .include(patterns(of: other, depth: depth + 1, visiting: &visiting))
      }
      if case .attribute(let base, "urls", _) = included.kind,
        let router = routerPatterns(base, module: module, at: location)
      {
        return .include(router)
      }
      if case .list = included.kind {
        return .include(entries(included, module: module, depth: depth, visiting: &visiting))
      }
      if let name = PySyntax.dottedName(included) {
        let head = String(name.split(separator: ".")[0])
        if let source = PySyntax.importSource(of: head, in: module, modules: modules) {
          let dotted =
            ([source.module] + (source.name.map { [$0] } ?? [])
            + name.split(separator: ".").dropFirst().map(String.init)).joined(separator: ".")
          if let other = modules.module(named: dotted) {
            return .include(patterns(of: other, depth: depth + 1, visiting: &visiting))
          }
        }
      }
      return .unknown(Unverifiable("include() of something ebcheck cannot follow", at: location))
    }
    return .view(ViewReader(modules: modules, context: context).view(expr, in: module))
  }

  /// `router.urls` of a DRF router built in this module: the API root (DefaultRouter) and
  /// each registered viewset's list route.
  package func routerPatterns(_ base: PyExpr, module: PythonModule, at location: Location)
    -> [URLPatternNode]?
  {
    guard case .name(let routerName) = base.kind else { return nil }
    var kind: String?
    var registered: [(prefix: String, viewset: PyExpr, at: Location)] = []
    for statement in PySyntax.flatten(module.statements) {
      switch statement.kind {
      case .assign(let targets, let value)
      where targets.contains(where: { PySyntax.dottedName($0) == routerName }):
        kind = PySyntax.calleeName(value)
      case .expression(let call):
        guard case .call(let function, _) = call.kind,
          case .attribute(let owner, "register", _) = function.kind,
          PySyntax.dottedName(owner) == routerName
        else { continue }
        let arguments = PySyntax.positional(call)
        guard arguments.count >= 2, let prefix = PySyntax.string(arguments[0]) else {
          return [
            .opaque(
              Unverifiable(
                "a router registration ebcheck cannot read",
                at: Location(file: module.file, span: call.span)))
          ]
        }
        registered.append((prefix, arguments[1], Location(file: module.file, span: call.span)))
      default:
        continue
      }
    }
    guard let kind, kind == "DefaultRouter" || kind == "SimpleRouter" else { return nil }
    var nodes: [URLPatternNode] = []
    for entry in registered {
      nodes += viewsetRoutes(entry.prefix, entry.viewset, module: module, at: entry.at)
    }
    if kind == "DefaultRouter" {
      let defaults = context.restFramework
      let answer =
        defaults.refusal(of: defaults.permissionClasses, at: defaults.location ?? location)
        ?? .status(200, at: location)
      nodes.insert(
        .route(
          .route(""), .view(ResolvedView(name: "DRF API root", location: location, answer: answer)),
          location),
        at: 0)
    }
    return nodes
  }
}
