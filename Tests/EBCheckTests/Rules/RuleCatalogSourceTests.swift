import EBCheckRules
import Foundation
import Testing

/// The rule catalog is the only place ids come from: no id in the code that `ebcheck rules`
/// does not list, every rule in the file its id names, no comment citing a document the
/// repository lacks.
@Suite struct RuleCatalogSourceTests {
  static let sources = TestPaths.repository.appendingPathComponent("Sources")
  static let registered = Set(RuleRegistry.all.map(\.id))

  /// Every `.swift` file under `Sources`, as (path relative to `Sources`, text).
  static func swiftFiles() throws -> [(path: String, text: String)] {
    let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
    var found: [(String, String)] = []
    while let relative = enumerator.nextObject() as? String {
      guard relative.hasSuffix(".swift") else { continue }
      let text = try String(
        contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
      found.append((relative, text))
    }
    return found.sorted { $0.0 < $1.0 }
  }

  /// Words shaped like a rule id (`HC001`, `P001`, `TF001`).
  static func idShapedWords(in text: String) -> Set<String> {
    let pattern = /\b[A-Z]{1,3}[0-9]{3}\b/
    return Set(text.matches(of: pattern).map { String($0.output) })
  }

  /// Ids the code shows only as examples of a *wrong* id.
  static let examplesOfUnknownIDs: Set<String> = ["XX999"]

  @Test func everyIDInTheCodeIsARegisteredRule() throws {
    for file in try Self.swiftFiles() {
      let unknown = Self.idShapedWords(in: file.text).subtracting(Self.registered)
        .subtracting(Self.examplesOfUnknownIDs)
      #expect(unknown.isEmpty, "\(file.path) names ids no rule has: \(unknown.sorted())")
    }
  }

  @Test func everyRuleLivesInTheFileItsIDNames() throws {
    let folder = "EBCheckRules/"
    let ruleFiles = try Self.swiftFiles().filter {
      $0.path.hasPrefix(folder) && !$0.path.dropFirst(folder.count).contains("/")
    }.map { (name: String($0.path.dropFirst(folder.count)), text: $0.text) }
    for file in ruleFiles where !["Rule.swift", "RuleRegistry.swift"].contains(file.name) {
      let owners = RuleRegistry.all.filter { file.name.hasPrefix($0.id) }
      #expect(owners.count == 1, "\(file.name) is named after no rule id (or several)")
    }
    for rule in RuleRegistry.all {
      let type = String(describing: Swift.type(of: rule))
      let homes = ruleFiles.filter {
        $0.name.hasPrefix(rule.id) && $0.text.contains("struct \(type)")
      }
      #expect(
        homes.count == 1,
        "\(rule.id) (\(type)) is not declared in EBCheckRules/\(rule.id)<Name>.swift")
    }
  }

  @Test func commentsCiteOnlyDocumentsTheRepositoryHas() throws {
    for file in try Self.swiftFiles() {
      // `facts.md §3`, `docs/facts.md`, `README.md`: the repository's own documents (a URL's
      // path is preceded by `/` and not matched).
      for cited in file.text.matches(of: /(?:^|[\s`(])((?:docs\/)?(?:rules\/)?[A-Za-z-]+\.md)/) {
        let name = String(cited.output.1)
        let exists = [name, "docs/" + name].contains {
          FileManager.default.fileExists(
            atPath: TestPaths.repository.appendingPathComponent($0).path)
        }
        #expect(exists, "\(file.path) cites \(name), which the repository does not have")
      }
    }
  }
}
