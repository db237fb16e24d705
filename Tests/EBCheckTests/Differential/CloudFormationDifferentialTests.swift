import EBCheckCore
import EBCheckFormats
import Foundation
import Testing

/// The CloudFormation reader against PyYAML with CloudFormation tag constructors (and an
/// independent resolution of parameters, mappings and conditions) on Fixtures/cloudformation.
@Suite struct CloudFormationDifferentialTests {
  static let folder = PythonTestSupport.repositoryRoot.appendingPathComponent(
    "Fixtures/cloudformation")

  static var paths: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
      .map { folder.appendingPathComponent($0).path }
  }

  @Test func optionSettingsEqualTheReference() throws {
    #expect(Self.paths.count >= 10)
    let output = try #require(PythonTestSupport.runPython("cfn_reference.py", Self.paths))
    let reference = try JSONDecoder().decode([String: [[String]]].self, from: Data(output.utf8))
    var settings = 0
    for path in Self.paths {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      let read = CloudFormationReader.read([SourceFile(path: path, bytes: bytes)])
      #expect(read.diagnostics.isEmpty, "\(path): \(read.diagnostics.map(\.message))")
      #expect(read.filesRead[.cloudFormation] == 1, "\(path) is a template")
      let rows = read.definitions.flatMap { definition in
        definition.settings.map { setting in
          [
            definition.resource, definition.kind.rawValue, setting.namespace, setting.option,
            setting.isDynamic ? "<dynamic>" : setting.value,
          ]
        }
      }
      #expect(rows == reference[path] ?? [], "\((path as NSString).lastPathComponent)")
      settings += rows.count
    }
    #expect(settings >= 55)
    print(
      "CloudFormation differential: \(Self.paths.count) templates, \(settings) option settings equal the PyYAML reference"
    )
  }
}
