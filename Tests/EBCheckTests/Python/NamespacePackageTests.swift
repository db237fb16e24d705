import EBCheckCore
import Testing

@testable import EBCheckPython

/// PEP 420 namespace packages (a folder of modules without `__init__.py`): `from pkg import
/// mod` imports `pkg/mod.py`, as CPython 3.12 does.
@Suite struct NamespacePackageTests {
  static func value(_ settings: String, _ extra: [SourceFile]) -> String? {
    let files = SourceFiles([SourceFile(path: "app/settings.py", text: settings)] + extra)
    let evaluator = SettingsEvaluator(files: files, unsetVariablesTakeDefaults: true)
    return evaluator.evaluate(module: "app.settings")?["X"]?.value.pythonRepr
  }

  static let helpers = SourceFile(path: "lib/helpers.py", text: "VALUE = 3\n")

  @Test func submoduleOfANamespacePackageImports() {
    #expect(Self.value("from lib import helpers\nX = helpers.VALUE + 1\n", [Self.helpers]) == "4")
    #expect(
      Self.value("from lib import helpers as h\nX = [h.VALUE]\n", [Self.helpers]) == "[3]")
  }

  @Test func missingNameInANamespacePackageRaisesImportError() {
    let source = "try:\n    from lib import nothing\n    X = 1\nexcept ImportError:\n    X = 2\n"
    #expect(Self.value(source, [Self.helpers]) == "2")
  }
}
