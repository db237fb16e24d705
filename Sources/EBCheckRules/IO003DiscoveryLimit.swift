import EBCheckCore

/// IO003: discovery stopped at one of its limits (file count, folder depth).
public struct DiscoveryLimitRule: DiscoveryProblemRule {
  public init() {}

  public let problem = ReaderProblem.discoveryLimit

  public let description = RuleDescription(
    id: ReaderProblem.discoveryLimit.id, name: "discovery-limit", severity: .warning,
    summary: "Discovery reached a limit (number of files, folder depth) and read no further.",
    rationale: """
      The limits keep a run fast and bounded on any tree (a vendored dependency folder, a \
      link loop). Files past a limit are not read, so what they set is not in the model.
      """,
    fix: "Lint the application folder itself, or exclude the large folders in `.ebcheck.yml`.",
    fixable: false, triggering: [], nonTriggering: [])
}
