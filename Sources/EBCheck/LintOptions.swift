import EBCheckCore
import EBCheckModel

/// What the user asked for, from flags and the configuration file.
public struct LintOptions: Sendable, Hashable {
  /// Environment values to assume (`--env`, `env` in the configuration).
  public var env: [String: String]
  /// Rule ids or prefixes to run (`ALL` is every rule); empty means all.
  public var select: [String]
  /// Rule ids or prefixes to skip.
  public var ignore: [String]
  /// `environments`: per environment name, the settings module and values to assume.
  public var environments: [String: EnvironmentOverride] = [:]
  /// `health-check: path`: the path to assume where the repository sets none
  /// (e.g. it is set in the console).
  public var assumedHealthCheckPath: String?
  /// Application folders (lint-root-relative, ending in `/`) with a configuration file of
  /// their own, nearer to them than the one these options come from: their options.
  public var byFolder: [String: LintOptions] = [:]

  public init(env: [String: String] = [:], select: [String] = [], ignore: [String] = []) {
    self.env = env
    self.select = select
    self.ignore = ignore
  }

  /// What the model assumes where the repository is silent.
  public var model: ModelOptions {
    ModelOptions(
      env: env, environments: environments, assumedHealthCheckPath: assumedHealthCheckPath)
  }

  /// Whether a rule id passes `select` and `ignore` (ids or prefixes such as `HC`, or `ALL`).
  public func isEnabled(_ rule: String) -> Bool {
    let selected = select.isEmpty || select.contains { Self.matches($0, rule) }
    return selected && !ignore.contains { Self.matches($0, rule) }
  }

  package static func matches(_ selector: String, _ rule: String) -> Bool {
    let upper = selector.uppercased()
    return upper == RuleSelectors.all || rule.hasPrefix(upper)
  }

  /// The options for the application folder `root` (`""` or ending in `/`).
  public func forFolder(_ root: String) -> LintOptions { byFolder[root] ?? self }
}
