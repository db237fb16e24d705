import EBCheckCore
import EBCheckModel
import EBCheckPython

/// What `ebcheck settings` prints: the evaluated settings that decide a health check,
/// each with how ebcheck knows it (literal, dynamic, unknown, default) and where it was set.
public struct SettingsReport: Sendable {
  public struct Row: Sendable, Hashable {
    public var name: String
    /// `literal`, `dynamic`, `unknown`, `instance-ip` or `default` (not set).
    public var kind: String
    public var value: String
    public var location: Location?
    /// The value under each other value of an open environment variable the settings test,
    /// where it differs (`with DJANGO_ENV=production` → `['*']`).
    public var conditions: [(condition: String, value: String)] = []

    public static func == (lhs: Row, rhs: Row) -> Bool {
      lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.value == rhs.value
        && lhs.location == rhs.location
        && lhs.conditions.map(\.condition) == rhs.conditions.map(\.condition)
        && lhs.conditions.map(\.value) == rhs.conditions.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
      hasher.combine(name)
      hasher.combine(value)
    }
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
  /// file) with the values `check` uses: the option settings' environment properties and the
  /// supplied values, unset variables taking their defaults. A value read from the
  /// environment keeps the kind `dynamic`; the value printed is the one `check` simulates,
  /// and each other value of an open variable the settings test is listed with its value.
  /// nil when no settings module is found.
  public static func make(files: SourceFiles, focus: String, env: [String: String], all: Bool)
    -> SettingsReport?
  {
    let model = ProjectBuilder.build(files, options: ModelOptions(env: env))
    let environment = model.environments.first
    let variables = environment?.variables.mapValues(\.value) ?? env
    let modules = PythonModules(files: files)
    let module: String
    if focus.hasSuffix(".py"), let name = modules.moduleName(ofPath: focus) {
      module = name
    } else if let found = environment?.settingsModule?.value {
      module = found
    } else if let found = SettingsModuleFinder(modules: modules).find(env: variables) {
      module = found.value
    } else {
      return nil
    }
    // The deployed layout `check` evaluates with (`__file__`, file tests).
    let deployed = environment?.deployedFiles
    let evaluator = { (env: [String: String], defaults: Bool) -> SettingsEvaluator in
      let made = SettingsEvaluator(
        files: files, env: env, unsetVariablesTakeDefaults: defaults, modules: modules)
      made.deployed = deployed
      return made
    }
    guard let checked = evaluator(variables, true).evaluate(module: module) else { return nil }
    let open = evaluator(variables, false).evaluate(module: module)
    var scenarios = SettingsScenarios(modules: modules, env: variables)
    scenarios.deployed = deployed
    let alternatives = scenarios.assumptions(settingsModule: module).compactMap {
      assumption, assumed -> (String, EvaluatedSettings)? in
      evaluator(assumed, true).evaluate(module: module).map { (assumption.label, $0) }
    }
    let names = all ? checked.values.keys.sorted() : names
    let rows = names.map { name -> Row in
      var row = Row(name: name, kind: "default", value: "(Django default)", location: nil)
      if let setting = checked[name] {
        let openKind = Self.kind(of: open?[name]?.value ?? setting.value)
        row = Row(
          name: name, kind: openKind == "literal" ? Self.kind(of: setting.value) : openKind,
          value: setting.value.pythonRepr, location: setting.location)
      }
      for (label, settings) in alternatives {
        let value = settings[name]?.value.pythonRepr ?? "(Django default)"
        if value != row.value { row.conditions.append(("with \(label)", value)) }
      }
      // Written under names ebcheck cannot read, and assigned by no later line: the value
      // `check` takes holds unless those writes set it.
      if let namespace = checked.openNamespace, !namespace.openNames(among: [name]).isEmpty {
        row.conditions.append(("if \(namespace.description) sets it", "(its value)"))
      }
      return row
    }
    return SettingsReport(
      module: module, file: checked.file, rows: rows, diagnostics: checked.diagnostics)
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
  /// `{"module", "file", "settings": [{"name", "kind", "value", "file", "line",
  /// "conditions"?: [{"condition", "value"}]}]}`.
  public func json(files: SourceFiles) -> String {
    let rows = rows.map { row -> JSONValue in
      let line = row.location.flatMap { location in
        files[location.file].map { $0.location(of: location.span.start).line }
      }
      var fields: [(String, JSONValue)] = [
        ("name", .string(row.name)), ("kind", .string(row.kind)), ("value", .string(row.value)),
        ("file", .optional(row.location?.file)), ("line", .optional(line)),
      ]
      if !row.conditions.isEmpty {
        fields.append(
          (
            "conditions",
            .array(
              row.conditions.map {
                .object([("condition", .string($0.condition)), ("value", .string($0.value))])
              })
          ))
      }
      return .object(fields)
    }
    return JSONValue.object([
      ("version", .string(EBCheckVersion.current)), ("module", .string(module)),
      ("file", .string(file)), ("settings", .array(rows)),
    ]).prettyPrinted()
  }
}
