import EBCheckCore
import EBCheckFormats
import EBCheckModel

/// A configuration file ebcheck read.
public struct ConfigFile: Sendable, Hashable {
  public enum Format: String, Sendable, Hashable {
    /// `.ebcheck.yml` / `.ebcheck.yaml`: the settings at the top level.
    case yaml
    /// `pyproject.toml`: the settings under `[tool.ebcheck]`.
    case pyproject
    /// Any other `.toml` given to `--config`: the settings at the top level.
    case toml
  }

  /// Absolute path.
  public var path: String
  /// How messages name it: relative to the current directory.
  public var name: String
  public var format: Format

  public init(path: String, name: String, format: Format) {
    self.path = path
    self.name = name
    self.format = format
  }

  /// The folder holding it: `exclude` globs are relative to it.
  public var directory: String { Discovery.parent(of: path) }

  /// The format a file name implies.
  public static func format(ofName name: String) -> Format {
    let base = name.split(separator: "/").last.map(String.init) ?? name
    if base == "pyproject.toml" { return .pyproject }
    return base.hasSuffix(".toml") ? .toml : .yaml
  }
}

/// ebcheck's own settings, from `.ebcheck.yml` or `[tool.ebcheck]` in `pyproject.toml`.
/// Unknown keys, wrong types and unknown rule ids are usage errors (exit 2) naming the file
/// and line.
public struct EBCheckConfig: Sendable, Hashable {
  /// The names looked for in each folder, in precedence order (as ruff prefers `.ruff.toml`
  /// over `ruff.toml` over `pyproject.toml`); a `pyproject.toml` counts only with `[tool.ebcheck]`.
  public static let fileNames = [".ebcheck.yml", ".ebcheck.yaml", "pyproject.toml"]
  public static let keys = [
    "select", "ignore", "exclude", "env", "environments", "health-check", "max-file-size",
  ]

  /// Where the settings were read; nil for the defaults.
  public var file: ConfigFile?
  public var select: [String] = []
  public var ignore: [String] = []
  public var exclude: [String] = []
  public var env: [String: String] = [:]
  /// Environment name → settings module and values specific to it.
  public var environments: [String: EnvironmentOverride] = [:]
  /// Health-check defaults to assume where the repository is silent.
  public var healthCheckPath: String?
  public var maxFileSize: Int?
  /// The line each key was set on (`health-check` for the path).
  public var lines: [String: Int] = [:]

  public init() {}

  /// Reads a configuration file's text; nil for a `pyproject.toml` without `[tool.ebcheck]`.
  public static func read(_ bytes: [UInt8], from file: ConfigFile) throws(UsageError)
    -> EBCheckConfig?
  {
    let value: ConfigValue?
    switch file.format {
    case .yaml:
      value = try yamlRoot(bytes, name: file.name)
    case .pyproject, .toml:
      let document: TOMLTable
      do {
        document = try TOMLReader.parse(bytes)
      } catch {
        throw UsageError("\(file.name):\(error.line): \(error.message)")
      }
      if file.format == .pyproject {
        guard let node = document["tool"]?.table?["ebcheck"] else { return nil }
        guard let table = node.table else {
          throw UsageError("\(file.name):\(node.line): [tool.ebcheck] must be a table")
        }
        value = ConfigValue(toml: table, line: node.line)
      } else {
        value = ConfigValue(toml: document, line: 1)
      }
    }
    var config = EBCheckConfig()
    config.file = file
    if let value {
      var reader = ConfigReader(name: file.name)
      try reader.read(value, into: &config)
    }
    return config
  }

  package static func yamlRoot(_ bytes: [UInt8], name: String) throws(UsageError) -> ConfigValue? {
    let source = SourceFile(path: name, bytes: bytes)
    let yaml = YAMLLoader.load(source)
    if let error = yaml.diagnostics.first(where: { $0.severity == .error }) {
      throw UsageError(
        "\(name):\(source.location(of: error.location.span.start).line): \(error.message)")
    }
    guard let root = yaml.root else { return nil }
    if case .scalar(let text, _) = root.kind, text.isEmpty { return nil }
    return ConfigValue(yaml: root, in: source)
  }

