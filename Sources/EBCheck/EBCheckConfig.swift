import EBCheckCore
import EBCheckFormats
import EBCheckModel

/// `.ebcheck.yml` at the lint root. Unknown keys and wrong types are usage errors (exit 2)
/// naming the file and line.
public struct EBCheckConfig: Sendable, Hashable {
  public static let fileNames = [".ebcheck.yml", ".ebcheck.yaml"]

  public var select: [String] = []
  public var ignore: [String] = []
  public var exclude: [String] = []
  public var env: [String: String] = [:]
  /// Environment name → settings module and values specific to it.
  public var environments: [String: EnvironmentOverride] = [:]
  /// Health-check defaults to assume where the repository is silent.
  public var healthCheckPath: String?
  public var maxFileSize: Int?

  public init() {}

  /// Reads the config of `files` (discovered at the lint root); an empty config when absent.
  public static func load(from file: SourceFile?) throws(UsageError) -> EBCheckConfig {
    guard let file else { return EBCheckConfig() }
    let yaml = YAMLLoader.load(file)
    if let error = yaml.diagnostics.first(where: { $0.severity == .error }) {
      throw UsageError(
        "\(file.path):\(file.location(of: error.location.span.start).line): \(error.message)")
    }
    guard let root = yaml.root else { return EBCheckConfig() }
    var reader = ConfigReader(file: file)
    return try reader.read(root)
  }
}

private struct ConfigReader {
  package let file: SourceFile

  package func error(_ node: YAMLNode, _ message: String) -> UsageError {
    UsageError("\(file.path):\(file.location(of: node.span.start).line): \(message)")
  }

  package mutating func read(_ root: YAMLNode) throws(UsageError) -> EBCheckConfig {
    if case .scalar(let text, _) = root.kind, text.isEmpty { return EBCheckConfig() }
    guard let pairs = root.mapping else { throw error(root, "expected a mapping of settings") }
    var config = EBCheckConfig()
    for pair in pairs {
      let key = pair.key.scalar ?? ""
      switch key {
      case "select": config.select = try strings(pair.value, key)
      case "ignore": config.ignore = try strings(pair.value, key)
      case "exclude": config.exclude = try strings(pair.value, key)
      case "env": config.env = try stringMap(pair.value, key)
      case "environments":
        guard let entries = pair.value.mapping else {
          throw error(pair.value, "'environments' must map environment names to settings")
        }
        for entry in entries {
          config.environments[entry.key.scalar ?? ""] = try environment(entry.value)
        }
      case "health-check":
        guard let entries = pair.value.mapping else {
          throw error(pair.value, "'health-check' must be a mapping")
        }
        for entry in entries {
          guard entry.key.scalar == "path", let path = entry.value.scalar, path.hasPrefix("/")
          else {
            throw error(entry.key, "'health-check' takes 'path: /some/path/'")
          }
          config.healthCheckPath = path
        }
      case "max-file-size":
        guard let text = pair.value.scalar, let size = Int(text), size > 0 else {
          throw error(pair.value, "'max-file-size' must be a positive number of bytes")
        }
        config.maxFileSize = size
      default:
        let known = "select, ignore, exclude, env, environments, health-check, max-file-size"
        throw error(pair.key, "unknown key '\(key)' (known keys: \(known))")
      }
    }
    return config
  }

  package func environment(_ node: YAMLNode) throws(UsageError) -> EnvironmentOverride {
    guard let pairs = node.mapping else {
      throw error(node, "an environment takes 'settings' and 'env'")
    }
    var result = EnvironmentOverride()
    for pair in pairs {
      switch pair.key.scalar {
      case "settings":
        guard let module = pair.value.scalar else {
          throw error(pair.value, "'settings' must be a module name")
        }
        result.settings = module
      case "env":
        result.env = try stringMap(pair.value, "env")
      default:
        throw error(
          pair.key,
          "unknown key '\(pair.key.scalar ?? "")' in an environment (known: settings, env)")
      }
    }
    return result
  }

  package func strings(_ node: YAMLNode, _ key: String) throws(UsageError) -> [String] {
    if let scalar = node.scalar {
      return scalar.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
    guard let items = node.sequence else { throw error(node, "'\(key)' must be a list of strings") }
    var result: [String] = []
    for item in items {
      guard let text = item.scalar else { throw error(item, "'\(key)' must be a list of strings") }
      result.append(text)
    }
    return result
  }

  package func stringMap(_ node: YAMLNode, _ key: String) throws(UsageError) -> [String: String] {
    guard let pairs = node.mapping else { throw error(node, "'\(key)' must map names to values") }
    var result: [String: String] = [:]
    for pair in pairs {
      guard let name = pair.key.scalar, let value = pair.value.scalar else {
        throw error(pair.value, "'\(key)' values must be strings")
      }
      result[name] = value
    }
    return result
  }
}
