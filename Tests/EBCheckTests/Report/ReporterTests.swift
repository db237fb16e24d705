import EBCheck
import EBCheckCore
import EBCheckReport
import Foundation
import Testing

/// Compares every reporter's output on the hand-built results with `Golden/<name>.<format>`.
/// Run with `EBCHECK_UPDATE_GOLDEN=1` to rewrite the golden files.
@Suite struct ReporterGoldenTests {
  static func output(_ format: ReportFormat, _ fixture: ReportFixtures.Case, color: Bool = false)
    -> String
  {
    var context = fixture.context
    context.color = color
    return format.reporter(context).report(fixture.result, rules: ReportFixtures.rules)
  }

  static func compare(_ actual: String, golden name: String) throws {
    try Golden.assert(actual, matches: name)
  }

  @Test(arguments: ReportFixtures.all, ReportFormat.allCases)
  func matchesGolden(_ fixture: ReportFixtures.Case, _ format: ReportFormat) throws {
    try Self.compare(Self.output(format, fixture), golden: "\(fixture.name).\(format.rawValue)")
  }

  @Test func coloredTextMatchesGolden() throws {
    try Self.compare(
      Self.output(.full, ReportFixtures.seed, color: true), golden: "seed-color.full")
    try Self.compare(
      Self.output(.full, ReportFixtures.windows, color: true), golden: "windows-color.full")
    try Self.compare(
      Self.output(.concise, ReportFixtures.seed, color: true), golden: "seed-color.concise")
  }

  @Test(arguments: ReportFixtures.all)
  func outputIsDeterministic(_ fixture: ReportFixtures.Case) {
    for format in ReportFormat.allCases {
      #expect(Self.output(format, fixture) == Self.output(format, fixture))
    }
  }
}

@Suite struct ReporterTextTests {
  func excerpt(_ text: String, _ needle: String) -> Excerpt {
    let file = SourceFile(path: "a.py", text: text)
    return Excerpt(file: file, span: ReportFixtures.span(file, needle))
  }

  @Test func plainCaretsUnderTheSpan() {
    let excerpt = excerpt("x = 1\nDEBUG = True\n", "True")
    #expect(excerpt.lineNumber == 2)
    #expect(excerpt.text == "DEBUG = True")
    #expect(excerpt.caretOffset == 8)
    #expect(excerpt.caretWidth == 4)
    #expect(!excerpt.continues)
  }

  @Test func wideCharactersTakeTwoCells() {
    let excerpt = excerpt("S = '한국어'; K = 1\n", "K")
    #expect(excerpt.caretOffset == 5 + 6 + 3)
    #expect(excerpt.caretWidth == 1)
  }

  @Test func combiningMarksTakeNoCell() {
    let excerpt = excerpt("s = 'cafe\u{301}' x\n", "x")
    #expect(excerpt.caretOffset == 11)
  }

  @Test func tabsExpandToFourCells() {
    let excerpt = excerpt("\tx\t= 1\n", "= 1")
    #expect(excerpt.text == "    x    = 1")
    #expect(excerpt.caretOffset == 9)
    #expect(excerpt.caretWidth == 3)
  }

  @Test func crlfIsNeverPrinted() {
    let excerpt = excerpt("a = 1\r\nb = 2\r\n", "b = 2\r\n")
    #expect(excerpt.text == "b = 2")
    #expect(excerpt.caretWidth == 5)
    #expect(!excerpt.continues, "a span ending at the next line's start stays on one line")
  }

  @Test func controlCharactersAreShownAsSymbols() {
    let excerpt = excerpt("a\r = \u{1}\u{7F}\n", "=")
    #expect(excerpt.text == "a␍ = ␁␡")
    #expect(excerpt.caretOffset == 3)
  }

