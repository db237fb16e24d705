import EBCheck
import EBCheckCore
import EBCheckRules
import Testing

/// One generic test verifies every registered rule's documented examples.
@Suite struct RuleExampleTests {
  /// Rules whose examples are repositories in memory; discovery's rules (IO001–IO003) need a
  /// real file system and are proven by `DiscoveryTests`.
  static let rules = RuleRegistry.all.filter { !($0 is any DiscoveryProblemRule) }.map {
    RuleCase(rule: $0)
  }

  @Test func idsAreUniqueAndWellFormed() {
    let ids = RuleRegistry.all.map(\.id)
    #expect(Set(ids).count == ids.count)
    for id in ids {
      #expect(id.allSatisfy { $0.isUppercase || $0.isNumber }, "\(id)")
    }
  }

  @Test func everyReaderProblemHasItsRule() {
    for problem in ReaderProblem.allCases {
      #expect(RuleRegistry.rule(for: problem).id == problem.id)
      #expect(RuleRegistry.rule(id: problem.id) != nil, "\(problem.id) is not registered")
    }
  }

  @Test(arguments: rules)
  func examplesBehaveAsDescribed(_ ruleCase: RuleCase) {
    let description = ruleCase.rule.description
    #expect(!description.triggering.isEmpty, "\(description.id) has no triggering example")
    #expect(!description.nonTriggering.isEmpty, "\(description.id) has no non-triggering example")
    for example in description.triggering {
      let found = lint(example).filter { $0.rule == description.id }
      #expect(!found.isEmpty, "\(description.id) should trigger on \(example.files.keys.sorted())")
      if !example.expected.isEmpty {
        #expect(
          positions(of: found, in: example) == example.expected,
          "\(description.id) findings start elsewhere than the ↓ marks")
      }
      if let message = example.expectedMessage {
        for diagnostic in found {
          #expect(
            diagnostic.message.contains(message),
            "\(description.id) says '\(diagnostic.message)', not '\(message)'")
        }
      }
    }
    for example in description.nonTriggering {
      let found = lint(example).filter { $0.rule == description.id }
      #expect(found.isEmpty, "\(description.id) should not trigger: \(found.map(\.message))")
    }
  }

  func positions(of found: [Diagnostic], in example: RuleExample) -> [ExpectedPosition] {
    found.map { diagnostic in
      let file = SourceFile(
        path: diagnostic.location.file, text: example.files[diagnostic.location.file] ?? "")
      let position = file.location(of: diagnostic.location.span.start)
      return ExpectedPosition(
        file: diagnostic.location.file, line: position.line, column: position.column)
    }.sorted()
  }

  @Test func markersAreTakenOutOfTheText() {
    let example = RuleExample(path: "a.py", "x = 1\r\n# 한국 ↓y = 2\n↓")
    #expect(example.files["a.py"] == "x = 1\r\n# 한국 y = 2\n")
    #expect(
      example.expected == [
        ExpectedPosition(file: "a.py", line: 2, column: 6),
        ExpectedPosition(file: "a.py", line: 3, column: 1),
      ])
  }

  func lint(_ example: RuleExample) -> [Diagnostic] {
    let files = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return Linter.lint(files, options: LintOptions(env: example.env)).diagnostics
  }
}

struct RuleCase: CustomTestStringConvertible, Sendable {
  let rule: any Rule
  var testDescription: String { rule.id }
}
