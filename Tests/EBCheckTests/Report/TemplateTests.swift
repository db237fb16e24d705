import Foundation
import Testing
import EBCheckCore
import EBCheckGenerate

import EBCheck

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
