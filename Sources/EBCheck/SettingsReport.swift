import EBCheckCore
import EBCheckPython
import EBCheckModel

/// What `ebcheck settings` prints: the evaluated settings that decide a health check,
/// each with how ebcheck knows it (literal, dynamic, unknown, default) and where it was set.
public struct SettingsReport: Sendable {
  public struct Row: Sendable, Hashable {
    public var name: String
    /// `literal`, `dynamic`, `unknown`, `instance-ip` or `default` (not set).
    public var kind: String
    public var value: String
    public var location: Location?
  }

  public var module: String
  public var file: String
  public var rows: [Row]
  public var diagnostics: [Diagnostic]

  public static let names = [
    "DEBUG", "ALLOWED_HOSTS", "MIDDLEWARE", "ROOT_URLCONF", "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT", "SECURE_SSL_HOST", "SECURE_PROXY_SSL_HEADER", "APPEND_SLASH",
    "PREPEND_WWW", "USE_X_FORWARDED_HOST", "DISALLOWED_USER_AGENTS", "ALLOWED_CIDR_NETS",
    "LOGIN_URL", "LANGUAGE_CODE",
  ]

  /// Evaluates the settings module of `files` (the one `focus` names when it is a settings
  /// file); nil when no settings module is found.
  public static func make(files: SourceFiles, focus: String, env: [String: String], all: Bool)
    -> SettingsReport?
  {
    let modules = PythonModules(files: files)
    let module: String
    if focus.hasSuffix(".py"), let name = modules.moduleName(ofPath: focus) {
      module = name
    } else if let found = SettingsModuleFinder(modules: modules).find(env: env) {
      module = found.value
    } else {
      return nil
    }
    guard let settings = SettingsEvaluator(files: files, env: env).evaluate(module: module) else {
      return nil
    }
    let names = all ? settings.values.keys.sorted() : names
    let rows = names.map { name -> Row in
      guard let setting = settings[name] else {
        return Row(name: name, kind: "default", value: "(Django default)", location: nil)
      }
      return Row(
        name: name, kind: kind(of: setting.value), value: setting.value.pythonRepr,
        location: setting.location)
    }
    return SettingsReport(
      module: module, file: settings.file, rows: rows, diagnostics: settings.diagnostics)
  }

  package static func kind(of value: PyValue) -> String {
    switch value {
    case .dynamic: return "dynamic"
    case .unknown: return "unknown"
    case .instanceIP: return "instance-ip"
    default:
      if value.isLiteral { return "literal" }
      if let elements = value.elements {
        if elements.contains(where: {
          if case .instanceIP = $0.value { return true }
          return false
        }) {
          return "instance-ip"
        }
      }
      return "dynamic"
    }
  }
}

extension SettingsReport {
  /// `{"module", "file", "settings": [{"name", "kind", "value", "file", "line"}]}`.
  public func json(files: SourceFiles) -> String {
    let rows = rows.map { row -> JSONValue in
      let line = row.location.flatMap { location in
        files[location.file].map { $0.location(of: location.span.start).line }
      }
      return .object([
        ("name", .string(row.name)), ("kind", .string(row.kind)), ("value", .string(row.value)),
        ("file", .optional(row.location?.file)), ("line", .optional(line)),
      ])
    }
    return JSONValue.object([
      ("version", .string(EBCheckVersion.current)), ("module", .string(module)),
      ("file", .string(file)), ("settings", .array(rows)),
    ]).prettyPrinted()
  }
}
