import EBCheckModel
import EBCheckCore

import EBCheckCore

/// What the user asked for, from flags and `.ebcheck.yml`.
public struct LintOptions: Sendable, Hashable {
  /// Environment values to assume (`--env`, `.ebcheck.yml` `env`).
  public var env: [String: String]
  /// Rule ids or prefixes to run; empty means all.
  public var select: [String]
  /// Rule ids or prefixes to skip.
  public var ignore: [String]
  /// `.ebcheck.yml` `environments`: per environment name, the settings module and values to assume.
  public var environments: [String: EnvironmentOverride] = [:]
  /// `.ebcheck.yml` `health-check: path`: the path to assume where the repository sets none
  /// (e.g. it is set in the console).
  public var assumedHealthCheckPath: String?

  public init(env: [String: String] = [:], select: [String] = [], ignore: [String] = []) {
    self.env = env
    self.select = select
    self.ignore = ignore
  }

  /// What the model assumes where the repository is silent.
  public var model: ModelOptions {
    ModelOptions(env: env, environments: environments, assumedHealthCheckPath: assumedHealthCheckPath)
  }

  /// Whether a rule id passes `select` and `ignore` (ids or prefixes such as `HC`).
  public func isEnabled(_ rule: String) -> Bool {
    let selected = select.isEmpty || select.contains { rule.hasPrefix($0.uppercased()) }
    return selected && !ignore.contains { rule.hasPrefix($0.uppercased()) }
  }
}
