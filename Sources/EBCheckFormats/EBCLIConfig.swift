import EBCheckCore

/// What `.elasticbeanstalk/config.yml` (written by `eb init` / `eb use`) tells about the app.
public struct EBCLIConfig: Sendable, Hashable {
  public var path: String
  public var applicationName: String?
  public var defaultPlatform: String?
  /// Where `default_platform` is written.
  public var defaultPlatformLocation: Location?
  public var defaultRegion: String?
  /// Git branch → environment name (`branch-defaults.<branch>.environment`).
  public var branchEnvironments: [String: String]
  /// Environment names in first-seen order, without duplicates.
  public var environmentNames: [String]

  public init(
    path: String, applicationName: String? = nil, defaultPlatform: String? = nil,
    defaultRegion: String? = nil, branchEnvironments: [String: String] = [:],
    environmentNames: [String] = []
  ) {
    self.path = path
    self.applicationName = applicationName
    self.defaultPlatform = defaultPlatform
    self.defaultRegion = defaultRegion
    self.branchEnvironments = branchEnvironments
    self.environmentNames = environmentNames
  }

  public static func read(_ yaml: YAMLFile) -> EBCLIConfig {
    var config = EBCLIConfig(path: yaml.path)
    guard let root = yaml.root else { return config }
    let global = root["global"]
    config.applicationName = global?["application_name"].flatMap(OptionSettingsReader.text)
    if let node = global?["default_platform"] {
      config.defaultPlatform = OptionSettingsReader.text(node)
      config.defaultPlatformLocation = Location(file: yaml.path, span: node.span)
    }
    config.defaultRegion = global?["default_region"].flatMap(OptionSettingsReader.text)
    for pair in root["branch-defaults"]?.mapping ?? [] {
      guard let branch = OptionSettingsReader.text(pair.key),
        let environment = pair.value["environment"].flatMap(OptionSettingsReader.text),
        !environment.isEmpty
      else { continue }
      config.branchEnvironments[branch] = environment
      if !config.environmentNames.contains(environment) {
        config.environmentNames.append(environment)
      }
    }
    return config
  }
}
