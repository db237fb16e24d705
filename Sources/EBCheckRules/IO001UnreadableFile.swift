import EBCheckCore

/// IO001: a file or folder under the lint root that cannot be read.
public struct UnreadableFileRule: DiscoveryProblemRule {
  public init() {}

  public let problem = ReaderProblem.unreadableFile

  public let description = RuleDescription(
    id: ReaderProblem.unreadableFile.id, name: "unreadable-file", severity: .error,
    summary: "A file or folder ebcheck must read cannot be read (permissions, a broken link).",
    rationale: """
      What ebcheck cannot read it cannot check: a settings module or `.ebextensions` file it \
      skips could hold the line that breaks the health check. An unreadable file is an error; \
      an unreadable folder is a warning, since most folders hold nothing ebcheck reads.
      """,
    fix: "Make the file readable by the user running ebcheck, or exclude it in `.ebcheck.yml`.",
    fixable: false, triggering: [], nonTriggering: [])
}
