import Foundation
import Testing
import EBCheckCore
import EBCheckPython

import EBCheck

@Suite struct PythonTokenizerTests {
  static func cpythonName(_ kind: PyTokenKind) -> String {
    switch kind {
    case .name: "NAME"
    case .number: "NUMBER"
    case .string: "STRING"
    case .op: "OP"
    case .comment: "COMMENT"
    case .newline: "NEWLINE"
    case .nl: "NL"
    case .indent: "INDENT"
    case .dedent: "DEDENT"
    case .endMarker: "ENDMARKER"
    case .error: "ERRORTOKEN"
    }
  }

  static func ours(_ file: SourceFile) -> [String] {
    let stream = PythonTokenizer.tokenize(file)
    return stream.tokens.filter { $0.kind != .endMarker }.map { token in
      let position = file.location(of: token.span.start)
      return "\(cpythonName(token.kind)) \(position.line) \(position.column - 1)"
    }
  }

  @Test(arguments: PythonTestSupport.fixturePaths())
  func matchesCPythonTokenize(_ path: String) throws {
    let file = PythonTestSupport.loadFixture(path)
    let full = PythonTestSupport.fixturesRoot.appendingPathComponent(path).path
    let expected = try #require(PythonTestSupport.runPython("py_tokens.py", [full]))
    let theirs = expected.split(separator: "\n").map(String.init)
    let mine = Self.ours(file)
    #expect(PythonTokenizer.tokenize(file).diagnostics.isEmpty)
    if let index = zip(theirs, mine).enumerated().first(where: { $0.element.0 != $0.element.1 })?
      .offset
    {
      Issue.record(
        "\(path): token \(index) differs: CPython \(theirs[index]) vs ours \(mine[index])")
    }
    #expect(theirs.count == mine.count, "\(path): token counts differ")
  }

  func kinds(_ source: String) -> [PyTokenKind] {
    PythonTokenizer.tokenize(SourceFile(path: "t.py", text: source)).tokens.map(\.kind)
  }

  func errors(_ source: String) -> [Diagnostic] {
    PythonTokenizer.tokenize(SourceFile(path: "t.py", text: source)).diagnostics
  }

  @Test func indentationAndDedents() {
    #expect(
      kinds("if x:\n    y\nz\n") == [
        .name, .name, .op, .newline, .indent, .name, .newline, .dedent, .name, .newline, .endMarker,
      ])
  }

  @Test func bracketsJoinLinesAndContinuation() {
    #expect(
      kinds("a = (1,\n 2)\n") == [
        .name, .op, .op, .number, .op, .nl, .number, .op, .newline, .endMarker,
      ])
    #expect(kinds("a = 1 + \\\n 2\n") == [.name, .op, .number, .op, .number, .newline, .endMarker])
  }

  @Test func stringPrefixesAndFStrings() {
    for literal in [
      "'a'", "\"b\"", "r'\\d'", "B'x'", "Rb'x'", "bR'x'", "u'x'", "F'x'", "fR'{a}'", "'''a\nb'''",
      "f\"{x['k']}\"", "f'{{}}'", "f'{a:{b}}'", "f\"{d[\"k\"]}\"",
    ] {
      let tokens = PythonTokenizer.tokenize(SourceFile(path: "t.py", text: literal + "\n"))
      #expect(tokens.tokens.first?.kind == .string, "\(literal)")
      #expect(tokens.tokens.first?.span.length == literal.utf8.count, "\(literal)")
      #expect(tokens.diagnostics.isEmpty, "\(literal)")
    }
    #expect(kinds("ur'x'\n").prefix(2) == [.name, .string])
  }

  @Test func numbers() {
    for literal in [
      "0", "1_000", "0x_FF", "0o17", "0b1", "1.", ".5", "1e10", "1E-3", "3j", "1_0.0_1e+1_0",
    ] {
      let tokens = PythonTokenizer.tokenize(SourceFile(path: "t.py", text: literal + "\n")).tokens
      #expect(
        tokens.first?.kind == .number && tokens.first?.span.length == literal.utf8.count,
        "\(literal)")
    }
    #expect(errors("x = 0777\n").first?.message.contains("leading zeros") == true)
  }

  @Test func nonASCIIIdentifiersAndBOM() {
    let file = SourceFile(path: "t.py", bytes: [0xEF, 0xBB, 0xBF] + Array("사이트 = 1\n".utf8))
    let stream = PythonTokenizer.tokenize(file)
    #expect(stream.diagnostics.isEmpty)
    #expect(stream.tokens.first?.kind == .name)
    #expect(stream.tokens.first?.span == Span(3, 3 + "사이트".utf8.count))
  }

  @Test func unterminatedStringIsLocated() {
    let source = "a = 1\nb = 'oops\nc = 2\n"
    let diagnostics = errors(source)
    #expect(diagnostics.count == 1)
    let diagnostic = diagnostics[0]
    #expect(diagnostic.rule == "P001" && diagnostic.severity == .error)
    #expect(diagnostic.message == "cannot parse: unterminated string literal")
    #expect(diagnostic.location.span.start == 10)
    // The tokenizer continues after the error.
    #expect(kinds(source).filter { $0 == .name }.count == 3)
    #expect(errors("x = '''never closed\n\n").first?.message.contains("triple-quoted") == true)
  }

  @Test func strayAndInvalidBytes() {
    #expect(errors("a = $b\n").first?.message == "cannot parse: invalid character '$'")
    let invalid = PythonTokenizer.tokenize(
      SourceFile(path: "t.py", bytes: Array("a = '".utf8) + [0xFF, 0xFE] + Array("'\n".utf8)))
    #expect(invalid.diagnostics.count == 1)
    #expect(invalid.diagnostics.first?.location.span == Span(5, 6))
    #expect(errors("a = 1\0\n").first?.message.contains("null bytes") == true)
  }

  @Test func badDedent() {
    let diagnostics = errors("if x:\n        a\n    b\n")
    #expect(diagnostics.first?.message.contains("unindent does not match") == true)
  }

  @Test func unclosedBracket() {
    let diagnostics = errors("x = [1,\n2\n")
    #expect(diagnostics.first?.message == "cannot parse: '[' was never closed")
    #expect(diagnostics.first?.location.span == Span(4, 5))
  }

  @Test func crlfAndTabs() {
    let stream = PythonTokenizer.tokenize(SourceFile(path: "t.py", text: "if a:\r\n\tb = 1\r\n"))
    #expect(stream.diagnostics.isEmpty)
    #expect(stream.tokens.map(\.kind).contains(.indent))
    #expect(stream.tokens[3].span.length == 2)
  }
}