  @Test func multiLineSpanUnderlinesTheFirstLine() {
    let excerpt = excerpt("x = f(\n  1,\n)\n", "f(\n  1,\n)")
    #expect(excerpt.caretOffset == 4)
    #expect(excerpt.caretWidth == 2)
    #expect(excerpt.continues)
  }

  @Test func emptySpanGetsOneCaret() {
    let file = SourceFile(path: "a.py", text: "ab\n")
    let excerpt = Excerpt(file: file, span: Span(at: 2))
    #expect(excerpt.caretOffset == 2)
    #expect(excerpt.caretWidth == 1)
  }

  @Test func longLinesAreCutAroundTheSpan() {
    let line =
      "x = [" + String(repeating: "'a', ", count: 60) + "'needle'"
      + String(repeating: ", 'b'", count: 60) + "]\n"
    let excerpt = excerpt(line, "'needle'")
    #expect(excerpt.text.hasPrefix("..."))
    #expect(excerpt.text.hasSuffix("..."))
    #expect(excerpt.caretOffset == 3 + Excerpt.contextBefore)
    #expect(excerpt.caretWidth == 8)
    #expect(!excerpt.continues)
    let start = excerpt.text.unicodeScalars.index(
      excerpt.text.unicodeScalars.startIndex, offsetBy: excerpt.caretOffset)
    #expect(String(excerpt.text.unicodeScalars[start...]).hasPrefix("'needle'"))
  }

  @Test func longSpansAreCutAndContinue() {
    let file = SourceFile(path: "a.json", text: String(repeating: "y", count: 300) + "\n")
    let excerpt = Excerpt(file: file, span: Span(0, 300))
    #expect(excerpt.caretOffset == 0)
    #expect(excerpt.caretWidth == Excerpt.maxMarked)
    #expect(excerpt.continues)
  }

  @Test func diagnosticTextCannotDriveTheTerminal() {
    let file = SourceFile(path: "a.py", text: "x = 1\n")
    let result = LintResult(
      files: SourceFiles([file]),
      diagnostics: [
        Diagnostic(
          rule: "X1", severity: .error, message: "bad \u{1B}[2J\u{9B}31m\r value",
          location: Location(file: "a.py", span: Span(0, 1)), help: "\u{7}bell")
      ], predictions: [])
    let text = TextReporter().report(result, rules: [])
    #expect(!text.contains("\u{1B}") && !text.contains("\u{7}") && !text.contains("\r"))
    #expect(!text.unicodeScalars.contains("\u{9B}"))
    #expect(text.contains("bad ␛[2J"))
  }

  /// Every span of a file with multibyte text, CRLF, a lone CR, tabs and invalid UTF-8
  /// renders in every format without crashing, and JSON stays parseable.
  @Test func anySpanRendersInEveryFormat() throws {
    var bytes = Array("a\t한\r\n🚀é\rz\n".utf8)
    bytes += [0xFF, 0xC3, 0x28, 0xE2, 0x82, UInt8(ascii: "\n"), UInt8(ascii: "q")]
    let file = SourceFile(path: "f.py", bytes: bytes)
    for start in 0...bytes.count + 1 {
      for end in start...bytes.count + 2 {
        let result = LintResult(
          files: SourceFiles([file]),
          diagnostics: [
            Diagnostic(
              rule: "X1", severity: .warning, message: "m",
              location: Location(file: "f.py", span: Span(start, end)),
              related: [RelatedLocation(Location(file: "f.py", span: Span(end, end)), "r")])
          ], predictions: [])
        for format in ReportFormat.allCases {
          let output = format.reporter().report(result, rules: [])
          #expect(output.hasSuffix("1 warning in 1 file\n") || format == .json || format == .sarif)
          if format == .json {
            _ = try JSONSerialization.jsonObject(with: Data(output.utf8))
          }
        }
      }
    }
  }

