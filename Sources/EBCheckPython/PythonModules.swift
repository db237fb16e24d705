import EBCheckCore

/// Finds and parses the repository's Python modules by dotted name, each file once.
/// A reference type on purpose: one lint run shares the cache across readers; it is
/// created per run and never global.
public final class PythonModules: @unchecked Sendable {
  public let files: SourceFiles
  /// Folders that act as import roots: the folders the app server puts first on `sys.path`
  /// (`--chdir`, `--pythonpath`), the repo root, `src/`, and folders holding `manage.py`.
  public let roots: [String]
  private var parsed: [String: PythonModule] = [:]

  /// `serverRoots` are repository-relative folders (`backend`, `./src/app/`).
  public init(files: SourceFiles, serverRoots: [String] = []) {
    self.files = files
    var roots: [String] = []
    for folder in serverRoots {
      var root = folder
      while root.hasPrefix("./") { root.removeFirst(2) }
      while root.hasSuffix("/") { root.removeLast() }
      let normalized = root.isEmpty || root == "." ? "" : root + "/"
      if !normalized.hasPrefix("/"), !normalized.contains(".."), !roots.contains(normalized) {
        roots.append(normalized)
      }
    }
    if !roots.contains("") { roots.append("") }
    for path in files.paths where path == "manage.py" || path.hasSuffix("/manage.py") {
      let folder = String(path.dropLast("manage.py".count))
      if !roots.contains(folder) { roots.append(folder) }
    }
    if files.paths.contains(where: { $0.hasPrefix("src/") }), !roots.contains("src/") {
      roots.append("src/")
    }
    self.roots = roots
  }

  /// The file path of a dotted module (`a.b` → `a/b.py` or `a/b/__init__.py`).
  public func path(of module: String) -> String? {
    let relative = module.split(separator: ".").joined(separator: "/")
    guard !relative.isEmpty else { return nil }
    for root in roots {
      for candidate in [root + relative + ".py", root + relative + "/__init__.py"]
      where files[candidate] != nil {
        return candidate
      }
    }
    return nil
  }

  /// The folder of a namespace package (a folder of Python files without `__init__.py`,
  /// PEP 420) under one of the roots; nil when the module is a file or a regular package.
  public func namespaceFolder(of module: String) -> String? {
    let relative = module.split(separator: ".").joined(separator: "/")
    guard !relative.isEmpty, path(of: module) == nil else { return nil }
    for root in roots {
      let folder = root + relative + "/"
      if files.paths.contains(where: { $0.hasPrefix(folder) && $0.hasSuffix(".py") }) {
        return String(folder.dropLast())
      }
    }
    return nil
  }

  /// The dotted name of a file under one of the roots.
  public func moduleName(ofPath path: String) -> String? {
    for root in roots.sorted(by: { $0.count > $1.count }) where path.hasPrefix(root) {
      var relative = String(path.dropFirst(root.count))
      guard relative.hasSuffix(".py") else { return nil }
      relative.removeLast(3)
      if relative.hasSuffix("/__init__") { relative.removeLast("/__init__".count) }
      return relative.split(separator: "/").joined(separator: ".")
    }
    return nil
  }

  public func module(atPath path: String) -> PythonModule? {
    if let module = parsed[path] { return module }
    guard let file = files[path] else { return nil }
    let module = PythonParser.parse(file)
    parsed[path] = module
    return module
  }

  /// P001 findings of every module parsed so far, in path order.
  public var diagnostics: [Diagnostic] {
    parsed.keys.sorted().flatMap { parsed[$0]!.diagnostics }
  }

  public func module(named name: String) -> PythonModule? {
    path(of: name).flatMap(module(atPath:))
  }

  /// Resolves `from .x import y` style relative names against the importing module.
  public func absoluteName(_ name: String?, level: Int, from importer: String, isPackage: Bool)
    -> String
  {
    guard level > 0 else { return name ?? "" }
    var parts = importer.split(separator: ".").map(String.init)
    let drop = isPackage ? level - 1 : level
    parts.removeLast(min(drop, parts.count))
    if let name, !name.isEmpty { parts.append(name) }
    return parts.joined(separator: ".")
  }
}

