import ArgumentParser
import EBCheck
import EBCheckCore
import EBCheckReport
import EBCheckRules

/// One `check` or `fix` run: loads every path, then reports, diffs or writes, and maps the
/// outcome onto the exit code (0 clean, 1 findings at `--fail-on` or a non-empty `--diff`).
struct LintInvocation {
  enum Mode { case check, fix, diff }

  var paths: [String]
  var lint: LintChoices
  var config: ConfigChoice
  var report: ReportChoices
  var fix: FixChoices
  var mode: Mode
  var stdinFilename: String?
  var showSettings: Bool

  func run() throws {
    let bases = RepositoryRoot.bases(currentDirectory: try RepositoryRoot.currentDirectory())
    let (select, ignore) = try lint.selectors()
    let env = try lint.environmentValues()
    let given = paths.isEmpty ? ["."] : paths
    var workspaces: [Workspace] = []
    if let stdinFilename {
      workspaces.append(try standardInputWorkspace(as: stdinFilename, bases: bases))
    } else {
      for path in given {
        workspaces.append(try Workspace.load(path: path, bases: bases, config: config))
      }
    }
    if report.verbose {
      for (path, workspace) in zip(given, workspaces) {
        printError(Self.verboseLines(path, workspace, bases: bases))
      }
    }
    if showSettings {
      let overrides = EffectiveSettings.Overrides(select: select, ignore: ignore, env: env)
      var out = ""
      for (index, (path, workspace)) in zip(given, workspaces).enumerated() {
        if index > 0 { out += "\n" }
        out +=
          EffectiveSettings(
            path: path, workspace: workspace, overrides: overrides, bases: bases,
            extra: commandLineRows()
          ).text
      }
      print(out, terminator: "")
      return
    }
    for (path, workspace) in zip(given, workspaces) {
      try workspace.requireSomethingToLint(name: stdinFilename ?? path)
    }
    let options = workspaces.map { $0.options(env: env, select: select, ignore: ignore) }
    switch mode {
    case .check:
      let run = CheckRun.lint(workspaces, options: options, bases: bases)
      var extra = ""
      if fix.showFixes { extra = Self.availableFixes(run.result) }
      try emit(run, extra: extra, bases: bases)
      if !report.exitZero, report.failOn.fails(run.result) { throw ExitCode(1) }
    case .diff:
      let plan = FixRun.plan(workspaces, options: options, includeUnsafe: fix.unsafeFixes)
      let patch = try plan.diff(bases: bases)
      OutputFile.writeStandardOutput(patch)
      printError(Self.fixSummary(plan, wrote: false, showFixes: fix.showFixes, bases: bases))
      if !report.exitZero, !patch.isEmpty { throw ExitCode(1) }
    case .fix:
      let plan = FixRun.plan(workspaces, options: options, includeUnsafe: fix.unsafeFixes)
      let removed = try plan.write()
      if report.verbose, !removed.isEmpty {
        printError("ebcheck: removed \(removed.count) temporary file(s) an interrupted fix left")
      }
      let results = zip(workspaces, options).map { workspace, options in
        (plan.fixed(workspace), plan.remaining(workspace) ?? workspace.lint(options))
      }
      let run = CheckRun.merge(results, bases: bases)
      try emit(run, extra: "", bases: bases)
      printError(Self.fixSummary(plan, wrote: true, showFixes: fix.showFixes, bases: bases))
      if !report.exitZero, report.failOn.fails(run.result) { throw ExitCode(1) }
    }
  }

  /// Prints (or writes to `--output-file`) the report of `run`.
  func emit(_ run: CheckRun, extra: String, bases: PathBases) throws {
    let format = report.outputFormat
    var context = ReportContext(
      color: format.isText && report.color.enabled(writingToFile: report.outputFile != nil),
      bases: bases, filesChecked: stdinFilename == nil ? run.filesChecked : 1)
    context.quiet = report.quiet
    let rules = RuleRegistry.all.map(\.description)
    var text = format.reporter(context).report(run.result, rules: rules)
    if format.isText {
      if report.statistics { text += CheckStatistics.text(run.result, rules: rules) }
      text += extra
    }
    if let outputFile = report.outputFile {
      try OutputFile.write(text, to: outputFile)
    } else {
      print(text, terminator: "")
    }
  }

