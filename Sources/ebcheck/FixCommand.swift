import ArgumentParser
import EBCheck
import EBCheckCore

struct FixCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fix", abstract: "Print or apply the fixes for the findings.")

  @Argument(help: "Repository to fix (default: the current directory).")
  var path: String = "."

  @Flag(help: "Print a unified diff that `git apply` accepts.") var diff = false
  @Flag(help: "Apply the fixes in place.") var write = false
  @Flag(name: .customLong("unsafe-fixes"), help: "Also apply fixes marked unsafe.")
  var unsafeFixes = false

  @OptionGroup var lint: LintFlags

  func validate() throws {
    guard diff != write else { throw ValidationError("choose exactly one of --diff or --write") }
  }

  func run() throws {
    let workspace = try Workspace.load(path: path)
    let outcome = FixSession.run(
      workspace.files, options: try lint.options(for: workspace), includeUnsafe: unsafeFixes)
    let paths = outcome.changed.keys.sorted()
    if diff {
      for path in paths {
        let old = outcome.created.contains(path) ? nil : workspace.files[path]?.bytes
        print(UnifiedDiff.make(path: path, old: old, new: outcome.changed[path]!), terminator: "")
      }
    } else {
      let writer = FileWriter(root: workspace.root)
      for path in paths { try writer.write(outcome.changed[path]!, to: path) }
    }
    printError(summary(outcome, changedFiles: paths.count))
    if outcome.remaining.hasErrors { throw ExitCode(1) }
  }

  func summary(_ outcome: FixOutcome, changedFiles: Int) -> String {
    var lines: [String] = []
    for title in outcome.applied { lines.append("fixed: \(title)") }
    let verb = write ? "changed" : "would change"
    lines.append(
      "\(outcome.applied.count) fix\(outcome.applied.count == 1 ? "" : "es") applied, \(changedFiles) file\(changedFiles == 1 ? "" : "s") \(verb)"
    )
    let remaining = outcome.remaining.diagnostics
    if !remaining.isEmpty {
      lines.append("remaining:")
      for diagnostic in remaining {
        let position = outcome.remaining.files[diagnostic.location.file]?.location(
          of: diagnostic.location.span.start)
        lines.append(
          "  \(diagnostic.location.file):\(position?.description ?? "1:1"): \(diagnostic.severity.rawValue)[\(diagnostic.rule)] \(diagnostic.message)"
        )
      }
    }
    return lines.joined(separator: "\n")
  }
}
