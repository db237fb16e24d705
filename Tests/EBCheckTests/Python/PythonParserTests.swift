import EBCheck
import EBCheckCore
import EBCheckPython
import Foundation
import Testing

@Suite struct PythonParserTests {
  func parse(_ source: String) -> PythonModule {
    PythonParser.parse(SourceFile(path: "t.py", text: source))
  }

  func expression(_ source: String) -> PyExprKind? {
    let module = parse(source + "\n")
    guard module.diagnostics.isEmpty, case .expression(let value)? = module.statements.first?.kind
    else {
      return nil
    }
    return value.kind
  }

  @Test(arguments: PythonTestSupport.fixturePaths())
  func fixturesParseCleanly(_ path: String) {
    let module = PythonParser.parse(PythonTestSupport.loadFixture(path))
    #expect(module.diagnostics.isEmpty, "\(path): \(module.diagnostics.map(\.message))")
    #expect(!module.statements.isEmpty || path.hasSuffix("__init__.py"))
  }

  @Test func assignments() {
    let module = parse("a = b = 1\nx += [2]\ny: int = 3\nc, d = 1, 2\n[e, f] = g\n")
    #expect(module.diagnostics.isEmpty)
    guard case .assign(let targets, let value) = module.statements[0].kind else {
      Issue.record("not an assignment")
      return
    }
    #expect(targets.count == 2)
    #expect(value.kind == .int(1))
    guard case .augmentedAssign(_, .add, _) = module.statements[1].kind else {
      Issue.record("not augmented")
      return
    }
    guard case .annotatedAssign(_, _, let annotated?) = module.statements[2].kind else {
      Issue.record("not annotated")
      return
    }
    #expect(annotated.kind == .int(3))
    guard case .assign(let tupleTargets, _) = module.statements[3].kind,
      case .tuple(let items) = tupleTargets[0].kind
    else {
      Issue.record("no tuple target")
      return
    }
    #expect(items.count == 2)
    #expect(module.statements[0].span == Span(0, 9))
  }

  @Test func imports() {
    let module = parse(
      "import os, os.path as p\nfrom . import x\nfrom ..base import *\nfrom a.b import (c as d,\n e,)\n"
    )
    #expect(module.diagnostics.isEmpty)
    guard case .importModules(let names) = module.statements[0].kind else { return }
    #expect(names.map(\.boundName) == ["os", "p"])
    guard case .importFrom(nil, 1, let relativeNames, false) = module.statements[1].kind else {
      Issue.record("relative import")
      return
    }
    #expect(relativeNames.map(\.name) == ["x"])
    guard case .importFrom("base", 2, [], true) = module.statements[2].kind else {
      Issue.record("star import")
      return
    }
    guard case .importFrom("a.b", 0, let aliased, false) = module.statements[3].kind else {
      Issue.record("aliased import")
      return
    }
    #expect(aliased.map(\.boundName) == ["d", "e"])
  }

  @Test func precedence() {
    guard case .binary(_, .add, let right)? = expression("1 + 2 * 3"),
      case .binary(_, .multiply, _) = right.kind
    else {
      Issue.record("1 + 2 * 3")
      return
    }
    guard case .boolOp(.or, let values)? = expression("a or b and not c") else {
      Issue.record("or/and")
      return
    }
    #expect(values.count == 2)
    guard case .unary(.minus, let operand)? = expression("-2 ** 2"),
      case .binary(_, .power, _) = operand.kind
    else {
      Issue.record("-2 ** 2")
      return
    }
    guard case .compare(_, let chain)? = expression("a < b is not c not in d") else {
      Issue.record("comparison chain")
      return
    }
    #expect(chain.map(\.op) == [.less, .isNot, .notIn])
    guard case .conditional? = expression("x if c else y") else {
      Issue.record("conditional")
      return
    }
  }

