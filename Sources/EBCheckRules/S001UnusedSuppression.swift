import EBCheckCore

/// S001: a suppression comment that suppresses nothing (handled by `Suppressions`).
public struct UnusedSuppressionRule: Rule {
  public static let id = "S001"

  public init() {}

  public let description = RuleDescription(
    id: Self.id, name: "unused-suppression", severity: .warning,
    summary: "An `# ebcheck: ignore` comment matches no finding on its line.",
    rationale: """
      A stale suppression hides the next real finding on that line without anyone \
      noticing. Keeping suppressions exact keeps them honest.
      """,
    fix: "Remove the comment, or move it to the line the finding is reported on.",
    fixable: false,
    triggering: [
      RuleExample(path: "app/settings.py", "DEBUG = False  # ↓ebcheck: ignore[DJ002]\n").saying(
        "matches no finding on this line")
    ],
    nonTriggering: [
      RuleExample(path: "app/settings.py", "DEBUG = False\n")
    ])

  public func check(_ context: LintContext) -> [Diagnostic] { [] }
}
