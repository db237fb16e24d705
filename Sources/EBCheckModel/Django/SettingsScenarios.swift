import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// One value an environment variable the repository leaves open may take.
public struct EnvAssumption: Sendable, Hashable {
  public enum Value: Sendable, Hashable {
    /// The variable is not set: each read takes its default.
    case unset
    /// A value the settings test for.
    case value(String)
    /// A value none of the settings' tests match and no bundled file's path holds.
    case other
    /// Any value: the console sets the variable (the settings read it without a default).
    case set
  }

  public var name: String
  public var value: Value
  /// The test in the settings that decides which code runs.
  public var location: Location

  public init(name: String, value: Value, location: Location) {
    self.name = name
    self.value = value
    self.location = location
  }

  /// `DJANGO_ENV=production`, `DJANGO_ENV unset`, `any other DJANGO_ENV`.
  public var label: String {
    switch value {
    case .unset: return "\(name) unset"
    case .value(let text): return "\(name)=\(text)"
    case .other: return "any other \(name)"
    case .set: return "\(name) set in the console"
    }
  }

  /// The value as a string the settings would read (the `other` case picks a value no test
  /// names and no bundled path holds, so a file name built from it names no bundled file:
  /// the arm stands for every such value).
  package func supplied(avoiding tested: [String], paths: [String] = []) -> String? {
    switch value {
    case .unset: return nil
    case .value(let text): return text
    case .other, .set:
      var candidate = "ebcheck-other"
      while tested.contains(candidate) || paths.contains(where: { $0.contains(candidate) }) {
        candidate += "-"
      }
      return candidate
    }
  }
}

/// The Django app under one assumption about an open environment variable.
public struct DjangoScenario: Sendable {
  public var assumption: EnvAssumption
  public var app: DjangoApp

  public init(assumption: EnvAssumption, app: DjangoApp) {
    self.assumption = assumption
    self.app = app
  }
}

/// The environment variables the settings branch on that nothing in the repository (nor the
/// user) sets, and the app under each value they can take. One variable varies at a time,
/// the others unset; the unset case of every variable is the app `DjangoAppBuilder` builds.
package struct SettingsScenarios {
  package let modules: PythonModules
  package let env: [String: String]
  /// Whether IMDS answers without a token (nil: the platform is not known).
  package let imdsV1Answers: Bool?
  /// Where the platform puts the application folder (nil: not known).
  package var deployed: DeployedFiles? = nil
  package var hypervisor: InstanceHypervisor? = nil

  package init(modules: PythonModules, env: [String: String], imdsV1Answers: Bool? = nil) {
    self.modules = modules
    self.env = env
    self.imdsV1Answers = imdsV1Answers
  }

  /// At most this many open variables, each with at most `maximumValues` tested values.
  package static let maximumVariables = 3
  package static let maximumValues = 4

  /// The open variables' tests, first test of each variable first.
  package func conditions(settingsModule: String) -> [EnvCondition] {
    let evaluator = SettingsEvaluator(
      files: modules.files, env: env, modules: modules, imdsV1Answers: imdsV1Answers)
    evaluator.deployed = deployed
    evaluator.hypervisor = hypervisor
    guard let settings = evaluator.evaluate(module: settingsModule) else { return [] }
    var tests = settings.envConditions
    // The URLconf runs with the settings configured; its tests of open variables choose
    // routes as the settings' tests choose values.
    if let urlconf = settings["ROOT_URLCONF"]?.value.stringValue {
      evaluator.djangoSettings = settings.values.mapValues(\.value)
      evaluator.libraryPackages = DjangoViewLibrary.packages.union(DjangoURLLibrary.packages)
      if let state = evaluator.load(module: urlconf, preferredPrefix: nil) {
        tests += state.envConditions
      }
    }
    var order: [String] = []
    var merged: [String: EnvCondition] = [:]
    // A truth test of a variable the settings also compare with values (`IS_PROD = ENV ==
    // 'prod'` then `if IS_PROD:`) tests the comparison: its values are the compared ones.
    let compared = Set(tests.filter { !$0.isTruthTest }.map(\.name))
    for condition in tests
    where env[condition.name] == nil && condition.name != SettingsModuleLocator.variable
      && !(condition.isTruthTest && compared.contains(condition.name))
    {
      if var known = merged[condition.name] {
        for value in condition.values where !known.values.contains(value) {
          known.values.append(value)
        }
        merged[condition.name] = known
      } else {
        order.append(condition.name)
        merged[condition.name] = condition
      }
    }
    return order.prefix(Self.maximumVariables).compactMap { name in
      guard var condition = merged[name] else { return nil }
      condition.values = Array(condition.values.prefix(Self.maximumValues))
      return condition
    }
  }

  /// Each assumption with the environment it gives the settings: the tested values, then a
  /// value no test names, for each open variable.
  package func assumptions(settingsModule: String) -> [(EnvAssumption, [String: String])] {
    var result: [(EnvAssumption, [String: String])] = []
    for condition in conditions(settingsModule: settingsModule) {
      let values = condition.values.map { EnvAssumption.Value.value($0) } + [.other]
      for value in values {
        let assumption = EnvAssumption(
          name: condition.name, value: value, location: condition.location)
        guard
          let supplied = assumption.supplied(
            avoiding: condition.values, paths: modules.files.paths + modules.files.unreadFiles)
        else { continue }
        var assumed = env
        assumed[condition.name] = supplied
        result.append((assumption, assumed))
      }
    }
    return result
  }

  /// The app for each tested value and for a value no test names; empty when the settings
  /// test no open variable.
  package func scenarios(settingsModule: String, requirements: Requirements) -> [DjangoScenario] {
    assumptions(settingsModule: settingsModule).compactMap { assumption, assumed in
      var builder = DjangoAppBuilder(
        modules: modules, env: assumed, imdsV1Answers: imdsV1Answers)
      builder.buildsUnsetArm = false
      builder.deployed = deployed
      builder.hypervisor = hypervisor
      // Only an import that fails builds its arm: the arm where the console sets the variable.
      return builder.build(settingsModule: settingsModule, requirements: requirements).map {
        DjangoScenario(assumption: assumption, app: $0)
      }
    }
  }
}
