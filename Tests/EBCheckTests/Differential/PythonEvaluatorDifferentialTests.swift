import Foundation
import Testing
import EBCheckCore
import EBCheckPython

import EBCheck

/// Every value the evaluator calls literal must equal what CPython computes by importing the
/// same settings with the same environment (network and hostname lookups stubbed).
@Suite struct PythonEvaluatorDifferentialTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var module: String
    var env: [String: String]
    var testDescription: String { "\(module) \(env.keys.sorted())" }
  }

  static let cases: [Case] = {
    let url = PythonTestSupport.fixturesRoot.appendingPathComponent("cases.json")
    guard let data = FileManager.default.contents(atPath: url.path),
      let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    else { return [] }
    return list.map {
      Case(module: $0["module"] as? String ?? "", env: $0["env"] as? [String: String] ?? [:])
    }
  }()

  /// Compares our literal with CPython's tagged JSON; returns a mismatch description.
  static func mismatch(_ ours: PyValue, _ theirs: Any) -> String? {
    guard let tagged = theirs as? [String: Any], let type = tagged["t"] as? String else {
      return "bad JSON"
    }
    let value = tagged["v"]
    func elements(_ mine: [PyElement], _ kind: String) -> String? {
      guard type == kind, let items = value as? [Any], items.count == mine.count else {
        return "expected \(type) \(String(describing: value)), ours \(ours.pythonRepr)"
      }
      for (element, item) in zip(mine, items) {
        if let problem = mismatch(element.value, item) { return problem }
      }
      return nil
    }
    switch ours {
    case .string(let text):
      return type == "str" && (value as? String) == text
        ? nil : "expected \(type) \(String(describing: value)), ours \(ours.pythonRepr)"
    case .int(let number):
      return type == "int" && (value as? String) == String(number)
        ? nil : "expected \(type) \(String(describing: value)), ours \(number)"
    case .float(let number):
      return type == "float" && (value as? String) == PyValue.formatFloat(number)
        ? nil : "expected \(type) \(String(describing: value)), ours \(number)"
    case .bool(let flag):
      return type == "bool" && (value as? Bool) == flag
        ? nil : "expected \(type) \(String(describing: value)), ours \(flag)"
    case .none:
      return type == "none" ? nil : "expected \(type), ours None"
    case .list(let items): return elements(items, "list")
    case .tuple(let items): return elements(items, "tuple")
    case .dict(let entries):
      guard type == "dict", let pairs = value as? [[Any]], pairs.count == entries.count else {
        return "expected \(type), ours \(ours.pythonRepr)"
      }
      for (entry, pair) in zip(entries, pairs) {
        if let problem = mismatch(entry.key, pair[0]) ?? mismatch(entry.value, pair[1]) {
          return problem
        }
      }
      return nil
    default:
      return nil
    }
  }

  @Test func enoughCases() {
    #expect(Self.cases.count >= 30)
    #expect(PythonTestSupport.fixturePaths().count >= 30)
  }

  @Test(arguments: cases)
  func literalsMatchCPython(_ testCase: Case) throws {
    let files = PythonTestSupport.allFixtureFiles()
    let evaluator = SettingsEvaluator(files: files, env: testCase.env)
    let settings = try #require(evaluator.evaluate(module: testCase.module))
    let envJSON = String(
      decoding: try JSONSerialization.data(withJSONObject: testCase.env), as: UTF8.self)
    let output = try #require(
      PythonTestSupport.runPython(
        "exec_settings.py", [PythonTestSupport.fixturesRoot.path, testCase.module, envJSON]))
    let decoded = try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    if decoded["skip"] != nil { return }  // django-environ, decouple or Django not installed
    if let error = decoded["error"] {
      #expect(settings.failure != nil, "CPython failed (\(error)) but the evaluator did not notice")
      return
    }
    let theirs = try #require(decoded["values"] as? [String: Any])
    var literalCount = 0
    for (name, setting) in settings.values.sorted(by: { $0.key < $1.key })
    where setting.value.isLiteral {
      literalCount += 1
      guard let expected = theirs[name] else {
        Issue.record("\(testCase.module): \(name) is literal for us but CPython does not define it")
        continue
      }
      if let problem = Self.mismatch(setting.value, expected) {
        Issue.record("\(testCase.module): \(name): \(problem)")
      }
    }
    for name in theirs.keys where settings.values[name] == nil {
      Issue.record("\(testCase.module): CPython defines \(name) but the evaluator does not")
    }
    #expect(literalCount > 0)
    let others = settings.values.filter { !$0.value.value.isLiteral }.map {
      "\($0.key)=\($0.value.value.pythonRepr)"
    }
    print(
      "differential \(testCase.module): \(literalCount) literal of \(settings.values.count); other: \(others.sorted())"
    )
  }
}