  /// Whether the lint-root-relative `path` of a linted tree at `lintRoot` matches `exclude`.
  /// Globs are relative to the configuration file's folder (the lint root without a file).
  public func excludes(_ path: String, lintRoot: String, isDirectory: Bool = false) -> Bool {
    guard !exclude.isEmpty else { return false }
    let absolute = RelativePath.join(lintRoot, path)
    let base = file?.directory ?? lintRoot
    guard RelativePath.isInside(absolute, base) else { return false }
    let relative = RelativePath.from(base, to: absolute)
    return IgnoreRules(globs: exclude).isIgnored(relative, isDirectory: isDirectory)
  }
}

/// Checks every key of one configuration and fills an `EBCheckConfig`.
private struct ConfigReader {
  let name: String

  func error(_ line: Int, _ message: String) -> UsageError {
    UsageError("\(name):\(line): \(message)")
  }

  mutating func read(_ root: ConfigValue, into config: inout EBCheckConfig) throws(UsageError) {
    guard let entries = root.entries else {
      throw error(root.line, "expected a mapping of settings, found \(root.kindName)")
    }
    for entry in entries {
      config.lines[entry.key] = entry.keyLine
      switch entry.key {
      case "select": config.select = try selectors(entry)
      case "ignore": config.ignore = try selectors(entry)
      case "exclude": config.exclude = try strings(entry.value, entry.key)
      case "env": config.env = try stringMap(entry.value, entry.key)
      case "environments":
        guard let environments = entry.value.entries else {
          throw error(entry.value.line, "'environments' must map environment names to settings")
        }
        for environment in environments {
          config.environments[environment.key] = try self.environment(environment.value)
        }
      case "health-check":
        guard let options = entry.value.entries else {
          throw error(entry.value.line, "'health-check' must be a mapping")
        }
        for option in options {
          guard option.key == "path", let path = option.value.text, path.hasPrefix("/") else {
            throw error(option.keyLine, "'health-check' takes 'path: /some/path/'")
          }
          config.healthCheckPath = path
        }
      case "max-file-size":
        let size: Int? =
          switch entry.value.kind {
          case .integer(let value): value
          case .text(let text): Int(text)
          default: nil
          }
        guard let size, size > 0 else {
          throw error(entry.value.line, "'max-file-size' must be a positive number of bytes")
        }
        config.maxFileSize = size
      default:
        let known = EBCheckConfig.keys.joined(separator: ", ")
        throw error(entry.keyLine, "unknown key '\(entry.key)' (known keys: \(known))")
      }
    }
  }

  func selectors(_ entry: ConfigEntry) throws(UsageError) -> [String] {
    let list = try strings(entry.value, entry.key)
    for selector in list where !RuleSelectors.isKnown(selector) {
      throw error(entry.value.line, RuleSelectors.unknownMessage(selector))
    }
    return list
  }

  func environment(_ value: ConfigValue) throws(UsageError) -> EnvironmentOverride {
    guard let entries = value.entries else {
      throw error(value.line, "an environment takes 'settings' and 'env'")
    }
    var result = EnvironmentOverride()
    for entry in entries {
      switch entry.key {
      case "settings":
        guard let module = entry.value.text else {
          throw error(entry.value.line, "'settings' must be a module name")
        }
        result.settings = module
      case "env":
        result.env = try stringMap(entry.value, "env")
      default:
        throw error(
          entry.keyLine, "unknown key '\(entry.key)' in an environment (known: settings, env)")
      }
    }
    return result
  }

  /// A list of strings, or one comma-separated string.
  func strings(_ value: ConfigValue, _ key: String) throws(UsageError) -> [String] {
    if let text = value.text {
      return text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
    guard case .list(let items) = value.kind else {
      throw error(value.line, "'\(key)' must be a list of strings, found \(value.kindName)")
    }
    var result: [String] = []
    for item in items {
      guard let text = item.text else {
        throw error(item.line, "'\(key)' must be a list of strings, found \(item.kindName)")
      }
      result.append(text)
    }
    return result
  }

  func stringMap(_ value: ConfigValue, _ key: String) throws(UsageError) -> [String: String] {
    guard let entries = value.entries else {
      throw error(value.line, "'\(key)' must map names to values")
    }
    var result: [String: String] = [:]
    for entry in entries {
      // An environment variable is text: a TOML `true` could mean "true" or "True", so
      // only strings (and integers, which read one way) are taken.
      switch entry.value.kind {
      case .text(let text): result[entry.key] = text
      case .integer(let number): result[entry.key] = String(number)
      default:
        throw error(
          entry.value.line,
          "'\(key)' values must be strings (quote them), found \(entry.value.kindName)")
      }
    }
    return result
  }
}