  @Test func callsAndComprehensions() {
    guard case .call(_, let arguments)? = expression("f(1, *a, k=2, **kw)") else {
      Issue.record("call")
      return
    }
    #expect(arguments.map(\.kind) == [.positional, .star, .keyword("k"), .doubleStar])
    guard case .listComprehension(_, let clauses)? = expression("[x for x in y if x]") else {
      Issue.record("comprehension")
      return
    }
    #expect(clauses.first?.conditions.count == 1)
    guard case .call(_, let generatorArgument)? = expression("sum(x for x in y)"),
      case .generator = generatorArgument.first?.value.kind
    else {
      Issue.record("generator argument")
      return
    }
    guard case .dictComprehension? = expression("{k: v for k, v in items}") else {
      Issue.record("dict comprehension")
      return
    }
  }

  @Test func stringsConcatenateAndDecode() {
    #expect(expression("'a' \"b\" '''c'''") == .string(.text("abc")))
    #expect(expression("'tab\\tx\\u00e9\\x41'") == .string(.text("tab\txéA")))
    #expect(expression("r'\\d'") == .string(.text("\\d")))
    #expect(expression("b'\\x00a'") == .string(.bytes([0, 97])))
    guard case .string(.format(let parts))? = expression("f'a{{b}}{c}d{e!r}'") else {
      Issue.record("f-string")
      return
    }
    #expect(parts.count == 4)
    #expect(parts[0] == .text("a{b}"))
    guard case .field(let field?, _) = parts[1], field.kind == .name("c") else {
      Issue.record("field")
      return
    }
    guard case .field(nil, _) = parts[3] else {
      Issue.record("conversion field should stay opaque")
      return
    }
  }

  @Test func numbers() {
    #expect(expression("1_000") == .int(1000))
    #expect(expression("0x1F") == .int(31))
    #expect(expression("1.5e3") == .float(1500))
    #expect(expression("99999999999999999999999") == .bigInt("99999999999999999999999"))
  }

  @Test func compoundStatements() {
    let module = parse(
      """
      @decorator
      def f(a, b=1, *args, c, **kw) -> int:
          return a
      class C(Base, metaclass=M):
          x = 1
      try:
          import y
      except (ImportError, KeyError) as error:
          pass
      except Exception:
          raise
      else:
          pass
      finally:
          pass
      with a as b, c:
          pass
      for i in range(3):
          continue
      while x:
          break
      if a:
          pass
      elif b:
          pass
      else:
          pass
      global g
      assert a, "m"
      del a, b

      """)
    #expect(module.diagnostics.isEmpty, "\(module.diagnostics.map(\.message))")
    #expect(module.statements.count == 10)
    guard case .functionDef(let function) = module.statements[0].kind else { return }
    #expect(function.decorators.count == 1)
    #expect(function.parameters.map(\.name) == ["a", "b", "args", "c", "kw"])
    guard case .tryStatement(_, let handlers, let orElse, let finalBody) = module.statements[2].kind
    else { return }
    #expect(
      handlers.count == 2 && handlers[0].name == "error" && orElse.count == 1
        && finalBody.count == 1)
    guard case .ifStatement(_, _, let elseBranch) = module.statements[6].kind,
      case .ifStatement = elseBranch.first?.kind
    else {
      Issue.record("elif")
      return
    }
  }

  @Test func python2PrintIsLocatedAndParsingResumes() {
    let source = "x = 1\nprint \"hello\"\ny = 2\n"
    let module = parse(source)
    #expect(module.diagnostics.count == 1)
    let diagnostic = module.diagnostics[0]
    #expect(diagnostic.rule == "P001")
    #expect(diagnostic.message.contains("print"))
    #expect(diagnostic.location.span.start == 12)
    #expect(module.statements.count == 2)
  }

  @Test func python2ExceptIsLocated() {
    let module = parse("try:\n    pass\nexcept ValueError, e:\n    pass\nZ = 3\n")
    #expect(module.diagnostics.count == 1)
    #expect(module.diagnostics.first?.message.contains("except E, e") == true)
    #expect(module.statements.contains { if case .assign = $0.kind { true } else { false } })
  }

  @Test func errorInsideBlockResynchronises() {
    let module = parse("def f():\n    x = )\n    y = 2\nz = 3\n")
    #expect(module.diagnostics.count >= 1)
    guard case .functionDef(let function) = module.statements.first?.kind else {
      Issue.record("function lost")
      return
    }
    #expect(function.body.count == 1)
    #expect(module.statements.count == 2)
  }

  @Test func unexpectedIndent() {
    let module = parse("a = 1\n    b = 2\nc = 3\n")
    #expect(module.diagnostics.first?.message == "cannot parse: unexpected indent")
    #expect(module.statements.count == 2)
  }

  @Test func commentsAreKept() {
    let module = parse("a = 1  # ebcheck: ignore[HC001]\n# top\n")
    #expect(module.comments.count == 2)
    #expect(module.comments[0] == Span(7, 31))
  }

  @Test func crlfAndMultibyteSpans() {
    let source = "이름 = '값'\r\nB = [1,\r\n  2]\r\n"
    let file = SourceFile(path: "t.py", text: source)
    let module = PythonParser.parse(file)
    #expect(module.diagnostics.isEmpty)
    #expect(module.statements.count == 2)
    #expect(file.text(module.statements[0].span) == "이름 = '값'")
    #expect(file.location(of: module.statements[1].span.start) == LineColumn(line: 2, column: 1))
    guard case .assign(_, let value) = module.statements[0].kind else { return }
    #expect(value.kind == .string(.text("값")))
  }
}

