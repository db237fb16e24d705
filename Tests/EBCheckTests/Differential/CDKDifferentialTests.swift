import EBCheckCore
import EBCheckFormats
import EBCheckPython
import Foundation
import Testing

/// The CDK evaluation against CPython running each app of Fixtures/cdk (and the e2e fixture's
/// stack) with a stub `aws_cdk` package that records the option settings CfnEnvironment /
/// CfnConfigurationTemplate get.
@Suite struct CDKDifferentialTests {
  static let folder = PythonTestSupport.repositoryRoot.appendingPathComponent("Fixtures/cdk")

  static var apps: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
      .map { folder.appendingPathComponent($0).path + "/" }
      + [
        PythonTestSupport.repositoryRoot.appendingPathComponent("Fixtures/projects/cdk-python/cdk")
          .path + "/"
      ]
  }

  /// Every file of an app, relative to its folder (the folder is the lint root).
  static func files(in app: String) throws -> SourceFiles {
    var files = SourceFiles()
    let enumerator = FileManager.default.enumerator(atPath: app)
    while let relative = enumerator?.nextObject() as? String {
      guard relative.hasSuffix(".py"), !relative.contains("__pycache__") else { continue }
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: app + relative)))
      files.insert(SourceFile(path: relative, bytes: bytes))
    }
    return files
  }

  @Test func optionSettingsEqualWhatCPythonRecords() throws {
    #expect(Self.apps.count >= 6)
    let output = try #require(PythonTestSupport.runPython("cdk_reference.py", Self.apps))
    let reference = try JSONDecoder().decode([String: [[String]]].self, from: Data(output.utf8))
    var settings = 0
    for app in Self.apps {
      let read = CDKReader.read(PythonModules(files: try Self.files(in: app)))
      let rows = read.definitions.flatMap { definition in
        definition.settings.map { setting in
          [
            definition.resource, definition.kind.rawValue, setting.namespace, setting.option,
            setting.isDynamic ? "<dynamic>" : setting.value,
          ]
        }
      }
      #expect(rows == reference[app] ?? [], "\((app as NSString).lastPathComponent)")
      settings += rows.count
    }
    #expect(settings >= 25)
    print("CDK differential: \(Self.apps.count) apps, \(settings) option settings equal CPython's")
  }
}
