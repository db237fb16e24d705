import EBCheck
import EBCheckCore
import EBCheckRules
import EBCheckSimulation

/// Turns the outcome of a lint run into the text one output format prints.
///
/// Reporters are pure: the same result and rules always give the same bytes, so their
/// output can be compared with golden files. The CLI writes the string to stdout.
public protocol Reporter: Sendable {
  func report(_ result: LintResult, rules: [RuleDescription]) -> String
}

/// What a reporter needs to know beyond the result itself.
public struct ReportContext: Sendable, Hashable {
  /// Emit ANSI colors (`full` and `concise`). The CLI decides from `--color`, the terminal
  /// and `NO_COLOR`.
  public var color: Bool
  /// Where paths are relative to: the result's paths are relative to the current directory;
  /// SARIF turns them into URIs relative to the repository root. nil: paths as they are.
  public var bases: PathBases?
  /// Files checked, for the summary line; nil means `result.files.count`.
  public var filesChecked: Int?
  public var version: String
  /// `full` and `concise`: only the findings and the summary line (`check --quiet`).
  public var quiet: Bool = false

  public init(
    color: Bool = false, bases: PathBases? = nil, filesChecked: Int? = nil,
    version: String = EBCheckVersion.current
  ) {
    self.color = color
    self.bases = bases
    self.filesChecked = filesChecked
    self.version = version
  }

  package func fileCount(_ result: LintResult) -> Int { filesChecked ?? result.files.count }
}

/// The `--output-format` of `ebcheck check` (`--format` is its alias).
public enum ReportFormat: String, CaseIterable, Sendable, Hashable {
  /// Findings with their source line, notes and trace, then the health checks and a summary.
  case full
  /// One line per finding, `path:line:col: ID message`, then the summary.
  case concise
  case json
  case sarif
  case github

  /// A format by name; `text` is the 0.1 name of `full`.
  public init?(name: String) {
    if name == "text" {
      self = .full
    } else {
      self.init(rawValue: name)
    }
  }

  /// Human-readable formats: colors apply, `--statistics` and `--quiet` change them.
  public var isText: Bool { self == .full || self == .concise }

  public func reporter(_ context: ReportContext = ReportContext()) -> any Reporter {
    switch self {
    case .full: TextReporter(context: context)
    case .concise: ConciseReporter(context: context)
    case .json: JSONReporter(context: context)
    case .sarif: SARIFReporter(context: context)
    case .github: GitHubReporter(context: context)
    }
  }
}

/// A location turned into 1-based line/column positions; `end` is exclusive,
/// like the span it comes from (SARIF's `endColumn` and the JSON contract agree).
package struct ResolvedRange: Hashable, Sendable {
  package var start: LineColumn
  package var end: LineColumn
}

extension SourceFiles {
  /// Line/column of a location; a location in a file the run did not read resolves to 1:1.
  package func resolve(_ location: Location) -> ResolvedRange {
    guard let file = self[location.file] else {
      let origin = LineColumn(line: 1, column: 1)
      return ResolvedRange(start: origin, end: origin)
    }
    return ResolvedRange(
      start: file.location(of: location.span.start), end: file.location(of: location.span.end))
  }

  /// `file:line:column` of a location's start (just `file` when the file was not read).
  package func describe(_ location: Location) -> String {
    guard self[location.file] != nil else { return location.file }
    return "\(location.file):\(resolve(location).start)"
  }

  /// `file:line` of a location's start, as trace hops print it.
  package func describeLine(_ location: Location) -> String {
    guard self[location.file] != nil else { return location.file }
    return "\(location.file):\(resolve(location).start.line)"
  }
}

