/// What a reader or discovery could not read. Readers report one of these kinds; the rule
/// catalog (`RuleRegistry.rule(for:)` in EBCheckRules) gives each kind its rule, and the
/// compiler refuses a kind without one, so a problem can never go unreported.
public enum ReaderProblem: String, Sendable, Hashable, CaseIterable {
  /// A Python file ebcheck must read does not parse.
  case pythonSyntax = "P001"
  /// A Beanstalk YAML/JSON file does not parse, breaks a reader limit or is malformed.
  case configurationSyntax = "Y001"
  /// A `.platform/nginx` or `.ebextensions/nginx` conf nginx would refuse.
  case nginxSyntax = "NG001"
  /// A repository httpd conf (`.platform/httpd`, `.ebextensions` `files:`) Apache would refuse.
  case httpdSyntax = "AP001"
  /// A Procfile line that is not `name: command`.
  case procfileSyntax = "PF001"
  /// A Terraform `.tf` / `.tfvars` file that is not valid HCL (or breaks a reader limit).
  case terraformSyntax = "TF001"
  /// A file or folder that cannot be read.
  case unreadableFile = "IO001"
  /// A file larger than the read limit.
  case fileTooLarge = "IO002"
  /// A discovery limit (file count, path depth) was reached.
  case discoveryLimit = "IO003"

  /// The id of the rule reporting this kind of problem.
  public var id: String { rawValue }
}

extension Diagnostic {
  /// A reader's finding, under the rule of its kind of problem.
  public init(
    problem: ReaderProblem, severity: Severity, message: String, location: Location,
    help: String? = nil
  ) {
    self.init(
      rule: problem.id, severity: severity, message: message, location: location, help: help)
  }

  /// Whether this is a reader's finding of `problem`.
  public func isProblem(_ problem: ReaderProblem) -> Bool { rule == problem.id }
}
