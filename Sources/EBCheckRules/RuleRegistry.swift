import EBCheckCore

/// Every rule ebcheck knows, written out by hand; a test guards that ids are unique
/// and every rule's examples behave as described.
public enum RuleRegistry {
  public static let all: [any Rule] = [
    DisallowedHostRule(),
    HTTPSRedirectRule(),
    SlashOrWWWRedirectRule(),
    NotRoutedRule(),
    LoginRequiredRule(),
    WideMatcherRule(),
    UnverifiableRule(),
    ForbiddenUserAgentRule(),
    AppDoesNotStartRule(),
    StatusNotAcceptedRule(),
    WildcardHostsRule(),
    DebugEnabledRule(),
    IMDSWithoutTokenRule(),
    SSLRedirectWithoutProxyHeaderRule(),
    UnknownOptionRule(),
    OptionValueRule(),
    HealthCheckTimeoutRule(),
    LoadBalancerMismatchRule(),
    AppModuleNotFoundRule(),
    SettingsModuleNotFoundRule(),
    UnsetVariableRule(),
    PortMismatchRule(),
    ConflictingOptionRule(),
    PythonParseRule(),
    ReaderDiagnosticsRule.nginx,
    ReaderDiagnosticsRule.procfile,
    ConfigurationParseRule(),
    UnusedSuppressionRule(),
  ]

  public static func rule(id: String) -> (any Rule)? {
    all.first { $0.id == id.uppercased() }
  }
}
