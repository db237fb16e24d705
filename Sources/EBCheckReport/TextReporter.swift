import EBCheck
import EBCheckCore
import EBCheckRules

/// `--format text`: rustc/ruff-style findings with a source excerpt, then the predicted
/// health checks, then one summary line.
///
/// Line:column in headers count Unicode scalars (like `LineIndex`); the caret underline
/// is measured in terminal cells: a tab is 4 cells, East Asian wide characters 2, combining
/// marks 0. A `\r` (and any other control character) is never printed raw.
public struct TextReporter: Reporter {
  public var context: ReportContext

  public init(context: ReportContext = ReportContext()) { self.context = context }

  public func report(_ result: LintResult, rules: [RuleDescription]) -> String {
    let style = TextStyle(enabled: context.color)
    var out = ""
    for diagnostic in result.diagnostics.sorted(by: Diagnostic.reportOrder) {
      render(diagnostic, files: result.files, style: style, into: &out)
      out += "\n"
    }
    if !result.predictions.isEmpty, !context.quiet {
      for prediction in result.predictions {
        let line = DisplayText.sanitize(ReportWording.prediction(prediction))
        let color: String =
          switch prediction.healthy {
          case true?: TextStyle.green
          case false?: TextStyle.red
          case nil: TextStyle.yellow
          }
        out += style.paint(line, color) + "\n"
      }
      out += "\n"
    }
    if !context.quiet, let fixes = ReportWording.fixAvailability(result) { out += fixes + "\n" }
    let summary = ReportWording.summary(result, files: context.fileCount(result))
    let summaryColor =
      result.hasErrors
      ? TextStyle.boldRed
      : result.count(.warning) > 0 ? TextStyle.boldYellow : TextStyle.bold
    out += style.paint(summary, summaryColor) + "\n"
    return out
  }

  package func render(
    _ diagnostic: Diagnostic, files: SourceFiles, style: TextStyle, into out: inout String
  ) {
    let color = TextStyle.severityColor(diagnostic.severity)
    let file = files[diagnostic.location.file]
    let place =
      file == nil
      ? diagnostic.location.file
      : "\(diagnostic.location.file):\(files.resolve(diagnostic.location).start)"
    out += style.paint(DisplayText.sanitize(place) + ":", TextStyle.bold) + " "
    out += style.paint("\(diagnostic.severity.rawValue)[\(diagnostic.rule)]", color) + " "
    out += style.paint(DisplayText.sanitize(diagnostic.message), TextStyle.bold) + "\n"

    var gutter = 1
    if let file {
      let excerpt = Excerpt(file: file, span: diagnostic.location.span)
      gutter = String(excerpt.lineNumber).count
      let pad = String(repeating: " ", count: gutter + 1)
      let bar = style.paint("|", TextStyle.gutter)
      out += pad + bar + "\n"
      out += style.paint(String(excerpt.lineNumber), TextStyle.gutter) + " " + bar
      if !excerpt.text.isEmpty { out += " " + excerpt.text }
      out += "\n"
      let carets = String(repeating: "^", count: excerpt.caretWidth)
      out += pad + bar + " " + String(repeating: " ", count: excerpt.caretOffset)
      out += style.paint(carets, color)
      if excerpt.continues { out += " ..." }
      out += "\n"
    }
    let pad = String(repeating: " ", count: gutter + 1)
    for note in ReportWording.notes(diagnostic, files: files) {
      guard note.kind == "trace", let trace = diagnostic.trace else {
        out +=
          pad + style.paint("= \(note.kind):", TextStyle.bold) + " "
          + DisplayText.sanitize(note.text)
          + "\n"
        continue
      }
      // One hop per line, so the request's path reads top to bottom.
      let label = "= trace:"
      for (index, hop) in trace.hops.enumerated() {
        let lead =
          index == 0
          ? style.paint(label, TextStyle.bold)
          : String(repeating: " ", count: label.count - 1) + "→"
        out += pad + lead + " " + DisplayText.sanitize(ReportWording.hop(hop, files: files)) + "\n"
      }
    }
  }
}

