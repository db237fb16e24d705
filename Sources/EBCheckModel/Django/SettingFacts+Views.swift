import EBCheckCore
import EBCheckPython

/// The settings the views' code depends on: TEMPLATES, INSTALLED_APPS, LOGIN_URL,
/// REST_FRAMEWORK and the literal settings a view can read through `django.conf.settings`.
extension SettingFacts {
  package func viewContext(loginURL: String) -> ViewContext {
    var literals: [String: PyValue] = [:]
    for (name, setting) in settings.values where setting.value.isLiteral {
      literals[name] = setting.value
    }
    if literals["DEBUG"] == nil, settings["DEBUG"] == nil { literals["DEBUG"] = .bool(false) }
    return ViewContext(
      templates: templateLocator(), loginURL: loginURL, restFramework: restFrameworkDefaults(),
      settings: literals)
  }

  package func installedAppNames() -> [String] {
    guard let apps = settings["INSTALLED_APPS"], let elements = apps.value.elements else {
      return []
    }
    return elements.compactMap { $0.value.stringValue }
  }

  package func templateLocator() -> TemplateLocator {
    var locator = TemplateLocator(
      dirs: [], appDirs: false, installedApps: installedAppNames(), files: modules.files,
      modules: modules)
    guard let templates = settings["TEMPLATES"] else { return locator }
    locator.location = templates.location
    guard let backends = templates.value.elements else {
      locator.dirs = [
        .unknown(Unverifiable("TEMPLATES cannot be evaluated", at: templates.location))
      ]
      return locator
    }
    for backend in backends {
      guard case .dict(let entries) = backend.value else {
        locator.dirs.append(
          .unknown(Unverifiable("a TEMPLATES entry cannot be evaluated", at: backend.location)))
        continue
      }
      for entry in entries {
        switch entry.key.stringValue {
        case "APP_DIRS":
          if entry.value.truthiness != false { locator.appDirs = true }
        case "DIRS":
          guard let dirs = entry.value.elements else {
            locator.dirs.append(
              .unknown(Unverifiable("TEMPLATES DIRS cannot be evaluated", at: entry.location)))
            continue
          }
          locator.dirs += dirs.map { folder($0, fallback: entry.location ?? templates.location) }
        default:
          continue
        }
      }
    }
    return locator
  }

  /// One `DIRS` entry as a repository folder: a relative string, or `BASE_DIR / 'templates'`
  /// and `os.path.join(BASE_DIR, 'templates')` read from the source.
  package func folder(_ element: PyElement, fallback: Location) -> TemplateLocator.Folder {
    let at = element.location ?? fallback
    if case .string(let text) = element.value, !text.hasPrefix("/") {
      return .folder(Self.normalize(text))
    }
    if let location = element.location, let module = modules.module(atPath: location.file),
      let expr = PySyntax.expression(at: location.span, in: module.statements),
      let (base, parts) = Self.joined(expr), let root = baseFolder(named: base)
    {
      return .folder(Self.normalize((root.isEmpty ? [] : [root]) + parts))
    }
    return .unknown(Unverifiable("a TEMPLATES DIRS entry cannot be evaluated", at: at))
  }

  /// `BASE_DIR / 'a' / 'b'`, `os.path.join(BASE_DIR, 'a')`, `str(...)`, `Path(BASE_DIR, 'a')`.
  package static func joined(_ expr: PyExpr) -> (base: String, parts: [String])? {
    switch expr.kind {
    case .name(let name):
      return (name, [])
    case .binary(let left, .divide, let right):
      guard let (base, parts) = joined(left), let part = PySyntax.string(right) else { return nil }
      return (base, parts + [part])
    case .call:
      let arguments = PySyntax.positional(expr)
      switch PySyntax.calleeName(expr) {
      case "str", "Path":
        guard let first = arguments.first, let (base, parts) = joined(first) else { return nil }
        let rest = arguments.dropFirst().compactMap(PySyntax.string)
        guard rest.count == arguments.count - 1 else { return nil }
        return (base, parts + rest)
      case "join", "joinpath":
        var list = arguments
        if PySyntax.calleeName(expr) == "joinpath", case .call(let function, _) = expr.kind,
          case .attribute(let owner, _, _) = function.kind
        {
          list.insert(owner, at: 0)
        }
        guard let first = list.first, let (base, parts) = joined(first) else { return nil }
        let rest = list.dropFirst().compactMap(PySyntax.string)
        guard rest.count == list.count - 1 else { return nil }
        return (base, parts + rest)
      default:
        return nil
      }
    default:
      return nil
    }
  }

  /// The repository folder a `BASE_DIR`-like name points at: `Path(__file__).resolve().parent
  /// .parent` or `os.path.dirname(os.path.dirname(os.path.abspath(__file__)))` from its file.
  package func baseFolder(named name: String) -> String? {
    guard let setting = settings[name],
      let module = modules.module(atPath: setting.valueLocation.file),
      let expr = PySyntax.expression(at: setting.valueLocation.span, in: module.statements),
      PySyntax.contains(expr, where: { PySyntax.dottedName($0) == "__file__" })
    else { return nil }
    var levels = 0
    _ = PySyntax.contains(expr) { node in
      if case .attribute(_, "parent", _) = node.kind { levels += 1 }
      if PySyntax.calleeName(node) == "dirname" { levels += 1 }
      if case .subscription(let base, let index) = node.kind,
        case .attribute(_, "parents", _) = base.kind, case .int(let n) = index.kind
      {
        levels += n + 1
      }
      return false
    }
    var folder = setting.valueLocation.file.split(separator: "/").map(String.init)
    guard levels >= 1, levels <= folder.count else { return nil }
    folder.removeLast(levels)
    return folder.joined(separator: "/")
  }

  package static func normalize(_ text: String) -> String {
    normalize(text.split(separator: "/").map(String.init))
  }

  package static func normalize(_ parts: [String]) -> String {
    parts.flatMap { $0.split(separator: "/").map(String.init) }.filter { $0 != "." && !$0.isEmpty }
      .joined(separator: "/")
  }

  /// `REST_FRAMEWORK`'s permission and authentication classes.
  package func restFrameworkDefaults() -> RestFrameworkDefaults {
    var defaults = RestFrameworkDefaults()
    guard let setting = settings["REST_FRAMEWORK"] else { return defaults }
    guard case .dict(let entries) = setting.value else {
      defaults.unreadable = Unverifiable("REST_FRAMEWORK cannot be evaluated", at: setting.location)
      return defaults
    }
    for entry in entries {
      let key = entry.key.stringValue
      guard key == "DEFAULT_PERMISSION_CLASSES" || key == "DEFAULT_AUTHENTICATION_CLASSES" else {
        continue
      }
      guard let elements = entry.value.elements else {
        defaults.unreadable = Unverifiable(
          "REST_FRAMEWORK \(key ?? "") cannot be evaluated", at: entry.location)
        continue
      }
      let names = elements.compactMap { $0.value.stringValue ?? $0.value.heldClassName }
      guard names.count == elements.count else {
        defaults.unreadable = Unverifiable(
          "REST_FRAMEWORK \(key ?? "") cannot be evaluated", at: entry.location)
        continue
      }
      if key == "DEFAULT_PERMISSION_CLASSES" {
        defaults.permissionClasses = names
        defaults.location = entry.location ?? setting.location
      } else {
        defaults.authenticationClasses = names
      }
    }
    return defaults
  }
}
