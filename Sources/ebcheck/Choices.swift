import ArgumentParser
import EBCheck
import EBCheckCore
import EBCheckReport

/// What the lint flags (`--env`, `--select`, `--ignore`) asked for, as plain values: what a
/// `LintInvocation` runs with, filled in by ArgumentParser's `LintFlags` or by
/// `QuickCheckArguments` for a plain `check`.
struct LintChoices {
  var environment: [String] = []
  var select: String?
  var ignore: String?

  /// The `--env` values.
  func environmentValues() throws -> [String: String] {
    var env: [String: String] = [:]
    for pair in environment {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        throw ValidationError("--env expects KEY=VALUE, got '\(pair)'")
      }
      env[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    return env
  }

  /// `--select` and `--ignore`, each selector checked: an unknown one is a usage error.
  func selectors() throws(UsageError) -> (select: [String], ignore: [String]) {
    let select = Self.list(select)
    let ignore = Self.list(ignore)
    try RuleSelectors.validate(select, origin: "--select")
    try RuleSelectors.validate(ignore, origin: "--ignore")
    return (select, ignore)
  }

  /// The options for a workspace: its configuration with these flags on top.
  func options(for workspace: Workspace) throws -> LintOptions {
    let (select, ignore) = try selectors()
    return workspace.options(env: try environmentValues(), select: select, ignore: ignore)
  }

  static func list(_ value: String?) -> [String] {
    (value ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
  }
}

/// How the report is printed and what the exit code counts (the `ReportFlags`' values).
struct ReportChoices {
  var outputFormat: ReportFormat = .full
  var outputFile: String?
  var color: ColorChoice = .auto
  var failOn: FailOn = .error
  var exitZero = false
  var statistics = false
  var quiet = false
  var verbose = false
}

/// What to do with the fixes (the `FixFlags`' values).
struct FixChoices {
  var diff = false
  var unsafeFixes = false
  var showFixes = false
}
