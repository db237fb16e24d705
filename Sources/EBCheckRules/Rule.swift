import EBCheckCore

/// A small repository used to show and test a rule: relative path → contents.
public struct RuleExample: Sendable, Hashable {
  public var files: [String: String]
  /// Extra environment values assumed while linting the example (`--env`).
  public var env: [String: String]

  public init(_ files: [String: String], env: [String: String] = [:]) {
    self.files = files
    self.env = env
  }

  /// An example made of a single file.
  public init(path: String, _ contents: String, env: [String: String] = [:]) {
    self.init([path: contents], env: env)
  }
}

/// Everything a user (and the docs generator) needs to know about a rule.
public struct RuleDescription: Sendable, Hashable {
  public var id: String
  public var name: String
  public var severity: Severity
  /// One line: what the rule finds.
  public var summary: String
  /// Why it breaks health checks or deployments.
  public var rationale: String
  /// How to fix it, in words.
  public var fix: String
  public var fixable: Bool
  /// Its fixes change more than the finding, so `ebcheck fix` applies them only with
  /// `--unsafe-fixes`.
  public var fixIsUnsafe: Bool = false
  public var triggering: [RuleExample]
  public var nonTriggering: [RuleExample]
  /// Links to the AWS and Django documentation behind the rule.
  public var references: [String]

  public init(
    id: String, name: String, severity: Severity, summary: String, rationale: String,
    fix: String, fixable: Bool, fixIsUnsafe: Bool = false, triggering: [RuleExample],
    nonTriggering: [RuleExample], references: [String] = []
  ) {
    self.fixIsUnsafe = fixIsUnsafe
    self.id = id
    self.name = name
    self.severity = severity
    self.summary = summary
    self.rationale = rationale
    self.fix = fix
    self.fixable = fixable
    self.triggering = triggering
    self.nonTriggering = nonTriggering
    self.references = references
  }

  /// How the docs say it can be fixed: `yes, with `ebcheck fix``, or `no`.
  public var fixableText: String {
    guard fixable else { return "no" }
    return fixIsUnsafe ? "yes, with `ebcheck fix --unsafe-fixes`" : "yes, with `ebcheck fix`"
  }
}

/// A rule reads the whole model once built and returns its findings.
public protocol Rule: Sendable {
  var description: RuleDescription { get }
  func check(_ context: LintContext) -> [Diagnostic]
}

extension Rule {
  public var id: String { description.id }

  /// A diagnostic of this rule with its default severity.
  public func diagnostic(
    _ message: String, at location: Location, related: [RelatedLocation] = [],
    fix: Fix? = nil, help: String? = nil, trace: Trace? = nil
  ) -> Diagnostic {
    Diagnostic(
      rule: description.id, severity: description.severity, message: message,
      location: location, related: related, fix: fix, help: help, trace: trace)
  }
}
