import ArgumentParser
import EBCheck
import EBCheckCore
import EBCheckRules
import EBCheckReport

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Lint a repository and simulate its health checks.",
    discussion: """
      `ebcheck check - --stdin-filename PATH` lints one file's contents read from standard \
      input as if they were at PATH inside the current directory's repository, and reports \
      the findings for that file only (for editors and pre-commit hooks).
      """)

  @Argument(
    help:
      "Repositories, subfolders or files to lint (default: the current directory); `-` reads one file from standard input."
  )
  var paths: [String] = []

  @OptionGroup var lint: LintFlags

  @Option(help: "Output format: text, json, sarif or github.")
  var format: ReportFormat = .text

  @Option(
    name: .customLong("fail-on"), help: "Lowest severity that fails the run: error or warning.")
  var failOn: FailOn = .error

  @Flag(help: "After the report, count the findings by rule (text format).")
  var statistics = false

  @Option(
    name: .customLong("output-file"), help: "Write the report to this file instead of stdout.")
  var outputFile: String?

  @Flag(
    name: [.customShort("q"), .long],
    help: "Text format: print only the findings and the summary line, no health checks.")
  var quiet = false

  @Option(
    name: .customLong("stdin-filename"),
    help: "With `-`: the path, relative to the current directory, the standard input is linted as.")
  var stdinFilename: String?

  var readsStandardInput: Bool { paths.contains("-") }

  func validate() throws {
    if readsStandardInput {
      guard paths == ["-"] else {
        throw ValidationError("`-` (standard input) cannot be combined with other paths")
      }
      guard let name = stdinFilename, !name.isEmpty else {
        throw ValidationError(
          "`-` needs --stdin-filename PATH: where the file lives in the repository")
      }
    } else if stdinFilename != nil {
      throw ValidationError("--stdin-filename only applies when the path is `-`")
    }
  }

  func run() throws {
    var exitCode: Int32 = 0
    var output = ""
    let color = format == .text && outputFile == nil && Terminal.supportsColor
    for root in paths.isEmpty ? ["."] : paths {
      let result: LintResult
      var context = ReportContext(color: color, rootName: root)
      if root == "-" {
        let workspace = try standardInputWorkspace(as: stdinFilename ?? "")
        result = workspace.lint(try lint.options(for: workspace))
        context.rootName = "."
        context.rootPath = workspace.root
        context.filesChecked = 1
      } else {
        let workspace = try Workspace.load(path: root)
        result = workspace.lint(try lint.options(for: workspace))
        // Reported paths are relative to the lint root, which may sit above `root`.
        context.rootPath = workspace.root
      }
      context.quiet = quiet
      let rules = RuleRegistry.all.map(\.description)
      var text = format.reporter(context).report(result, rules: rules)
      if statistics, format == .text {
        text += CheckStatistics.text(result, rules: rules)
      }
      if outputFile == nil {
        print(text, terminator: "")
      } else {
        output += text
      }
      if failOn.fails(result) { exitCode = 1 }
    }
    if let outputFile { try OutputFile.write(output, to: outputFile) }
    if exitCode != 0 { throw ExitCode(exitCode) }
  }

  /// The current directory's repository with one file's contents taken from stdin;
  /// findings are limited to that file.
  func standardInputWorkspace(as name: String) throws -> Workspace {
    var workspace = try Workspace.load(path: ".")
    let path = try StandardInputPath.relative(name, root: workspace.root)
    workspace.files.insert(SourceFile(path: path, bytes: try OutputFile.readStandardInput()))
    workspace.focus = path
    return workspace
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
  /// `name` (relative to the current directory, or absolute) as a path relative to `root`.
  static func relative(_ name: String, root: String) throws -> String {
    let absolute: String
    if name.hasPrefix("/") {
      absolute = name
    } else {
      guard let cwd = Terminal.absolutePath(".") else {
        throw UsageError("cannot resolve the current directory")
      }
      absolute = cwd + "/" + name
    }
    let resolved = Terminal.absolutePath(absolute) ?? normalize(absolute)
    let prefix = root == "/" ? "/" : root + "/"
    guard resolved.hasPrefix(prefix), resolved.count > prefix.count else {
      throw UsageError("--stdin-filename \(name): not inside the repository at \(root)")
    }
    return String(resolved.dropFirst(prefix.count))
  }

  /// Removes `.` and `..` components without touching the file system.
  static func normalize(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      switch part {
      case ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default: parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
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

/// Flags shared by every verb that lints.
struct LintFlags: ParsableArguments {
  @Option(name: .customLong("env"), help: "Assume an environment value, as KEY=VALUE (repeatable).")
  var environment: [String] = []

  @Option(help: "Only these rule ids or prefixes, comma separated (e.g. HC,EB001).")
  var select: String?

  @Option(help: "Skip these rule ids or prefixes, comma separated.")
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

  /// The options for a workspace: its `.ebcheck.yml` with these flags on top.
  func options(for workspace: Workspace) throws -> LintOptions {
    workspace.options(
      env: try environmentValues(), select: Self.list(select), ignore: Self.list(ignore))
  }

  func lint(path: String) throws -> LintResult {
    let workspace = try Workspace.load(path: path)
    return workspace.lint(try options(for: workspace))
  }

  static func list(_ value: String?) -> [String] {
    (value ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
  }
}
