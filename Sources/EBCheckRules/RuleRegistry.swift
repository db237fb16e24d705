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
    MiddlewareNotLoadableRule(),
    StatusNotAcceptedRule(),
    ViewRedirectRule(),
    ViewFailsRule(),
    DependsOnEnvironmentRule(),
    ThrottleCadenceRule(),
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
    ContainerLoopbackBindRule(),
    NothingOnPort80Rule(),
    ContainerCommandUnreadRule(),
    ConflictingOptionRule(),
    PythonParseRule(),
    NginxParseRule(),
    NginxProxyPortClosedRule(),
    HttpdParseRule(),
    ProcfileParseRule(),
    ConfigurationParseRule(),
    TerraformParseRule(),
    UnreadableFileRule(),
    FileTooLargeRule(),
    DiscoveryLimitRule(),
    UnusedSuppressionRule(),
  ]

  /// The rule that reports a kind of reader problem: the switch is exhaustive, so a new kind
  /// does not compile until a rule reports it.
  public static func rule(for problem: ReaderProblem) -> any Rule {
    switch problem {
    case .pythonSyntax: PythonParseRule()
    case .configurationSyntax: ConfigurationParseRule()
    case .nginxSyntax: NginxParseRule()
    case .httpdSyntax: HttpdParseRule()
    case .procfileSyntax: ProcfileParseRule()
    case .terraformSyntax: TerraformParseRule()
    case .unreadableFile: UnreadableFileRule()
    case .fileTooLarge: FileTooLargeRule()
    case .discoveryLimit: DiscoveryLimitRule()
    }
  }

  public static func rule(id: String) -> (any Rule)? {
    all.first { $0.id == id.uppercased() }
  }
}