/// Hostile sizes and shapes: bounded answers, never a crash. A hang fails by the time limit;
/// speed is measured by `make bench`, not here.
@Suite(.timeLimit(.minutes(3))) struct PythonHostileInputTests {
  @Test func deeplyNestedParentheses() {
    let source =
      String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
      + "\nx = 1\n"
    let module: PythonModule? = PythonParser.parse(SourceFile(path: "t.py", text: source))
    #expect(module?.diagnostics.contains { $0.message == "cannot parse: nesting too deep" } == true)
    #expect(module?.statements.count == 1)
  }

  @Test func unclosedNestedParentheses() {
    let source = String(repeating: "[", count: 100_000)
    let module = PythonParser.parse(SourceFile(path: "t.py", text: source))
    #expect(!module.diagnostics.isEmpty)
  }

  @Test func deepUnaryAndBlocks() {
    let unary = "x = " + String(repeating: "-", count: 50_000) + "1\n"
    #expect(!PythonParser.parse(SourceFile(path: "t.py", text: unary)).diagnostics.isEmpty)
    var nested = ""
    for level in 0..<300 { nested += String(repeating: " ", count: level) + "if x:\n" }
    nested += String(repeating: " ", count: 300) + "pass\n"
    #expect(!PythonParser.parse(SourceFile(path: "t.py", text: nested)).diagnostics.isEmpty)
  }

  @Test func tenMegabyteLine() {
    let source = "X = '" + String(repeating: "a", count: 10_000_000) + "'\nY = 1\n"
    let module: PythonModule? = PythonParser.parse(SourceFile(path: "t.py", text: source))
    #expect(module?.diagnostics.isEmpty == true)
    #expect(module?.statements.count == 2)
  }

  @Test func hugeList() {
    let source = "X = [" + (0..<600_000).map(String.init).joined(separator: ", ") + "]\n"
    let module: PythonModule? = PythonParser.parse(SourceFile(path: "t.py", text: source))
    guard case .assign(_, let value)? = module?.statements.first?.kind,
      case .list(let items) = value.kind
    else {
      Issue.record("no list")
      return
    }
    #expect(items.count == 600_000)
  }

  @Test func binaryAndInvalidUTF8() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<50 {
      let bytes = (0..<2_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let module = PythonParser.parse(SourceFile(path: "bin.py", bytes: bytes))
      #expect(!module.diagnostics.isEmpty)
    }
    let invalid = PythonParser.parse(
      SourceFile(path: "t.py", bytes: Array("x = 1\ny = ".utf8) + [0xC3, 0x28] + [0x0A]))
    #expect(invalid.diagnostics.first?.message.contains("UTF-8") == true)
  }

  @Test func truncatedInputsNeverCrash() {
    let source = try! String(
      contentsOf: PythonTestSupport.fixturesRoot.appendingPathComponent("syntax_zoo.py"),
      encoding: .utf8)
    let bytes = Array(source.utf8)
    for cut in stride(from: 0, to: bytes.count, by: 7) {
      _ = PythonParser.parse(SourceFile(path: "t.py", bytes: Array(bytes[0..<cut])))
    }
  }
}
