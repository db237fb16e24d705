import Foundation
import Testing
import EBCheckCore
import EBCheckFormats

import EBCheck

/// Compares the option settings ebcheck extracts with what PyYAML / Python's json extract.
@Suite struct YAMLDifferentialTests {
  static let fixtures: URL = TestPaths.repository
    .appendingPathComponent("Fixtures/ebextensions")

  static var fixtureNames: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
      .filter { $0.hasSuffix(".config") }.sorted()
  }

  /// The reference extraction: PyYAML with a loader that accepts CloudFormation tags.
  static let helper = #"""
    import json, sys, yaml

    class Dynamic:
        pass

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: Dynamic())

    DEFAULT = "aws:elasticbeanstalk:application:environment"

    def render(value):
        if isinstance(value, Dynamic):
            return "<dynamic>"
        if isinstance(value, dict):
            if len(value) == 1:
                key = next(iter(value))
                if key == "Ref" or str(key).startswith("Fn::"):
                    return "<dynamic>"
            return "<structured>"
        if isinstance(value, list):
            return "<structured>"
        if value is None:
            return ""
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, float):
            return repr(value)
        if isinstance(value, str) and value.strip().startswith("`{") and value.strip().endswith("}`"):
            return "<dynamic>"
        return str(value)

    def looks_like_json(text):
        stripped = text.lstrip("\ufeff \t\r\n")
        return stripped[:1] in ("{", "[")

    def load(text):
        if looks_like_json(text):
            try:
                return json.loads(text.lstrip("\ufeff"))
            except ValueError:
                pass
        return yaml.load(text, Loader=Loader)

    def namespace_map(namespace, options, out):
        for option, value in options.items():
            out.append([str(namespace), render(option), render(value)])

    def extract(document):
        out = []
        if not isinstance(document, dict):
            return out
        settings = document.get("option_settings")
        if isinstance(settings, dict):
            for namespace, options in settings.items():
                if isinstance(options, dict):
                    namespace_map(namespace, options, out)
        elif isinstance(settings, list):
            for item in settings:
                if not isinstance(item, dict):
                    continue
                if "option_name" in item:
                    namespace = item.get("namespace", DEFAULT)
                    out.append([render(namespace), render(item["option_name"]), render(item.get("value"))])
                elif len(item) == 1:
                    namespace, options = next(iter(item.items()))
                    if ":" in str(namespace) and isinstance(options, dict):
                        namespace_map(namespace, options, out)
        return sorted(out)

    def extract_saved(document):
        out = []
        settings = document.get("OptionSettings") if isinstance(document, dict) else None
        if isinstance(settings, dict):
            for namespace, options in settings.items():
                if isinstance(options, dict):
                    namespace_map(namespace, options, out)
        return sorted(out)

    result = {}
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as handle:
            document = load(handle.read())
            result[path] = extract_saved(document) if path.endswith(".cfg.yml") else extract(document)
    print(json.dumps(result))
    """#

  static func pythonExtraction(_ paths: [String]) throws -> [String: [[String]]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", helper] + paths
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try JSONDecoder().decode([String: [[String]]].self, from: data)
  }

  static func swiftExtraction(_ path: String) throws -> (
    rows: [[String]], diagnostics: [Diagnostic]
  ) {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let file = SourceFile(
      path: ".ebextensions/" + (path as NSString).lastPathComponent, bytes: bytes)
    let yaml = YAMLLoader.load(file)
    let read = OptionSettingsReader.ebextension(yaml, file: file)
    let rows = read.settings.map { setting -> [String] in
      let value: String
      switch setting.kind {
      case .dynamic: value = "<dynamic>"
      case .structured: value = "<structured>"
      case .literal: value = setting.value
      }
      return [setting.namespace, setting.option, value]
    }
    return (rows.sorted { $0.lexicographicallyPrecedes($1) }, yaml.diagnostics + read.diagnostics)
  }

  @Test func thereAreEnoughVariedFixtures() {
    #expect(Self.fixtureNames.count >= 15)
  }

  @Test func ebcheckExtractsWhatPyYAMLExtracts() throws {
    let paths = Self.fixtureNames.map { Self.fixtures.appendingPathComponent($0).path }
    let expected = try Self.pythonExtraction(paths)
    #expect(expected.count == paths.count)
    var total = 0
    for path in paths {
      let actual = try Self.swiftExtraction(path)
      #expect(
        actual.diagnostics.filter { $0.severity == .error }.isEmpty,
        "\(path): \(actual.diagnostics.map(\.message))")
      let reference = expected[path] ?? []
      #expect(actual.rows == reference, "\((path as NSString).lastPathComponent)")
      total += reference.count
    }
    #expect(total > 100)
  }

  @Test func savedConfigurationsMatchPyYAML() throws {
    let folder = Self.fixtures.deletingLastPathComponent().appendingPathComponent("saved_configs")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".cfg.yml")
    }
    .sorted()
    #expect(names.count >= 2)
    let paths = names.map { folder.appendingPathComponent($0).path }
    let expected = try Self.pythonExtraction(paths)
    for path in paths {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      let file = SourceFile(
        path: ".elasticbeanstalk/saved_configs/" + (path as NSString).lastPathComponent,
        bytes: bytes)
      let yaml = YAMLLoader.load(file)
      let read = OptionSettingsReader.savedConfig(yaml, file: file)
      #expect(yaml.diagnostics.isEmpty && read.diagnostics.isEmpty)
      let rows = read.settings.map { [$0.namespace, $0.option, $0.value] }.sorted {
        $0.lexicographicallyPrecedes($1)
      }
      #expect(rows == expected[path] ?? [], "\((path as NSString).lastPathComponent)")
      #expect(!rows.isEmpty)
    }
  }

  @Test func valueSpansPointAtTheValueText() throws {
    for name in Self.fixtureNames {
      let path = Self.fixtures.appendingPathComponent(name).path
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      let file = SourceFile(path: ".ebextensions/" + name, bytes: bytes)
      let read = OptionSettingsReader.ebextension(YAMLLoader.load(file), file: file)
      for setting in read.settings {
        let key = file.text(setting.keyLocation.span)
        #expect(key.contains(setting.option) || setting.option.isEmpty, "\(name): key \(key)")
        if setting.kind == .literal, setting.style == .plain, !setting.value.isEmpty,
          YAMLScalarValue.resolvePlain(file.text(setting.location.span)).rendered == setting.value
        {
          continue
        }
        if setting.kind == .literal,
          setting.style == .doubleQuoted || setting.style == .singleQuoted
        {
          let text = file.text(setting.location.span)
          #expect(text.first == "\"" || text.first == "'", "\(name): \(text)")
        }
      }
    }
  }
}