  /// The current directory's repository with one file's contents taken from stdin;
  /// the findings reported are those that file decides.
  func standardInputWorkspace(as name: String, bases: PathBases) throws -> Workspace {
    var workspace = try Workspace.load(
      path: bases.currentDirectory, bases: bases, config: config)
    let path = try StandardInputPath.relative(
      name, root: workspace.root, currentDirectory: bases.currentDirectory)
    workspace.files.insert(
      Discovery.sourceFile(path: path, bytes: try OutputFile.readStandardInput()))
    workspace.focus = path
    workspace.focusIsFile = true
    return workspace
  }

  /// Settings of the command line only, for `--show-settings`.
  func commandLineRows() -> [EffectiveSettings.Row] {
    let origin = { (changed: Bool, flag: String) in changed ? flag : "default" }
    return [
      EffectiveSettings.Row(
        key: "output-format", value: report.outputFormat.rawValue,
        origin: origin(report.outputFormat != .full, "--output-format")),
      EffectiveSettings.Row(
        key: "fail-on", value: report.failOn.rawValue,
        origin: origin(report.failOn != .error, "--fail-on")),
      EffectiveSettings.Row(
        key: "exit-zero", value: String(report.exitZero),
        origin: origin(report.exitZero, "--exit-zero")),
      EffectiveSettings.Row(
        key: "color", value: report.color.rawValue, origin: origin(report.color != .auto, "--color")
      ),
      EffectiveSettings.Row(
        key: "unsafe-fixes", value: String(fix.unsafeFixes),
        origin: origin(fix.unsafeFixes, "--unsafe-fixes")),
    ]
  }

  static func verboseLines(_ path: String, _ workspace: Workspace, bases: PathBases) -> String {
    var lines = [
      "ebcheck: \(path): lint root \(bases.display(workspace.root)), repository root \(bases.display(bases.repositoryRoot))",
      "ebcheck: \(path): configuration \(EffectiveSettings.describe(workspace.configuration, bases: bases))",
    ]
    for (folder, own) in workspace.folderConfigurations.sorted(by: { $0.key < $1.key }) {
      let shown = bases.display(RelativePath.join(workspace.root, folder))
      lines.append(
        "ebcheck: \(path): \(shown) uses \(own.config.file?.name ?? "") (nearer to that application folder)"
      )
    }
    return lines.joined(separator: "\n")
  }

  /// `--show-fixes` without fixing: what `ebcheck fix` would apply.
  static func availableFixes(_ result: LintResult) -> String {
    let fixable = result.diagnostics.filter {
      guard let fix = $0.fix, !fix.edits.isEmpty else { return false }
      return fix.applicability != .display
    }
    guard !fixable.isEmpty else { return "\nno fixes available\n" }
    var out = "\nfixes available:\n"
    for diagnostic in fixable {
      let fix = diagnostic.fix!
      let line = result.files[diagnostic.location.file]?.location(
        of: diagnostic.location.span.start)
      out += "  \(diagnostic.location.file):\(line?.line ?? 1): \(diagnostic.rule) \(fix.title)"
      out += fix.applicability == .unsafe ? " (with --unsafe-fixes)\n" : "\n"
    }
    return out
  }

  /// `Fixed 2 findings (3 files changed).`, with each fix listed under `--show-fixes`.
  static func fixSummary(_ plan: FixRun, wrote: Bool, showFixes: Bool, bases: PathBases) -> String {
    let count = plan.applied.count
    let files = plan.changedFileCount
    let findings = "\(count) finding\(count == 1 ? "" : "s")"
    let changed = "\(files) file\(files == 1 ? "" : "s")"
    var lines = [
      wrote
        ? "Fixed \(findings) (\(changed) changed)."
        : "Would fix \(findings) (\(changed) to change)."
    ]
    if showFixes {
      for root in plan.roots {
        let display = bases.displayer(root: root.workspace.root)
        for fix in root.outcome.applied {
          let touched = fix.files.map(display).joined(separator: ", ")
          lines.append("  \(fix.rule) \(fix.title) [\(touched)]")
        }
      }
    }
    return lines.joined(separator: "\n")
  }
}