  @Test func summaryCountsWithPlurals() {
    let file = SourceFile(path: "a.py", text: "x\n")
    func result(_ severities: [Severity]) -> LintResult {
      LintResult(
        files: SourceFiles([file]),
        diagnostics: severities.map {
          Diagnostic(
            rule: "X1", severity: $0, message: "m",
            location: Location(file: "a.py", span: Span(at: 0)))
        }, predictions: [])
    }
    #expect(ReportWording.summary(result([]), files: 1) == "No problems in 1 file")
    #expect(ReportWording.summary(result([.error]), files: 2) == "1 error in 2 files")
    #expect(
      ReportWording.summary(result([.error, .error, .warning, .info]), files: 14)
        == "2 errors, 1 warning, 1 info in 14 files")
    #expect(
      ReportWording.summary(result([.warning, .warning, .info, .info]), files: 0)
        == "2 warnings, 2 info in 0 files")
  }

  @Test func fixAvailabilityLine() {
    #expect(
      ReportWording.fixAvailability(ReportFixtures.seed.result) == "1 fixable with `ebcheck fix`")
    #expect(
      ReportWording.fixAvailability(ReportFixtures.windows.result)
        == "1 fixable with `ebcheck fix --unsafe-fixes`")
    #expect(ReportWording.fixAvailability(ReportFixtures.clean.result) == nil)
  }

  @Test func noColorMeansNoEscapes() {
    for fixture in ReportFixtures.all {
      let text = TextReporter(context: fixture.context).report(fixture.result, rules: [])
      #expect(!text.contains("\u{1B}"))
      #expect(!text.contains("\r"))
    }
    let colored = TextReporter(context: ReportContext(color: true))
      .report(ReportFixtures.seed.result, rules: [])
    #expect(colored.contains("\u{1B}[1;31merror[HC001]\u{1B}[0m"))
  }
}

