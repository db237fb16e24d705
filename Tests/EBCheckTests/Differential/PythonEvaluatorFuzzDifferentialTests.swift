import Foundation
import Testing
import EBCheckCore
import EBCheckPython

import EBCheck

/// Random expressions over literals, evaluated by us and by CPython: whatever we call literal
/// must be exactly what CPython computes, and an expression CPython rejects must not be literal.
@Suite struct PythonEvaluatorFuzzDifferentialTests {
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  struct Generator {
    var random: SplitMix

    mutating func pick<T>(_ choices: [T]) -> T {
      choices[Int(random.next() % UInt64(choices.count))]
    }
    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    mutating func literal() -> String {
      switch random.next() % 9 {
      case 0: return String(Int(random.next() % 200) - 100)
      case 1: return pick(["0", "1", "2", "7", "-3", "10**3", "0x1F", "1_000", "0o17", "0b101"])
      case 2: return pick(["1.5", "0.1", "2.0", "-0.0", "1e3", "3.", ".25"])
      case 3:
        return pick([
          "'a'", "'abc'", "'a,b,,c'", "' x y '", "'ÉtÉ'", "'한국'", "''", "'A-b_C'", "'1'", "'%s-%d'",
        ])
      case 4: return pick(["True", "False", "None"])
      case 5:
        return "[" + (0..<Int(random.next() % 4)).map { _ in atom() }.joined(separator: ", ") + "]"
      case 6:
        return "(" + (0..<Int(random.next() % 3)).map { _ in atom() + "," }.joined(separator: " ")
          + ")"
      case 7:
        return "{"
          + (0..<Int(random.next() % 3)).map { _ in
            pick(["'k'", "1", "'z'", "True", "1.0", "(1, 'k')", "None", "[1]"]) + ": " + atom()
          }.joined(separator: ", ") + "}"
      default: return pick(["A", "B", "C", "S", "L", "D"])
      }
    }

    mutating func atom() -> String {
      chance(70) ? pick(["1", "'s'", "2.5", "True", "None", "'x,y'", "[1]", "()"]) : literal()
    }

    mutating func expression(_ depth: Int) -> String {
      if depth <= 0 || chance(25) { return literal() }
      let a = expression(depth - 1)
      let b = expression(depth - 1)
      switch random.next() % 16 {
      case 0:
        return
          "(\(a) \(pick(["+", "-", "*", "//", "%", "/", "**", "|", "&", "^", "<<", ">>"])) \(b))"
      case 1:
        return
          "(\(a) \(pick(["==", "!=", "<", "<=", ">", ">=", "in", "not in", "is", "is not"])) \(b))"
      case 2: return "(\(a) \(pick(["and", "or"])) \(b))"
      case 3: return "(not \(a))"
      case 4: return "(-\(a))"
      case 5: return "(\(a) if \(b) else \(expression(depth - 1)))"
      case 6:
        let method = pick([
          "split()", "split(',')", "split(',', 1)", "strip()", "strip('a')", "lower()", "upper()",
          "replace('a', 'b')", "startswith('a')", "endswith(('c', 'b'))", "join(['p', 'q'])",
          "format(1, 'two')", "rstrip()", "lstrip(' x')", "isdigit()", "count(1)", "index(1)",
          "get('k')", "get('z', 9)", "keys()", "values()", "copy()", "rsplit()",
        ])
        return "(\(a)).\(method)"
      case 7: return "(\(a))[\(pick(["0", "-1", "1", "'k'", "1:", ":2", "::2", "-2:"]))]"
      case 8:
        return "\(pick(["len", "int", "str", "bool", "float", "list", "tuple", "sorted"]))(\(a))"
      case 9: return "[x for x in \(a)]"
      case 10: return "[\(pick(["x", "str(x)", "x * 2"])) for x in \(a) if x]"
      case 11: return "f\"<{ (\(literal())) }>\""
      case 12: return "(\(a) % \(b))"
      case 13: return "','.join(\(a))"
      case 14: return "[*\(a), *\(b)]"
      default: return "{**\(a), 'k': \(b)}"
      }
    }

    mutating func module(statements: Int) -> String {
      var lines = [
        "A = 3", "B = 'b,a'", "C = [1, 'c', None]", "S = ' Hello World '", "L = ['x', 'y', 'z']",
        "D = {'k': 'v', 1: [2]}",
      ]
      for index in 0..<statements {
        lines.append("try:\n    V\(index) = \(expression(3))\nexcept Exception:\n    pass")
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }

  @Test(arguments: 0..<40)
  func randomExpressionsAgreeWithCPython(_ seed: Int) throws {
    var generator = Generator(random: SplitMix(state: UInt64(seed) &* 7919 &+ 17))
    let source = generator.module(statements: 150)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ebcheck-fuzz-\(seed)-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let moduleName = "fuzz_settings_\(seed)"
    try source.write(
      to: directory.appendingPathComponent(moduleName + ".py"), atomically: true, encoding: .utf8)

    let files = SourceFiles([SourceFile(path: moduleName + ".py", text: source)])
    let settings = try #require(SettingsEvaluator(files: files).evaluate(module: moduleName))
    #expect(settings.diagnostics.isEmpty, "\(settings.diagnostics.map(\.message))")
    let output = try #require(
      PythonTestSupport.runPython("exec_settings.py", [directory.path, moduleName, "{}"]))
    let decoded = try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let theirs = try #require(decoded["values"] as? [String: Any], "CPython failed: \(output)")
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    var literal = 0
    for (name, setting) in settings.values.sorted(by: { $0.key < $1.key })
    where setting.value.isLiteral {
      literal += 1
      let expression = lines.first { $0.hasPrefix("    \(name) = ") }.map(String.init) ?? name
      guard let expected = theirs[name] else {
        Issue.record("\(expression): literal \(setting.value.pythonRepr) but CPython raised")
        continue
      }
      if let problem = PythonEvaluatorDifferentialTests.mismatch(setting.value, expected) {
        Issue.record("\(expression): \(problem)")
      }
    }
    print(
      "fuzz seed \(seed): \(literal) literal of \(settings.values.count), CPython defined \(theirs.count)"
    )
  }
}
