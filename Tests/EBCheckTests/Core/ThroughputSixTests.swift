import EBCheck
import EBCheckCore
import EBCheckFormats
import Testing

@testable import EBCheckModel
@testable import EBCheckPython

/// Round six's shortcuts (docs/performance.md) give the answers of the code they replace:
/// the template index against the scan it stands in for, the plain join against the
/// standard library's, and the shared box of an `Environment` against value semantics.
@Suite struct ThroughputSixTests {
  static let names = [
    "", ".", "web", "a.web", "b.a.web", "web.", "wéb", "we\u{301}b", "\r\n", "\u{212A}",
  ]

  static func definition(
    _ tool: InfrastructureTool, _ kind: InfrastructureResourceKind, _ resource: String,
    name: String? = nil, reference: String? = nil
  ) -> InfrastructureDefinition {
    InfrastructureDefinition(
      tool: tool, kind: kind, resource: resource, name: name,
      location: Location(file: "infra/main.tf", span: Span(at: 0)), templateReference: reference)
  }

  /// Templates of both tools named from `names`, in an order where several match one reference.
  static var templates: [InfrastructureDefinition] {
    var result: [InfrastructureDefinition] = []
    for (offset, resource) in names.enumerated() {
      let name = names[(offset + 3) % names.count]
      result.append(definition(.terraform, .configurationTemplate, "t." + resource, name: name))
      result.append(definition(.cloudFormation, .configurationTemplate, resource))
    }
    return result
  }

  @Test func templateIndexAgreesWithScanning() {
    let ascii = Self.templates.filter {
      $0.resource.utf8.allSatisfy { $0 < 0x80 } && ($0.name?.utf8.allSatisfy { $0 < 0x80 } ?? true)
    }
    for templates in [Self.templates, ascii, []] {
      let index = TemplateIndex(templates)
      for tool in InfrastructureTool.allCases {
        for reference in Self.names + Self.names.map({ "t." + $0 }) + ["a", "b.a"] {
          let scanned = templates.indices.first {
            TemplateIndex.matches(templates[$0], reference, tool)
          }
          #expect(index.position(of: reference, tool: tool) == scanned, "\(reference) \(tool)")
        }
      }
    }
  }

  @Test func linkKeepsFirstMatchAndUnusedTemplates() {
    let templates = Self.templates
    let environments = Self.names.map {
      Self.definition(
        .terraform, .environment, "aws_elastic_beanstalk_environment.e", reference: $0)
    }
    let linked = InfrastructureCatalog.link(templates + environments)
    var used: [InfrastructureDefinition] = []
    for (offset, environment) in environments.enumerated() {
      let expected = templates.first {
        TemplateIndex.matches($0, environment.templateReference ?? "", .terraform)
      }
      #expect(linked[offset].0 == environment)
      #expect(linked[offset].1 == expected)
      if let expected { used.append(expected) }
    }
    #expect(
      linked.dropFirst(environments.count).map(\.0) == templates.filter { !used.contains($0) })
  }

  @Test func plainJoinAgreesWithJoined() {
    for count in 0..<4 {
      let parts = Array(Self.names.prefix(count + 2).suffix(count))
      for separator in ["", "/", "; ", "\u{301}"] {
        #expect(parts.joinedBySeparator(separator) == parts.joined(separator: separator))
        let slices = parts.map { $0[...] }
        #expect(slices.joinedBySeparator(separator) == slices.joined(separator: separator))
      }
    }
  }

  @Test func environmentCopiesAreIndependent() {
    let original = Environment(
      name: "web", loadBalancer: .defaulted(.application, "default"), processes: [],
      appServer: AppServer(kind: "gunicorn", port: .defaulted(8000, "default"), module: nil),
      upstreamPort: .defaulted(8000, "default"))
    var copy = original
    copy.name = "worker"
    copy.readerDiagnostics.append(
      Diagnostic(
        rule: "NG001", severity: .error, message: "x",
        location: Location(file: "a", span: Span(at: 0))))
    copy.variables["PORT"] = Sourced("5000")
    #expect(original.name == "web")
    #expect(original.readerDiagnostics.isEmpty)
    #expect(original.variables.isEmpty)
    #expect(copy.name == "worker")
    #expect(copy.readerDiagnostics.count == 1)
    #expect(copy.variables["PORT"]?.value == "5000")
    var model = ProjectModel(files: SourceFiles(), environments: [original, copy, original])
    model.environments[1].name = "changed"
    #expect(model.environments.map(\.name) == ["web", "changed", "web"])
    #expect(model.readerProblems.count == 1)
  }

  @Test func seenDiagnosticsAgreesWithSet() {
    var all: [Diagnostic] = []
    for rule in ["HC001", "EB001"] {
      for file in ["a.py", "b.py"] {
        for message in ["x", "y"] {
          for start in [0, 1] {
            all.append(
              Diagnostic(
                rule: rule, severity: .error, message: message,
                location: Location(file: file, span: Span(at: start))))
          }
        }
      }
    }
    let input =
      all + all.reversed()
      + all.map {
        var copy = $0
        copy.help = "h"
        return copy
      }
    var set = Set<Diagnostic>()
    var seen = SeenDiagnostics()
    #expect(input.filter { seen.insert($0) } == input.filter { set.insert($0).inserted })
  }

  @Test func byteSearchAgreesWithScanning() {
    let texts = ["", "C", "Cfn", "xCfnEnvironment(", "CfCfn", "CCfnConfigurationTemplate", "한Cfn"]
    let needles = ["C", "Cfn", "CfnEnvironment", "CfnConfigurationTemplate", "n", "한"]
    for text in texts {
      for needle in needles {
        let bytes = Array(text.utf8)
        let wanted = Array(needle.utf8)
        let scanned =
          wanted.count <= bytes.count
          && (0...(bytes.count - wanted.count)).contains {
            Array(bytes[$0..<($0 + wanted.count)]) == wanted
          }
        #expect(CDKReader.contains(bytes, wanted) == scanned, "\(text) \(needle)")
      }
    }
  }
}
