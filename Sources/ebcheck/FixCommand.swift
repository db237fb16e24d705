import ArgumentParser
import EBCheck
import EBCheckCore

struct FixCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fix",
    abstract: "Apply the safe fixes (all files or none), then report what remains.",
    discussion: """
      Like `ruff check --fix`: the fixes of the findings `ebcheck check` reports for the same \
      paths are applied until nothing changes, every file is written or none is, and the \
      remaining findings are reported (exit 1 when they reach --fail-on). `--diff` writes \
      nothing and prints the patch instead, relative to the repository root so `git apply` \
      accepts it; it exits 1 when the patch is not empty.
      """)

  @Argument(help: "Repositories, subfolders or files to fix (default: the current directory).")
  var paths: [String] = []

  @OptionGroup var fixFlags: FixFlags
  @Flag(help: "Apply the fixes in place (the default; kept from 0.1).") var write = false

  @OptionGroup var lint: LintFlags
  @OptionGroup var configFlags: ConfigFlags
  @OptionGroup var report: ReportFlags

  func validate() throws {
    if write, fixFlags.diff {
      throw ValidationError("--write applies the fixes and --diff only prints them; choose one")
    }
    if paths.contains("-") {
      throw ValidationError("fixes are written to the repository: `-` cannot be fixed")
    }
  }

  func run() throws {
    try LintInvocation(
      paths: paths, lint: lint.choices, config: configFlags.choice, report: report.choices,
      fix: fixFlags.choices,
      mode: fixFlags.diff ? .diff : .fix, stdinFilename: nil, showSettings: false
    ).run()
  }
}