/// Small readers over the syntax tree shared by the Django readers.
package enum PySyntax {
  /// The text of a plain string literal (implicit concatenation included), else nil.
  package static func string(_ expr: PyExpr) -> String? {
    if case .string(.text(let text)) = expr.kind { return text }
    return nil
  }

  /// `a.b.c` for names and attribute chains, else nil.
  package static func dottedName(_ expr: PyExpr) -> String? {
    switch expr.kind {
    case .name(let name): return name
    case .attribute(let base, let name, _): return dottedName(base).map { $0 + "." + name }
    default: return nil
    }
  }

  /// The last component of the called function: `path` for `django.urls.path(...)`.
  package static func calleeName(_ expr: PyExpr) -> String? {
    guard case .call(let function, _) = expr.kind else { return nil }
    switch function.kind {
    case .name(let name): return name
    case .attribute(_, let name, _): return name
    default: return nil
    }
  }

  package static func arguments(_ expr: PyExpr) -> [PyArgument] {
    if case .call(_, let arguments) = expr.kind { return arguments }
    return []
  }

  package static func positional(_ expr: PyExpr) -> [PyExpr] {
    arguments(expr).filter { $0.keyword == nil && $0.kind == .positional }.map(\.value)
  }

  package static func keyword(_ name: String, in expr: PyExpr) -> PyExpr? {
    arguments(expr).first { $0.keyword == name }?.value
  }

  /// Top-level statements, descending into `if`/`try`/`with` bodies (module-level code).
  package static func flatten(_ statements: [PyStmt]) -> [PyStmt] {
    var result: [PyStmt] = []
    for statement in statements {
      result.append(statement)
      switch statement.kind {
      case .ifStatement(_, let body, let orElse):
        result += flatten(body) + flatten(orElse)
      case .tryStatement(let body, let handlers, let orElse, let finally):
        result +=
          flatten(body) + handlers.flatMap { flatten($0.body) } + flatten(orElse)
          + flatten(finally)
      case .with(_, let body, _):
        result += flatten(body)
      default:
        break
      }
    }
    return result
  }

  package static func functionDef(named name: String, in statements: [PyStmt]) -> PyFunctionDef? {
    for statement in flatten(statements) {
      if case .functionDef(let function) = statement.kind, function.name == name { return function }
    }
    return nil
  }

  package static func classDef(named name: String, in statements: [PyStmt]) -> PyClassDef? {
    for statement in flatten(statements) {
      if case .classDef(let definition) = statement.kind, definition.name == name {
        return definition
      }
    }
    return nil
  }

  /// Where module-level `name` is imported from: (module, imported name) for
  /// `from m import name` or (`m`, nil) for `import m` / `from pkg import m`.
  package static func importSource(
    of name: String, in module: PythonModule, modules: PythonModules
  ) -> (module: String, name: String?)? {
    let importer = modules.moduleName(ofPath: module.file) ?? ""
    let isPackage = module.file.hasSuffix("__init__.py")
    for statement in flatten(module.statements) {
      switch statement.kind {
      case .importFrom(let from, let level, let names, _):
        let base = modules.absoluteName(from, level: level, from: importer, isPackage: isPackage)
        for imported in names where imported.boundName == name {
          let asModule = base.isEmpty ? imported.name : base + "." + imported.name
          if modules.path(of: asModule) != nil { return (asModule, nil) }
          return (base, imported.name)
        }
      case .importModules(let names):
        for imported in names where imported.boundName == name {
          return (imported.alias == nil ? name : imported.name, nil)
        }
      default:
        continue
      }
    }
    return nil
  }

  /// The last module-level string assigned to `name`, for constants like `HEALTH_PATH`.
  package static func stringConstant(_ name: String, in module: PythonModule) -> String? {
    var found: String?
    for statement in flatten(module.statements) {
      switch statement.kind {
      case .assign(let targets, let value):
        if targets.contains(where: { dottedName($0) == name }), let text = string(value) {
          found = text
        }
      case .annotatedAssign(let target, _, let value?):
        if dottedName(target) == name, let text = string(value) { found = text }
      default:
        continue
      }
    }
    return found
  }
}
