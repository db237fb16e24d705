// STUB owned by the Beanstalk reader work: replace freely, keep the entry point
// `BeanstalkConfiguration.load(from:)` and the `settings` / `diagnostics` members.

/// Where an option setting came from, in Beanstalk's precedence order (low → high).
public enum OptionSource: Sendable, Hashable {
  case ebextension(String)
  case savedConfig(String)
}

/// One `namespace` / `option_name` / `value` written somewhere in the repository.
public struct OptionSetting: Sendable, Hashable {
  public var namespace: String
  public var option: String
  public var value: String
  /// The span of the value (or of the whole entry when the value is absent).
  public var location: Location
  public var source: OptionSource

  public init(
    namespace: String, option: String, value: String, location: Location, source: OptionSource
  ) {
    self.namespace = namespace
    self.option = option
    self.value = value
    self.location = location
    self.source = source
  }
}

/// Every option setting of the repository, in the order Beanstalk applies them.
public struct BeanstalkConfiguration: Sendable {
  public var settings: [OptionSetting] = []
  public var diagnostics: [Diagnostic] = []

  public init(settings: [OptionSetting] = [], diagnostics: [Diagnostic] = []) {
    self.settings = settings
    self.diagnostics = diagnostics
  }

  public static func load(from files: SourceFiles) -> BeanstalkConfiguration {
    BeanstalkConfiguration()
  }

  /// The setting that wins: the last one applied.
  public func effective(_ namespace: String, _ option: String) -> OptionSetting? {
    settings.last { $0.namespace == namespace && $0.option == option }
  }
}
