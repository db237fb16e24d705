import EBCheckCore
import EBCheckRules
import EBCheck

/// `--format github`: GitHub Actions workflow commands, one annotation per finding,
/// then the predicted health checks and the summary as plain lines.
///
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=HC001::message`; `warning` and
/// `notice` for the other severities. The message carries the notes the text format prints
/// (related locations, trace, help) on following lines. Control characters from the
/// repository are shown as U+2400 pictures, as in the text format.
public struct GitHubReporter: Reporter {
  public var context: ReportContext

  public init(context: ReportContext = ReportContext()) { self.context = context }

  public func report(_ result: LintResult, rules: [RuleDescription]) -> String {
    var out = ""
    for diagnostic in result.diagnostics.sorted(by: Diagnostic.reportOrder) {
      out += annotation(diagnostic, files: result.files) + "\n"
    }
    for prediction in result.predictions {
      out += ReportWording.prediction(prediction) + "\n"
    }
    out += ReportWording.summary(result, files: context.fileCount(result)) + "\n"
    return out
  }

  package static func command(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "notice"
    }
  }

  package func annotation(_ diagnostic: Diagnostic, files: SourceFiles) -> String {
    var properties = [("file", diagnostic.location.file)]
    if files[diagnostic.location.file] != nil {
      let range = files.resolve(diagnostic.location)
      properties += [
        ("line", String(range.start.line)), ("col", String(range.start.column)),
        ("endLine", String(range.end.line)), ("endColumn", String(range.end.column)),
      ]
    }
    properties.append(("title", diagnostic.rule))
    let list = properties.map { "\($0.0)=\(Self.escapeProperty(DisplayText.sanitize($0.1)))" }
      .joined(separator: ",")
    var lines = [diagnostic.message]
    for note in ReportWording.notes(diagnostic, files: files) {
      lines.append("\(note.kind): \(note.text)")
    }
    let message = Self.escapeData(DisplayText.sanitize(lines.joined(separator: "\n")))
    return "::\(Self.command(diagnostic.severity)) \(list)::\(message)"
  }

  /// Message data: `%`, `\r` and `\n` are percent-encoded.
  package static func escapeData(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Property values: as data, plus `:` and `,`.
  package static func escapeProperty(_ text: String) -> String {
    var out = ""
    for scalar in escapeData(text).unicodeScalars {
      switch scalar {
      case ":": out += "%3A"
      case ",": out += "%2C"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