@Suite struct ReporterFormatTests {
  @Test func formatsByName() {
    #expect(ReportFormat(name: "sarif") == .sarif)
    #expect(ReportFormat(name: "text") == .full, "0.1's name for the full format")
    #expect(ReportFormat(name: "xml") == nil)
    #expect(
      ReportFormat.allCases.map(\.rawValue) == ["full", "concise", "json", "sarif", "github"])
    #expect(ReportFormat.github.reporter() is GitHubReporter)
    #expect(ReportFormat.full.reporter() is TextReporter)
    #expect(ReportFormat.concise.reporter() is ConciseReporter)
  }

  @Test func jsonEscapesControlCharactersAndKeepsUTF8() {
    let value = JSONValue.object([("k", .string("a\"b\\c\n\r\t\u{1}\u{7F}한🚀"))])
    #expect(value.prettyPrinted() == "{\n  \"k\": \"a\\\"b\\\\c\\n\\r\\t\\u0001\\u007f한🚀\"\n}\n")
    #expect(JSONValue.array([]).prettyPrinted() == "[]\n")
    #expect(JSONValue.object([]).prettyPrinted() == "{}\n")
  }

  @Test(arguments: ReportFixtures.all)
  func jsonParsesAndKeepsContractKeyOrder(_ fixture: ReportFixtures.Case) throws {
    let text = JSONReporter(context: fixture.context).report(fixture.result, rules: [])
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let diagnostics = try #require(object?["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == fixture.result.diagnostics.count)
    #expect(text.hasPrefix("{\n  \"version\": \"\(EBCheckVersion.current)\""))
    let contract = [
      "rule", "severity", "message", "file", "line", "column", "endLine", "endColumn", "fixable",
    ]
    if !diagnostics.isEmpty {
      let positions = contract.map { text.range(of: "\"\($0)\":")!.lowerBound }
      #expect(positions == positions.sorted())
    }
    for check in try #require(object?["healthChecks"] as? [[String: Any]]) {
      #expect(check["status"] != nil && check["healthy"] != nil)
    }
  }

  @Test func fixableMeansFixCanApply() {
    let location = Location(file: "a.py", span: Span(at: 0))
    func diagnostic(_ applicability: Applicability?, edits: Int = 1) -> Diagnostic {
      Diagnostic(
        rule: "X1", severity: .error, message: "m", location: location,
        fix: applicability.map {
          Fix(
            title: "t", applicability: $0,
            edits: Array(
              repeating: Edit(file: "a.py", span: Span(at: 0), replacement: "x"), count: edits))
        })
    }
    #expect(JSONReporter.isFixable(diagnostic(.safe)))
    #expect(JSONReporter.isFixable(diagnostic(.unsafe)))
    #expect(!JSONReporter.isFixable(diagnostic(.display)))
    #expect(!JSONReporter.isFixable(diagnostic(.safe, edits: 0)))
    #expect(!JSONReporter.isFixable(diagnostic(nil)))
  }

  @Test func githubEscapesDataAndProperties() {
    #expect(GitHubReporter.escapeData("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d")
    #expect(GitHubReporter.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
  }

  /// Every finding of a large run reaches every format (how fast is `make bench`'s business).
  @Test func manyFindingsAreAllReported() {
    let lines = (0..<5000).map { "SETTING_\($0) = '값 \($0)'\r\n" }.joined()
    let file = SourceFile(path: "big.py", text: lines)
    let diagnostics = (0..<5000).map { line in
      let start = file.lineIndex.lineStarts[line]
      return Diagnostic(
        rule: "X1", severity: .warning, message: "finding \(line)",
        location: Location(file: "big.py", span: Span(start, start + 7)),
        related: [RelatedLocation(Location(file: "big.py", span: Span(start, start + 1)), "here")],
        trace: Trace([
          TraceHop(
            step: "s", detail: "d", location: Location(file: "big.py", span: Span(start, start)))
        ]))
    }
    let result = LintResult(files: SourceFiles([file]), diagnostics: diagnostics, predictions: [])
    for format in ReportFormat.allCases {
      let output = format.reporter().report(result, rules: [])
      for line in [0, 2_500, 4_999] {
        #expect(output.contains("finding \(line)"), "\(format) lost finding \(line)")
      }
    }
  }

  @Test func sarifPercentEncodesPaths() {
    #expect(
      SARIFReporter.percentEncode("설정/my file,v2.py") == "%EC%84%A4%EC%A0%95/my%20file%2Cv2.py")
    #expect(SARIFReporter.percentEncode("mysite/settings.py") == "mysite/settings.py")
  }

  /// Every SARIF output validates against the OASIS 2.1.0 schema (Python `jsonschema`).
  @Test func sarifValidatesAgainstSchema() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ebcheck-sarif-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var paths: [String] = []
    for fixture in ReportFixtures.all {
      let url = directory.appendingPathComponent("\(fixture.name).sarif")
      let text = SARIFReporter(context: fixture.context).report(
        fixture.result, rules: ReportFixtures.rules)
      try Data(text.utf8).write(to: url)
      paths.append(url.path)
    }
    // The golden SARIF of a repository linted from its root with the app in `backend/`.
    paths.append(Golden.folder.appendingPathComponent("subfolder.sarif").path)
    let schema = TestPaths.tests.appendingPathComponent("Support/sarif-schema-2.1.0.json").path
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      # The shared copy keeps the root object under definitions/Root; validate against it,
      # else the empty top level accepts anything.
      if "properties" not in schema:
          schema = {**schema, "$ref": "#/definitions/Root"}
      validator = jsonschema.Draft7Validator(schema)
      broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}
      if validator.is_valid(broken) or validator.is_valid({}):
          print("schema accepts invalid SARIF: the validation would prove nothing")
          sys.exit(2)
      failed = False
      for path in sys.argv[2:]:
          for error in validator.iter_errors(json.load(open(path, encoding="utf-8"))):
              failed = True
              print(path, list(error.absolute_path), error.message)
      sys.exit(1 if failed else 0)
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, schema] + paths
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
  }
}
