import EBCheck
import EBCheckCore
import EBCheckRules

/// `--output-format concise`: one line per finding, `path:line:col: ID message` (as ruff's
/// concise format), then the fix availability and the summary line.
public struct ConciseReporter: Reporter {
  public var context: ReportContext

  public init(context: ReportContext = ReportContext()) { self.context = context }

  public func report(_ result: LintResult, rules: [RuleDescription]) -> String {
    let style = TextStyle(enabled: context.color)
    var out = ""
    for diagnostic in result.diagnostics.sorted(by: Diagnostic.reportOrder) {
      out += line(diagnostic, files: result.files, style: style) + "\n"
    }
    if !context.quiet, let fixes = ReportWording.fixAvailability(result) { out += fixes + "\n" }
    out += ReportWording.summary(result, files: context.fileCount(result)) + "\n"
    return out
  }

  package func line(_ diagnostic: Diagnostic, files: SourceFiles, style: TextStyle) -> String {
    let start = files.resolve(diagnostic.location).start
    let place = "\(DisplayText.sanitize(diagnostic.location.file)):\(start.line):\(start.column):"
    let message = DisplayText.sanitize(diagnostic.message).replacingOccurrences("\n", " ")
    return style.paint(place, TextStyle.bold) + " "
      + style.paint(diagnostic.rule, TextStyle.severityColor(diagnostic.severity)) + " " + message
  }
}
