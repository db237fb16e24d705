import ArgumentParser
import EBCheck

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Lint a repository and simulate its health checks.")

  @Argument(help: "Repositories, subfolders or files to lint (default: the current directory).")
  var paths: [String] = []

  @OptionGroup var lint: LintFlags

  @Option(help: "Output format: text, json, sarif or github.")
  var format: ReportFormat = .text

  @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error or warning.")
  var failOn: FailOn = .error

  func run() throws {
    let roots = paths.isEmpty ? ["."] : paths
    var exitCode: Int32 = 0
    for root in roots {
      let result = try lint.lint(path: root)
      let context = ReportContext(
        color: format == .text && Terminal.supportsColor, rootName: root,
        rootPath: Terminal.absolutePath(root))
      let output = format.reporter(context).report(
        result, rules: RuleRegistry.all.map(\.description))
      print(output, terminator: "")
      if failOn.fails(result) { exitCode = 1 }
    }
    if exitCode != 0 { throw ExitCode(exitCode) }
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
