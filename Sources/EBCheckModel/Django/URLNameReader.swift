import EBCheckCore
import EBCheckPython

/// The paths `reverse()` gives for the URL names of the repository's URLconf: each named
/// pattern whose route is literal text (no parameter), under its namespaces
/// (`include(..., namespace=…)`, the included module's `app_name`). A name it cannot read
/// is simply absent: `reverse()` of it is unknown, never a guess.
package struct URLNameReader {
  package let modules: PythonModules
  /// Literal settings a route may be built from (`settings.SITE_URL`).
  package var settings: [String: PyValue] = [:]
  package static let maximumDepth = 12
  /// Names given to more than one pattern, or to a pattern with parameters.
  private var ambiguous: Set<String> = []

  package init(modules: PythonModules) {
    self.modules = modules
  }

  /// `name` or `namespace:name` → the absolute path, from `ROOT_URLCONF`.
  package mutating func names(rootURLConf: String) -> [String: String] {
    guard let module = modules.module(named: rootURLConf) else { return [:] }
    var names: [String: String] = [:]
    collect(module, prefix: "/", namespace: "", depth: 0, into: &names)
    return names
  }

  package mutating func collect(
    _ module: PythonModule, prefix: String, namespace: String, depth: Int,
    into names: inout [String: String]
  ) {
    guard depth < Self.maximumDepth else { return }
    for statement in PySyntax.flatten(module.statements) {
      switch statement.kind {
      case .assign(let targets, let value)
      where targets.contains(where: { PySyntax.dottedName($0) == "urlpatterns" }):
        entries(value, module, prefix, namespace, depth, &names)
      case .augmentedAssign(let target, .add, let value)
      where PySyntax.dottedName(target) == "urlpatterns":
        entries(value, module, prefix, namespace, depth, &names)
      default:
        continue
      }
    }
  }

  package mutating func entries(
    _ expr: PyExpr, _ module: PythonModule, _ prefix: String, _ namespace: String, _ depth: Int,
    _ names: inout [String: String]
  ) {
    switch expr.kind {
    case .list(let items), .tuple(let items):
      for item in items { entry(item, module, prefix, namespace, depth, &names) }
    case .binary(let left, .add, let right):
      entries(left, module, prefix, namespace, depth, &names)
      entries(right, module, prefix, namespace, depth, &names)
    default:
      return
    }
  }

  package mutating func entry(
    _ expr: PyExpr, _ module: PythonModule, _ prefix: String, _ namespace: String, _ depth: Int,
    _ names: inout [String: String]
  ) {
    let callee = PySyntax.calleeName(expr) ?? ""
    let arguments = PySyntax.positional(expr)
    guard URLConfReader.patternFunctions.contains(callee), arguments.count >= 2 else { return }
    let isRoute = callee == "path" || callee == "distill_path"
    let literal = URLRouteText(module: module, settings: settings).text(arguments[0]).flatMap {
      isRoute ? Self.literalRoute($0) : Self.literalRegex($0)
    }
    let target = arguments[1]
    if PySyntax.calleeName(target) == "include" {
      guard let literal else { return }
      guard let first = PySyntax.positional(target).first else { return }
      var included = first
      var appName: String?
      if case .tuple(let parts) = first.kind, parts.count == 2 {
        included = parts[0]
        appName = PySyntax.string(parts[1])
      }
      guard let moduleName = PySyntax.string(included),
        let other = modules.module(named: moduleName)
      else { return }
      let space =
        PySyntax.keyword("namespace", in: target).flatMap(PySyntax.string)
        ?? appName ?? PySyntax.stringConstant("app_name", in: other)
      let inner = space.map { namespace + $0 + ":" } ?? namespace
      collect(other, prefix: prefix + literal, namespace: inner, depth: depth + 1, into: &names)
      return
    }
    guard let name = PySyntax.keyword("name", in: expr).flatMap(PySyntax.string) else { return }
    let key = namespace + name
    // Several patterns of one name (or one with parameters): which one reverse() builds
    // depends on the arguments and the order; the name is left out (unknown).
    if let literal, names[key] == nil, !ambiguous.contains(key) {
      names[key] = prefix + literal
    } else {
      names[key] = nil
      ambiguous.insert(key)
    }
  }

  /// A `path()` route with no `<parameter>`: the text itself.
  package static func literalRoute(_ route: String) -> String? {
    route.contains("<") ? nil : route
  }

  /// A `re_path()` regex that matches one literal text (`^health/$`): that text.
  package static func literalRegex(_ regex: String) -> String? {
    var body = Substring(regex)
    if body.hasPrefix("^") { body = body.dropFirst() }
    if body.hasSuffix("$") { body = body.dropLast() }
    var text = ""
    var escaped = false
    for character in body {
      if escaped {
        guard "/.-_".contains(character) else { return nil }
        text.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if "^$.|?*+()[]{}".contains(character) {
        return nil
      } else {
        text.append(character)
      }
    }
    return escaped ? nil : text
  }
}
