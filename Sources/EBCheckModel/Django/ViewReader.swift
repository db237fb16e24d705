import EBCheckCore
import EBCheckPython

/// Reads a view reference in a URLconf: its name, where it is defined, and its login guards.
package struct ViewReader {
  package let modules: PythonModules

  package static let loginDecorators: Set<String> = [
    "login_required", "permission_required", "staff_member_required", "user_passes_test",
    "superuser_required",
  ]
  package static let loginMixins: Set<String> = [
    "LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin",
  ]

  package func view(_ expr: PyExpr, in module: PythonModule) -> ResolvedView {
    let location = Location(file: module.file, span: expr.span)
    let text =
      module.file.isEmpty ? "view" : (modules.files[module.file]?.text(expr.span) ?? "view")
    switch expr.kind {
    case .call(let function, let arguments):
      // login_required(views.health) or SomeView.as_view(...)
      if let name = PySyntax.dottedName(function).map(Self.lastComponent) {
        if Self.loginDecorators.contains(name), let wrapped = arguments.first?.value {
          var inner = view(wrapped, in: module)
          inner.loginRequired = location
          return inner
        }
        if name == "login_not_required", let wrapped = arguments.first?.value {
          var inner = view(wrapped, in: module)
          inner.loginNotRequired = true
          return inner
        }
        if name == "as_view", case .attribute(let base, _, _) = function.kind {
          return classView(base, in: module, fallback: location, text: text)
        }
      }
    case .lambda:
      return ResolvedView(name: "lambda", location: location)
    case .name, .attribute:
      if let found = definition(of: expr, in: module) {
        return functionView(found.function, file: found.file, fallback: text)
      }
    default:
      break
    }
    return ResolvedView(name: text, location: location)
  }

  package static func lastComponent(_ dotted: String) -> String {
    String(dotted.split(separator: ".").last ?? Substring(dotted))
  }

  /// Finds the `def` a name or `module.name` refers to, following imports once.
  package func definition(of expr: PyExpr, in module: PythonModule) -> (
    function: PyFunctionDef, file: String
  )? {
    guard let dotted = PySyntax.dottedName(expr) else { return nil }
    let parts = dotted.split(separator: ".").map(String.init)
    if parts.count == 1 {
      if let function = PySyntax.functionDef(named: parts[0], in: module.statements) {
        return (function, module.file)
      }
      if let source = PySyntax.importSource(of: parts[0], in: module, modules: modules),
        let name = source.name, let other = modules.module(named: source.module),
        let function = PySyntax.functionDef(named: name, in: other.statements)
      {
        return (function, other.file)
      }
      return nil
    }
    guard let source = PySyntax.importSource(of: parts[0], in: module, modules: modules) else {
      return nil
    }
    let moduleName =
      ([source.module] + (source.name.map { [$0] } ?? []) + parts.dropFirst().dropLast())
      .joined(separator: ".")
    guard let other = modules.module(named: moduleName),
      let function = PySyntax.functionDef(named: parts.last!, in: other.statements)
    else { return nil }
    return (function, other.file)
  }

  package func functionView(_ function: PyFunctionDef, file: String, fallback: String) -> ResolvedView {
    var view = ResolvedView(
      name: function.name, location: Location(file: file, span: function.nameSpan))
    for decorator in function.decorators {
      let target: PyExpr
      if case .call(let callee, _) = decorator.kind { target = callee } else { target = decorator }
      guard let name = PySyntax.dottedName(target).map(Self.lastComponent) else { continue }
      if Self.loginDecorators.contains(name) {
        view.loginRequired = Location(file: file, span: decorator.span)
      } else if name == "login_not_required" {
        view.loginNotRequired = true
      }
    }
    view.status = Self.returnedStatus(function.body) ?? 200
    return view
  }

  package func classView(_ base: PyExpr, in module: PythonModule, fallback: Location, text: String)
    -> ResolvedView
  {
    guard let name = PySyntax.dottedName(base) else {
      return ResolvedView(name: text, location: fallback)
    }
    let short = Self.lastComponent(name)
    var definition = PySyntax.classDef(named: short, in: module.statements).map {
      ($0, module.file)
    }
    if definition == nil,
      let source = PySyntax.importSource(
        of: String(name.split(separator: ".")[0]), in: module, modules: modules)
    {
      if let other = modules.module(named: source.module),
        let found = PySyntax.classDef(named: short, in: other.statements)
      {
        definition = (found, other.file)
      }
    }
    guard let (found, file) = definition else {
      return ResolvedView(name: short, location: fallback)
    }
    var view = ResolvedView(name: short, location: Location(file: file, span: found.nameSpan))
    for base in found.bases {
      if let baseName = PySyntax.dottedName(base.value).map(Self.lastComponent),
        Self.loginMixins.contains(baseName)
      {
        view.loginRequired = Location(file: file, span: base.value.span)
      }
    }
    for decorator in found.decorators {
      // @method_decorator(login_required, name="dispatch")
      guard PySyntax.calleeName(decorator) == "method_decorator",
        let first = PySyntax.positional(decorator).first,
        let inner = PySyntax.dottedName(first).map(Self.lastComponent)
      else { continue }
      if Self.loginDecorators.contains(inner) {
        view.loginRequired = Location(file: file, span: decorator.span)
      }
      if inner == "login_not_required" { view.loginNotRequired = true }
    }
    return view
  }

  /// A `status=` written on the response of the view's first return, if any.
  package static func returnedStatus(_ body: [PyStmt]) -> Int? {
    for statement in PySyntax.flatten(body) {
      guard case .returnStatement(let value?) = statement.kind else { continue }
      if case .int(let status)? = PySyntax.keyword("status", in: value)?.kind { return status }
      switch PySyntax.calleeName(value) {
      case "HttpResponseNotFound": return 404
      case "HttpResponseServerError": return 500
      case "HttpResponseRedirect": return 302
      case "HttpResponsePermanentRedirect": return 301
      default: return nil
      }
    }
    return nil
  }
}
