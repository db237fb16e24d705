import ArgumentParser
import EBCheck
import EBCheckCore
import EBCheckReport
import EBCheckRules

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Lint a repository and simulate its health checks.",
    discussion: """
      Every path is linted and reported in one document; paths are shown relative to the \
      current directory (SARIF URIs relative to the repository root). `ebcheck check - \
      --stdin-filename PATH` lints one file's contents read from standard input as if they \
      were at PATH inside the current directory's repository, and reports the findings that \
      file decides (for editors and pre-commit hooks).
      """)

  @Argument(
    help:
      "Repositories, subfolders or files to lint (default: the current directory); `-` reads one file from standard input."
  )
  var paths: [String] = []

  @OptionGroup var lint: LintFlags
  @OptionGroup var configFlags: ConfigFlags
  @OptionGroup var report: ReportFlags

  @Flag(help: "Apply the safe fixes, as `ebcheck fix` does.") var fix = false
  @OptionGroup var fixFlags: FixFlags

  @Flag(
    name: .customLong("show-settings"),
    help: "Print ebcheck's effective settings for each path and where each came from, then exit.")
  var showSettings = false

  @Option(
    name: .customLong("stdin-filename"),
    help: "With `-`: the path, relative to the current directory, the standard input is linted as.")
  var stdinFilename: String?

  func validate() throws {
    if paths.contains("-") {
      guard paths == ["-"] else {
        throw ValidationError("`-` (standard input) cannot be combined with other paths")
      }
      guard let name = stdinFilename, !name.isEmpty else {
        throw ValidationError(
          "`-` needs --stdin-filename PATH: where the file lives in the repository")
      }
      if fix || fixFlags.diff {
        throw ValidationError("fixes are written to the repository: `-` cannot be fixed")
      }
    } else if stdinFilename != nil {
      throw ValidationError("--stdin-filename only applies when the path is `-`")
    }
  }

  func run() throws {
    let mode: LintInvocation.Mode = fixFlags.diff ? .diff : fix ? .fix : .check
    try LintInvocation(
      paths: paths, lint: lint.choices, config: configFlags.choice, report: report.choices,
      fix: fixFlags.choices, mode: mode,
      stdinFilename: paths == ["-"] ? stdinFilename : nil, showSettings: showSettings
    ).run()
  }
}

/// `--statistics`: how many findings each rule produced, most first.
enum CheckStatistics {
  static func text(_ result: LintResult, rules: [RuleDescription]) -> String {
    var counts: [String: Int] = [:]
    for diagnostic in result.diagnostics { counts[diagnostic.rule, default: 0] += 1 }
    guard !counts.isEmpty else { return "" }
    let order = Dictionary(
      rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first }
    )
    let ids = counts.keys.sorted {
      counts[$0]! != counts[$1]!
        ? counts[$0]! > counts[$1]! : (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1)
    }
    let width = String(counts.values.max() ?? 0).count
    let byId = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var out = "\nstatistics:\n"
    for id in ids {
      let count = String(counts[id]!)
      out += String(repeating: " ", count: width - count.count) + count + "  " + id
      if let rule = byId[id] { out += "  \(rule.severity.rawValue)  \(rule.name)" }
      out += "\n"
    }
    return out
  }
}

/// Where a `--stdin-filename` lives inside the lint root.
enum StandardInputPath {
  /// `name` (relative to `currentDirectory`, or absolute) as a path relative to `root`.
  static func relative(_ name: String, root: String, currentDirectory: String) throws -> String {
    let absolute = RelativePath.join(currentDirectory, name)
    let resolved = Terminal.absolutePath(absolute) ?? absolute
    let prefix = root == "/" ? "/" : root + "/"
    guard resolved.hasPrefix(prefix), resolved.count > prefix.count else {
      throw UsageError("--stdin-filename \(name): not inside the repository at \(root)")
    }
    return String(resolved.dropFirst(prefix.count))
  }
}