/// Wording shared by the text and GitHub reporters.
package enum ReportWording {
  package static func plural(_ count: Int, _ singular: String, _ plural: String) -> String {
    "\(count) \(count == 1 ? singular : plural)"
  }

  /// `2 errors, 1 warning, 1 info in 14 files` or `No problems in 14 files`.
  /// Info findings are counted as `N info` (the severity's own name, as in JSON and
  /// `--fail-on`); they are not problems, but they are listed so nothing is hidden.
  package static func summary(_ result: LintResult, files: Int) -> String {
    let errors = result.count(.error)
    let warnings = result.count(.warning)
    let infos = result.count(.info)
    var parts: [String] = []
    if errors > 0 { parts.append(plural(errors, "error", "errors")) }
    if warnings > 0 { parts.append(plural(warnings, "warning", "warnings")) }
    if infos > 0 { parts.append("\(infos) info") }
    let scope = plural(files, "file", "files")
    if parts.isEmpty { return "No problems in \(scope)" }
    return parts.joined(separator: ", ") + " in \(scope)"
  }

  /// `2 fixable with `ebcheck fix` (1 more with `--unsafe-fixes`)`, nil when nothing is.
  package static func fixAvailability(_ result: LintResult) -> String? {
    var safe = 0
    var unsafe = 0
    for diagnostic in result.diagnostics where JSONReporter.isFixable(diagnostic) {
      if diagnostic.fix?.applicability == .safe { safe += 1 } else { unsafe += 1 }
    }
    switch (safe, unsafe) {
    case (0, 0): return nil
    case (_, 0): return "\(safe) fixable with `ebcheck fix`"
    case (0, _): return "\(unsafe) fixable with `ebcheck fix --unsafe-fixes`"
    default: return "\(safe) fixable with `ebcheck fix` (\(unsafe) more with `--unsafe-fixes`)"
    }
  }

  /// One hop as `step: detail (file:line)`.
  package static func hop(_ hop: TraceHop, files: SourceFiles) -> String {
    var text = hop.step
    if !hop.detail.isEmpty { text += ": \(hop.detail)" }
    if let location = hop.location { text += " (\(files.describeLine(location)))" }
    return text
  }

  package static func trace(_ trace: Trace, files: SourceFiles) -> String {
    trace.hops.map { hop($0, files: files) }.joined(separator: " → ")
  }

  package static func fix(_ fix: Fix) -> String {
    let reason = fix.reason.map { ": \($0)" } ?? ""
    return switch fix.applicability {
    case .safe: "fix available: \(fix.title) (safe: `ebcheck fix`)\(reason)"
    case .unsafe: "fix available: \(fix.title) (unsafe: `ebcheck fix --unsafe-fixes`)\(reason)"
    case .display: "suggested fix: \(fix.title) (apply by hand)\(reason)"
    }
  }

  /// The `= kind: text` lines under a finding: related locations, trace, help, fix.
  package static func notes(_ diagnostic: Diagnostic, files: SourceFiles) -> [(
    kind: String, text: String
  )] {
    var notes: [(kind: String, text: String)] = []
    for related in diagnostic.related {
      let place = files.describe(related.location)
      notes.append(("note", related.label.isEmpty ? place : "\(related.label): \(place)"))
    }
    if let trace = diagnostic.trace, !trace.hops.isEmpty {
      notes.append(("trace", Self.trace(trace, files: files)))
    }
    if let help = diagnostic.help { notes.append(("help", help)) }
    if let fix = diagnostic.fix { notes.append(("help", Self.fix(fix))) }
    for alternative in diagnostic.alternatives {
      notes.append(
        ("help", "alternative (\(alternative.applicability.rawValue)): \(alternative.title)"))
    }
    return notes
  }

  /// `health check prod/default: GET /health/ → 400 (unhealthy)`.
  package static func prediction(_ prediction: HealthCheckPrediction) -> String {
    let name = "\(prediction.environment.name)/\(prediction.process)"
    if prediction.loadBalancer == .none {
      return "health check \(name): single instance, no load balancer health check"
    }
    let request: String
    switch prediction.protocol.uppercased() {
    case "TCP": request = "TCP :\(prediction.port)"
    case "HTTPS": request = "HTTPS GET \(prediction.path ?? "/")"
    default: request = "GET \(prediction.path ?? "/")"
    }
    return "health check \(name): \(request) → \(outcome(prediction))"
  }

  package static func outcome(_ prediction: HealthCheckPrediction) -> String {
    if case .conditional(let outcomes) = prediction.verdict {
      return outcomes.map { outcome in
        let status = outcome.answer
        let health = outcome.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "unverifiable"
        return "\(outcome.condition): \(status) (\(health))"
      }.joined(separator: "; ")
    }
    if prediction.armOutcomes.count == 2 {
      return prediction.armOutcomes.map { outcome in
        let status = outcome.answer
        let health = outcome.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "unverifiable"
        return "\(status) (\(health)) \(outcome.condition)"
      }.joined(separator: "; ")
    }
    let health: String =
      switch prediction.healthy {
      case true?: "healthy"
      case false?: "unhealthy"
      case nil: "unverifiable"
      }
    guard let status = prediction.status else { return health }
    return "\(status) (\(health))"
  }
}
