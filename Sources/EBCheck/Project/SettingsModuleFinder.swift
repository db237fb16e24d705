/// Finds `DJANGO_SETTINGS_MODULE` the way the deployed process gets it: the environment
/// (option settings or supplied values), the Procfile's `--env`, then the `setdefault` in the
/// WSGI module the server loads, then `manage.py`.
struct SettingsModuleFinder {
  let modules: PythonModules

  static let variable = "DJANGO_SETTINGS_MODULE"

  func find(env: [String: String], procfile: ProcfileProcess? = nil, wsgiModule: String? = nil)
    -> Sourced<String>?
  {
    if let value = env[Self.variable] { return Sourced(value, origin: "environment") }
    if let value = procfile?.settingsModule ?? procfile?.env[Self.variable] {
      return Sourced(value, at: procfile?.location, origin: "Procfile")
    }
    var candidates: [String] = []
    if let wsgiModule, let path = modules.path(of: wsgiModule) { candidates.append(path) }
    candidates += modules.files.paths.filter {
      $0.hasSuffix("wsgi.py") || $0 == "manage.py" || $0.hasSuffix("/manage.py") || $0.hasSuffix("asgi.py")
    }
    for path in candidates {
      guard let module = modules.module(atPath: path), let found = setdefault(in: module) else {
        continue
      }
      if modules.path(of: found.value) != nil { return found }
    }
    return nil
  }

  /// `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")` anywhere in the module.
  func setdefault(in module: PythonModule) -> Sourced<String>? {
    for statement in PySyntax.flatten(module.statements) {
      var found: Sourced<String>?
      _ = PySyntax.contains(statement) { expr in
        guard case .call(let function, _) = expr.kind,
          case .attribute(_, let method, _) = function.kind, method == "setdefault",
          PySyntax.positional(expr).count == 2,
          PySyntax.string(PySyntax.positional(expr)[0]) == Self.variable,
          let value = PySyntax.string(PySyntax.positional(expr)[1])
        else { return false }
        found = Sourced(value, at: Location(file: module.file, span: expr.span))
        return true
      }
      if let found { return found }
    }
    return nil
  }
}
