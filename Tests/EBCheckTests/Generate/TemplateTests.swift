import EBCheck
import EBCheckCore
import EBCheckGenerate
import Foundation
import Mustache
import Testing

@Suite struct TemplateTests {
  static let repository = TestPaths.repository

  @Test(arguments: TemplateRenderer.Name.allCases.map(\.rawValue))
  func embeddedCopyMatchesTemplatesFolder(_ name: String) throws {
    let url = Self.repository.appendingPathComponent("Templates/\(name).mustache")
    let onDisk = try String(contentsOf: url, encoding: .utf8)
    #expect(
      EmbeddedTemplates.sources[name] == onDisk,
      "Templates/\(name).mustache changed: run `make templates`")
  }

  @Test func everyTemplateFileIsEmbedded() throws {
    let names = try FileManager.default.contentsOfDirectory(
      atPath: Self.repository.appendingPathComponent("Templates").path)
    let embedded = Set(EmbeddedTemplates.sources.keys.map { $0 + ".mustache" })
    #expect(Set(names) == embedded)
  }

  @Test(arguments: GoldenGenerator.all)
  func generatorOutputMatchesGolden(_ generator: GoldenGenerator) throws {
    try Golden.assert(generator.render(), matches: "generate-\(generator.name)")
  }
}

struct GoldenGenerator: Sendable, CustomTestStringConvertible {
  let name: String
  let render: @Sendable () -> String
  var testDescription: String { name }

  static let all: [GoldenGenerator] = [
    GoldenGenerator(name: "middleware.py") {
      Generators.middleware(path: "/health/", module: "mysite.health").source
    },
    GoldenGenerator(name: "ebextensions-application.config") {
      Generators.ebextensions(.beanstalkDefaults(for: .application))
    },
    GoldenGenerator(name: "ebextensions-network.config") {
      Generators.ebextensions(.beanstalkDefaults(for: .network))
    },
    GoldenGenerator(name: "ebextensions-classic.config") {
      Generators.ebextensions(.beanstalkDefaults(for: .classic))
    },
    GoldenGenerator(name: "target-group.cloudformation.yaml") {
      Generators.targetGroup(.beanstalkDefaults(for: .application), format: .cloudformation)
    },
    GoldenGenerator(name: "target-group.terraform.tf") {
      Generators.targetGroup(.beanstalkDefaults(for: .network), format: .terraform)
    },
    GoldenGenerator(name: "target-group.cli.sh") {
      Generators.targetGroup(.beanstalkDefaults(for: .application), format: .cli)
    },
  ]
}

/// The built-in renderer gives, for every embedded template, the text swift-mustache (the
/// reference engine) gives: with every name set, and with every section off.
@Suite struct TemplateRendererDifferentialTests {
  /// The names a template uses: `{{name}}`, `{{#name}}`, `{{^name}}`.
  static func names(in source: String) -> Set<String> {
    var names = Set<String>()
    var rest = source[...]
    while let open = rest.firstRange(of: "{{") {
      rest = rest[open.upperBound...]
      guard let close = rest.firstRange(of: "}}") else { break }
      var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      if let first = tag.first, "#^/".contains(first) { tag.removeFirst() }
      if !tag.isEmpty, tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
        names.insert(tag)
      }
      rest = rest[close.upperBound...]
    }
    return names
  }

  @Test(arguments: TemplateRenderer.Name.allCases.map(\.rawValue))
  func sameTextAsSwiftMustache(_ name: String) throws {
    let source = try #require(EmbeddedTemplates.sources[name])
    let names = Self.names(in: source)
    let all = Dictionary(uniqueKeysWithValues: names.map { ($0, "value of \($0) <&>" as Any) })
    let sectionsOff = Dictionary(uniqueKeysWithValues: names.map { ($0, false as Any) })
    for context in [all, sectionsOff, [:]] {
      var ours = ""
      TemplateNode.render(try TemplateNode.parse(source), context, into: &ours)
      let reference = try MustacheTemplate(string: source).render(context)
      #expect(ours == reference, "\(name) with \(context.keys.sorted())")
    }
  }
}

/// The built-in renderer reads the part of Mustache the templates use, with the spec's rules.
@Suite struct TemplateRendererRulesTests {
  func render(_ source: String, _ values: [String: Any] = [:]) throws -> String {
    var out = ""
    TemplateNode.render(try TemplateNode.parse(source), values, into: &out)
    return out
  }

  @Test func variablesAreInsertedAsText() throws {
    #expect(try render("a {{x}} <{{ y }}> {{missing}}!", ["x": 30, "y": "&b"]) == "a 30 <&b> !")
  }

  @Test func standaloneTagsTakeTheirLine() throws {
    let source = """
      {{% CONTENT_TYPE: TEXT}}
      start
        {{#on}}\t
      shown
      {{/on}}
      {{^on}}
      hidden
      {{/on}}
      {{! note }}
      end

      """
    #expect(try render(source, ["on": true]) == "start\nshown\nend\n")
    #expect(try render(source, ["on": false]) == "start\nhidden\nend\n")
    #expect(try render(source) == "start\nhidden\nend\n")
  }

  @Test func inlineSectionsKeepTheLine() throws {
    #expect(try render("a{{#on}}b{{/on}}c\n", ["on": true]) == "abc\n")
    #expect(try render("a{{#on}}b{{/on}}c\n") == "ac\n")
    #expect(try render("{{#on}}{{/on}}\nx", ["on": true]) == "\nx")
  }

  @Test func lastLineWithoutNewline() throws {
    #expect(try render("x\n{{#on}}\ny\n{{/on}}", ["on": true]) == "x\ny\n")
    #expect(try render("x\ny") == "x\ny")
  }

  @Test(arguments: [
    "{{#a}}", "{{/a}}", "{{#a}}{{/b}}", "{{x", "{{{x}}}", "{{> partial}}", "{{a.b}}", "{{}}",
  ])
  func unsupportedOrBrokenTemplatesDoNotParse(_ source: String) {
    #expect(throws: TemplateNode.ParseError.self) { try TemplateNode.parse(source) }
  }
}
