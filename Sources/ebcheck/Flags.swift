import ArgumentParser
import EBCheck
import EBCheckCore
import EBCheckReport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Flags shared by every verb that lints.
struct LintFlags: ParsableArguments {
  @Option(name: .customLong("env"), help: "Assume an environment value, as KEY=VALUE (repeatable).")
  var environment: [String] = []

  @Option(
    help: "Only these rule ids or prefixes, comma separated (e.g. HC,EB001; ALL for every rule).")
  var select: String?

  @Option(help: "Skip these rule ids or prefixes, comma separated.")
  var ignore: String?

  var choices: LintChoices {
    LintChoices(environment: environment, select: select, ignore: ignore)
  }

  /// The options for a workspace: its configuration with these flags on top.
  func options(for workspace: Workspace) throws -> LintOptions {
    try choices.options(for: workspace)
  }
}

/// Which configuration file a run uses.
struct ConfigFlags: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Use this configuration file for every path, searching none.",
      discussion:
        "A .ebcheck.yml, a pyproject.toml with [tool.ebcheck], or a .toml file of ebcheck settings.",
      valueName: "file"))
  var config: String?

  @Flag(help: "Ignore every configuration file (.ebcheck.yml, pyproject.toml).")
  var isolated = false

  var choice: ConfigChoice {
    if isolated { return .isolated }
    if let config { return .file(config) }
    return .discover
  }

  func validate() throws {
    if isolated, config != nil {
      throw ValidationError("--isolated and --config contradict each other; choose one")
    }
  }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never

  /// `auto`: only on a terminal, never with `NO_COLOR` (https://no-color.org) or into a file.
  func enabled(writingToFile: Bool) -> Bool {
    switch self {
    case .always: true
    case .never: false
    case .auto: !writingToFile && isatty(1) == 1 && getenv("NO_COLOR") == nil
    }
  }
}

extension ReportFormat: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }

  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// How the report is printed and what the exit code counts.
struct ReportFlags: ParsableArguments {
  @Option(
    name: [.customLong("output-format"), .customLong("format")],
    help:
      "Output format: full, concise, json, sarif or github (`--format` and `text` are the 0.1 names)."
  )
  var outputFormat: ReportFormat = .full

  @Option(
    name: .customLong("output-file"), help: "Write the report to this file instead of stdout.")
  var outputFile: String?

  @Option(help: "Colors in the full and concise formats: auto, always or never.")
  var color: ColorChoice = .auto

  @Option(
    name: .customLong("fail-on"), help: "Lowest severity that fails the run: error or warning.")
  var failOn: FailOn = .error

  @Flag(
    name: .customLong("exit-zero"),
    help: "Exit 0 even when findings reach --fail-on (usage and I/O errors still exit 2).")
  var exitZero = false

  @Flag(help: "After the report, count the findings by rule (full and concise formats).")
  var statistics = false

  @Flag(
    name: [.customShort("q"), .long],
    help: "Full and concise formats: print only the findings and the summary line.")
  var quiet = false

  @Flag(
    name: [.customShort("v"), .long], help: "Say on stderr which configuration each path uses.")
  var verbose = false

  var choices: ReportChoices {
    ReportChoices(
      outputFormat: outputFormat, outputFile: outputFile, color: color, failOn: failOn,
      exitZero: exitZero, statistics: statistics, quiet: quiet, verbose: verbose)
  }
}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
  case error
  case warning

  func fails(_ result: LintResult) -> Bool {
    switch self {
    case .error: result.diagnostics.contains { $0.severity == .error }
    case .warning: result.diagnostics.contains { $0.severity >= .warning }
    }
  }
}

/// What to do with the fixes.
struct FixFlags: ParsableArguments {
  @Flag(
    help:
      "Print the fixes as a unified diff (`git apply` accepts it) instead of writing them; exit 1 when it is not empty."
  )
  var diff = false

  @Flag(name: .customLong("unsafe-fixes"), help: "Also apply fixes marked unsafe.")
  var unsafeFixes = false

  @Flag(
    name: .customLong("show-fixes"), help: "List every fix applied (or, without fixing, available)."
  )
  var showFixes = false

  var choices: FixChoices {
    FixChoices(diff: diff, unsafeFixes: unsafeFixes, showFixes: showFixes)
  }
}
