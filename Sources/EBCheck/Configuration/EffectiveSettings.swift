import EBCheckCore

/// What `ebcheck check --show-settings` prints for one path: every setting ebcheck uses,
/// its value and where the value came from (a file and line, a flag, or the default).
public struct EffectiveSettings: Sendable, Hashable {
  public struct Row: Sendable, Hashable {
    public var key: String
    public var value: String
    public var origin: String

    public init(key: String, value: String, origin: String) {
      self.key = key
      self.value = value
      self.origin = origin
    }
  }

  /// The command-line values layered over the configuration.
  public struct Overrides: Sendable, Hashable {
    public var select: [String] = []
    public var ignore: [String] = []
    public var env: [String: String] = [:]

    public init(select: [String] = [], ignore: [String] = [], env: [String: String] = [:]) {
      self.select = select
      self.ignore = ignore
      self.env = env
    }
  }

  public var path: String
  public var header: [Row]
  public var rows: [Row]

  /// The settings of `workspace` (linted as `path`), shown with paths from `bases`.
  public init(
    path: String, workspace: Workspace, overrides: Overrides, bases: PathBases,
    extra: [Row] = []
  ) {
    self.path = path
    let resolution = workspace.configuration
    header = [
      Row(key: "lint root", value: bases.display(workspace.root), origin: ""),
      Row(key: "repository root", value: bases.display(bases.repositoryRoot), origin: ""),
      Row(key: "configuration", value: Self.describe(resolution, bases: bases), origin: ""),
    ]
    for (folder, own) in workspace.folderConfigurations.sorted(by: { $0.key < $1.key }) {
      header.append(
        Row(
          key: "configuration of \(bases.display(RelativePath.join(workspace.root, folder)))",
          value: own.config.file?.name ?? "", origin: "nearer to that application folder"))
    }
    let config = resolution.config
    let file = config.file?.name
    let at = { (key: String) -> String in
      guard let file, let line = config.lines[key] else { return "default" }
      return "\(file):\(line)"
    }
    rows = []
    if overrides.select.isEmpty {
      rows.append(
        Row(key: "select", value: Self.list(config.select, empty: "ALL"), origin: at("select")))
    } else {
      rows.append(
        Row(key: "select", value: Self.list(overrides.select, empty: "ALL"), origin: "--select"))
    }
    let ignoreOrigins = [
      config.ignore.isEmpty ? nil : at("ignore"), overrides.ignore.isEmpty ? nil : "--ignore",
    ]
    .compactMap { $0 }
    rows.append(
      Row(
        key: "ignore", value: Self.list(config.ignore + overrides.ignore, empty: "(none)"),
        origin: ignoreOrigins.isEmpty ? "default" : ignoreOrigins.joined(separator: " + ")))
    rows.append(
      Row(key: "exclude", value: Self.list(config.exclude, empty: "(none)"), origin: at("exclude")))
    let names = Set(config.env.keys).union(overrides.env.keys).sorted()
    if names.isEmpty {
      rows.append(Row(key: "env", value: "(none)", origin: "default"))
    }
    for name in names {
      let fromFlag = overrides.env[name]
      rows.append(
        Row(
          key: "env \(name)", value: fromFlag ?? config.env[name]!,
          origin: fromFlag != nil ? "--env" : at("env")))
    }
    if config.environments.isEmpty {
      rows.append(Row(key: "environments", value: "(none)", origin: "default"))
    }
    for (name, environment) in config.environments.sorted(by: { $0.key < $1.key }) {
      var parts: [String] = []
      if let settings = environment.settings { parts.append("settings=\(settings)") }
      for (key, value) in environment.env.sorted(by: { $0.key < $1.key }) {
        parts.append("\(key)=\(value)")
      }
      rows.append(
        Row(
          key: "environment \(name)", value: parts.joined(separator: " "),
          origin: at("environments")))
    }
    rows.append(
      Row(
        key: "health-check.path", value: config.healthCheckPath ?? "(from the repository)",
        origin: at("health-check")))
    rows.append(
      Row(
        key: "max-file-size", value: String(config.maxFileSize ?? DiscoveryLimits().maxFileSize),
        origin: at("max-file-size")))
    rows += extra
  }

  package static func list(_ items: [String], empty: String) -> String {
    items.isEmpty ? empty : items.joined(separator: ", ")
  }

  /// `.ebcheck.yml (nearest; searched backend, .)`, `none (searched ...)`, `--config x`, `--isolated`.
  public static func describe(_ resolution: ConfigResolution, bases: PathBases) -> String {
    switch resolution.choice {
    case .isolated: return "none (--isolated)"
    case .file(let name): return "\(name) (--config)"
    case .discover:
      let searched = resolution.searched.map { bases.display($0) }.joined(separator: ", ")
      var text =
        resolution.config.file.map { "\($0.name) (the nearest; searched \(searched))" }
        ?? "none found (searched \(searched))"
      if !resolution.shadowed.isEmpty {
        text += "; \(resolution.shadowed.joined(separator: ", ")) in the same folder is not read"
      }
      return text
    }
  }

  /// The aligned text block.
  public var text: String {
    var out = "settings for \(path)\n"
    let width = (header + rows).map(\.key.count).max() ?? 0
    let valueWidth = rows.map(\.value.count).max() ?? 0
    for row in header {
      out += "  " + row.key.padded(width) + "  " + row.value
      out += row.origin.isEmpty ? "\n" : "  (\(row.origin))\n"
    }
    for row in rows {
      out += "  " + row.key.padded(width) + "  " + row.value.padded(valueWidth) + "  " + row.origin
      out += "\n"
    }
    return out
  }
}

extension String {
  fileprivate func padded(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