/// The one source line shown under a finding, with where its underline goes.
/// Long lines (minified JSON configs) are cut to a window around the span with `...`.
package struct Excerpt {
  package var lineNumber: Int
  /// The line as printed: tabs expanded, control characters shown as symbols.
  package var text: String
  /// Cells before the underline and cells it covers (at least 1).
  package var caretOffset: Int
  package var caretWidth: Int
  /// The span goes on past what is underlined (next lines, or a cut long line).
  package var continues: Bool

  /// A line wider than this is cut around the span.
  package static let maxWidth = 120
  package static let contextBefore = 40
  package static let contextAfter = 30
  package static let maxMarked = 60

  package init(file: SourceFile, span: Span) {
    let index = file.lineIndex
    let start = file.location(of: span.start)
    let end = file.location(of: span.end)
    let lastLine = end.column == 1 && end.line > start.line ? end.line - 1 : end.line
    let content = index.lineContentRange(line: start.line)
    let from = min(max(span.start, content.lowerBound), content.upperBound)
    let to =
      lastLine > start.line ? content.upperBound : min(max(span.end, from), content.upperBound)
    let bytes = file.bytes
    var before = DisplayText(bytes[content.lowerBound..<from])
    var marked = DisplayText(bytes[from..<to])
    var after = DisplayText(bytes[to..<content.upperBound])
    continues = lastLine > start.line
    if before.width + marked.width + after.width > Self.maxWidth {
      if before.width > Self.contextBefore + 10 {
        before = DisplayText(ellipsis: true) + before.suffix(cells: Self.contextBefore)
      }
      if marked.width > Self.maxMarked {
        marked = marked.prefix(cells: Self.maxMarked)
        after = DisplayText(ellipsis: true)
        continues = true
      } else if after.width > Self.contextAfter + 10 {
        after = after.prefix(cells: Self.contextAfter) + DisplayText(ellipsis: true)
      }
    }
    lineNumber = start.line
    text = before.text + marked.text + after.text
    while text.last == " " { text.removeLast() }
    caretOffset = before.width
    caretWidth = max(1, marked.width)
  }
}

/// Bytes of one line made printable, with their width in terminal cells.
package struct DisplayText {
  /// What each source scalar prints as, and how many cells it takes.
  private(set) var glyphs: [(text: String, cells: Int)] = []
  private(set) var width = 0

  package static let tabWidth = 4

  /// A plain loop: the generic `joined()` over a lazy map makes the runtime build metadata
  /// for its types on first use, about 100,000 instructions of a one-finding report.
  package var text: String {
    var text = ""
    for glyph in glyphs { text += glyph.text }
    return text
  }

  package init() {}

  package init(ellipsis: Bool) { append("...", cells: 3) }

  package init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
      if scalar.value == 0x09 {
        append(String(repeating: " ", count: Self.tabWidth), cells: Self.tabWidth)
      } else if scalar.value != 0xFEFF {
        let visible = Self.visible(scalar)
        append(String(visible), cells: Self.cells(visible))
      }
    }
  }

  private mutating func append(_ text: String, cells: Int) {
    glyphs.append((text, cells))
    width += cells
  }

  package static func + (lhs: DisplayText, rhs: DisplayText) -> DisplayText {
    var result = lhs
    for glyph in rhs.glyphs { result.append(glyph.text, cells: glyph.cells) }
    return result
  }

  /// The leading glyphs that fit in `cells`.
  package func prefix(cells: Int) -> DisplayText {
    var result = DisplayText()
    for glyph in glyphs {
      guard result.width + glyph.cells <= cells else { break }
      result.append(glyph.text, cells: glyph.cells)
    }
    return result
  }

  /// The trailing glyphs that fit in `cells`.
  package func suffix(cells: Int) -> DisplayText {
    var taken = 0
    var start = glyphs.endIndex
    while start > glyphs.startIndex, taken + glyphs[start - 1].cells <= cells {
      start -= 1
      taken += glyphs[start].cells
    }
    var result = DisplayText()
    for glyph in glyphs[start...] { result.append(glyph.text, cells: glyph.cells) }
    return result
  }

  /// A control character as its U+2400 picture (`\r` → ␍, ESC → ␛, DEL → ␡); C1 controls
  /// as U+FFFD. A repository's bytes never reach the terminal as control sequences.
  package static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value)!
    case 0x7F: "\u{2421}"
    case 0x80..<0xA0: "\u{FFFD}"
    default: scalar
    }
  }

  /// Text from a diagnostic (message, label, help) made safe for a terminal: control
  /// characters other than newline shown as pictures, tabs kept.
  package static func sanitize(_ text: String) -> String {
    guard
      text.unicodeScalars.contains(where: {
        ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F..<0xA0).contains($0.value)
      })
    else {
      return text
    }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      out.append(scalar == "\n" || scalar == "\t" ? scalar : visible(scalar))
    }
    return String(out)
  }

  /// Terminal cells a printable scalar takes.
  package static func cells(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    return isWide(scalar.value) ? 2 : 1
  }

  /// East Asian Wide and Fullwidth ranges (Hangul, CJK, kana, fullwidth forms, emoji).
  package static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
      0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
      0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
      0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
      0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
      0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
      0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
      0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF,
      0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}

/// ANSI styling that disappears when colors are off.
package struct TextStyle {
  package var enabled: Bool

  package static let reset = "\u{1B}[0m"
  package static let bold = "\u{1B}[1m"
  package static let red = "\u{1B}[31m"
  package static let green = "\u{1B}[32m"
  package static let yellow = "\u{1B}[33m"
  package static let boldRed = "\u{1B}[1;31m"
  package static let boldYellow = "\u{1B}[1;33m"
  package static let boldBlue = "\u{1B}[1;34m"
  package static let gutter = boldBlue

  package static func severityColor(_ severity: Severity) -> String {
    switch severity {
    case .error: boldRed
    case .warning: boldYellow
    case .info: boldBlue
    }
  }

  package func paint(_ text: String, _ code: String) -> String {
    enabled ? code + text + Self.reset : text
  }
}
