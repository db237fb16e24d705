import EBCheck
import EBCheckCore
import EBCheckRules
import Foundation
import Testing

/// `docs/rules/` and the README's rule table are generated from the rules' descriptions;
/// these tests fail when they are stale (`make docs` regenerates them).
@Suite struct RuleDocsTests {
  static let repository = TestPaths.repository
  static let rules = RuleRegistry.all.map(\.description)

  static func read(_ path: String) -> String? {
    try? String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)
  }

  @Test(arguments: RuleDocs.files(rules).map(\.path))
  func generatedFileIsUpToDate(_ path: String) {
    let expected = RuleDocs.files(Self.rules).first { $0.path == path }!.contents
    #expect(Self.read(path) == expected, "\(path) is stale: run `make docs`")
  }

  @Test func noPageForAnUnregisteredRule() throws {
    let onDisk = try FileManager.default.contentsOfDirectory(
      atPath: Self.repository.appendingPathComponent(RuleDocs.folder).path)
    let generated = RuleDocs.files(Self.rules).map { String($0.path.split(separator: "/").last!) }
    #expect(Set(onDisk) == Set(generated), "docs/rules has pages no rule generates")
  }

  @Test func readmeRuleTableIsUpToDate() throws {
    let readme = try #require(Self.read("README.md"))
    let updated = try #require(
      RuleDocs.updatingReadme(readme, rules: Self.rules), "README.md lost its rule markers")
    #expect(readme == updated, "README.md rule table is stale: run `make docs`")
  }

  @Test func everyRuleHasItsSections() {
    for rule in Self.rules {
      let page = RuleDocs.markdown(rule)
      #expect(page.hasPrefix("# \(rule.id): \(rule.name)\n"))
      let examples =
        rule.triggering.isEmpty ? [] : ["## Triggers on", "## Does not trigger on"]
      for heading in [
        "## What it finds", "## Why it breaks the health check", "## How to fix it",
      ] + examples {
        #expect(page.contains("\n\(heading)\n"), "\(rule.id) lacks \(heading)")
      }
      for reference in rule.references { #expect(page.contains("<\(reference)>")) }
      let plain = RuleDocs.plain(rule)
      let words = { (text: String) in
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      }
      #expect(words(plain).contains(words(rule.summary)) && words(plain).contains(words(rule.fix)))
      #expect(!plain.contains("```") && !plain.contains("\r"))
    }
  }

  @Test func examplesRenderEveryFileInAFence() {
    let rule = RuleDescription(
      id: "X001", name: "x", severity: .warning, summary: "s", rationale: "r", fix: "f",
      fixable: false,
      triggering: [
        RuleExample(
          ["a.py": "x = '```'\r\ny = 1", "pkg/__init__.py": ""], env: ["HOSTS": "a.example"])
      ],
      nonTriggering: [RuleExample(path: ".ebextensions/x.config", "option_settings: {}\n")],
      references: ["https://example.com/doc"])
    let page = RuleDocs.markdown(rule)
    #expect(page.contains("`a.py` (CRLF line endings):\n\n````python\nx = '```'\ny = 1\n````\n"))
    #expect(page.contains("`pkg/__init__.py` (empty)"))
    #expect(page.contains("Assuming the environment `HOSTS=a.example`"))
    #expect(page.contains("```yaml\noption_settings: {}\n```\n"))
    #expect(page.contains("- <https://example.com/doc>"))
  }

  @Test func plainProseIsWrappedForATerminal() {
    #expect(RuleDocs.wrap("aa bb cc", width: 7, indent: "  ") == "  aa bb\n  cc\n")
    #expect(RuleDocs.wrap("abcdefghij x", width: 5, indent: "") == "abcdefghij\nx\n")
    #expect(RuleDocs.wrap("a\n\nb", width: 10, indent: " ") == " a\n\n b\n")
    for rule in Self.rules {
      let page = RuleDocs.plain(rule)
      let prose = page.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("    ") }
      for line in prose where line.contains(" ") && !line.hasPrefix("  http") {
        let words = line.split(separator: " ")
        #expect(
          line.count <= RuleDocs.plainWidth || words.count == 1, "\(rule.id): \(line)")
      }
    }
  }

  @Test func readmeUpdateNeedsBothMarkers() {
    #expect(RuleDocs.updatingReadme("no markers", rules: Self.rules) == nil)
    #expect(RuleDocs.updatingReadme("\(RuleDocs.tableEnd)\(RuleDocs.tableBegin)", rules: []) == nil)
    let updated = RuleDocs.updatingReadme(
      "a\n\(RuleDocs.tableBegin)\nold\n\(RuleDocs.tableEnd)\nb\n",
      rules: Array(Self.rules.prefix(1)))
    #expect(updated?.hasPrefix("a\n\(RuleDocs.tableBegin)\n| id |") == true)
    #expect(updated?.hasSuffix("|\n\(RuleDocs.tableEnd)\nb\n") == true)
    #expect(updated?.contains("old") == false)
  }

  @Test func jsonListingHasTheContractKeysInRegistryOrder() throws {
    let data = Data(RuleDocs.listJSON(Self.rules).utf8)
    let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    #expect(list.map { $0["id"] as? String } == Self.rules.map(\.id))
    for entry in list {
      #expect(Set(entry.keys) == ["id", "name", "severity", "summary", "fixable"])
      #expect(entry["fixable"] is Bool)
    }
  }

  @Test func textListingHasOneLinePerRule() {
    let lines = RuleDocs.list(Self.rules).split(separator: "\n")
    #expect(lines.count == Self.rules.count)
    for (line, rule) in zip(lines, Self.rules) {
      #expect(line.hasPrefix(rule.id) && line.hasSuffix(rule.summary))
    }
  }
}

/// Pages show only what an example changes: the standard example project is printed once
/// (`explain --example-project`, the index page), never repeated per example.
@Suite struct RuleDocsBoilerplateTests {
  static let wsgiLine = "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')"

  @Test func noPageRepeatsTheStandardProject() {
    for rule in RuleDocsTests.rules {
      let plain = RuleDocs.plain(rule)
      let markdown = RuleDocs.markdown(rule)
      #expect(!plain.contains(Self.wsgiLine), "\(rule.id) repeats the standard wsgi.py")
      #expect(
        !markdown.contains(
          "'django.contrib.sessions.middleware.SessionMiddleware',\n    'django.middleware.common"),
        "\(rule.id) repeats the standard MIDDLEWARE")
    }
  }

  @Test func theStandardProjectIsPrintedOnce() throws {
    let index = RuleDocs.index(RuleDocsTests.rules)
    #expect(index.contains("## The standard example project"))
    #expect(index.components(separatedBy: Self.wsgiLine).count == 2)
    let run = try IntegrationTests.run(["explain", "--example-project"])
    #expect(run.status == 0 && run.stdout.contains(Self.wsgiLine))
    #expect(try IntegrationTests.run(["explain"]).status == 2)
  }

  @Test func anExampleShowsOnlyWhatItAdds() {
    let example = ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n")
    let (parts, note) = ExampleView.parts(example)
    #expect(parts == [.addition(path: "mysite/settings.py", text: "ALLOWED_HOSTS = ['*']\n")])
    #expect(note == "the other files are the standard project's")
    let partial = RuleExample(["mysite/wsgi.py": ExampleRepo.wsgi, "Procfile": "web: x\n"])
    let shown = ExampleView.parts(partial)
    #expect(shown.parts == [.whole(path: "Procfile", text: "web: x\n")])
    #expect(shown.note == "also the standard mysite/wsgi.py")
  }
}
