import EBCheckCore

/// IO002: a file larger than the read limit, skipped.
public struct FileTooLargeRule: DiscoveryProblemRule {
  public init() {}

  public let problem = ReaderProblem.fileTooLarge

  public let description = RuleDescription(
    id: ReaderProblem.fileTooLarge.id, name: "file-too-large", severity: .warning,
    summary: "A file is larger than the read limit and was skipped.",
    rationale: """
      ebcheck reads at most `max-file-size` bytes of any file (5 MiB by default) so that a \
      generated or vendored file cannot make a run slow. A skipped settings or configuration \
      file leaves the prediction without what it sets.
      """,
    fix: "Raise `max-file-size` in `.ebcheck.yml`, or exclude the file when it is not yours.",
    fixable: false, triggering: [], nonTriggering: [])
}
