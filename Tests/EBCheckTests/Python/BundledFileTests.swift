import EBCheckCore
import Testing

@testable import EBCheckPython

/// `open(...).read()`, `json.load(open(...))` and `Path.read_text()` answer from the bundle;
/// a file outside the application folder is unknown with that reason; `os.environ` bound
/// under a test of a supplied variable carries that test to its reads.
@Suite struct BundledFileTests {
  static func evaluate(_ source: String, env: [String: String] = [:]) -> EvaluatedSettings? {
    let files = SourceFiles([
      SourceFile(path: "app/settings.py", text: source),
      SourceFile(path: "app/hosts.json", text: "{\"hosts\": [\"a.example\"], \"debug\": true}\n"),
      SourceFile(path: "app/motd.txt", text: "hello\n"),
    ])
    let evaluator = SettingsEvaluator(files: files, env: env, unsetVariablesTakeDefaults: true)
    evaluator.deployed = .amazonLinux()
    return evaluator.evaluate(module: "app.settings")
  }

  @Test func bundledFilesHaveTheirText() {
    let source = """
      import json, os
      from pathlib import Path
      HERE = os.path.dirname(__file__)
      with open(os.path.join(HERE, 'hosts.json')) as f:
          DATA = json.load(f)
      X = [DATA['hosts'], DATA['debug'], open(HERE + '/motd.txt').read(), Path(HERE, 'motd.txt').read_text(), json.loads(Path('/var/app/current/app/hosts.json').read_text())['hosts']]

      """
    #expect(
      Self.evaluate(source)?["X"]?.value.pythonRepr
        == "[['a.example'], True, 'hello\\n', 'hello\\n', ['a.example']]")
  }

  @Test func filesOutsideTheFolderAreUnknownAndMissingOnesRaise() {
    let source = """
      import json
      OUTSIDE = json.load(open('/etc/secrets.json'))
      WRITTEN = open('/var/app/current/app/log.txt', 'w')

      """
    let settings = Self.evaluate(source)
    guard case .unknown(let outside)? = settings?["OUTSIDE"]?.value else {
      Issue.record("outside: \(String(describing: settings?["OUTSIDE"]))")
      return
    }
    #expect(outside.contains("outside the application folder"))
    // A file the bundle lacks raises FileNotFoundError, as Python does: the import fails.
    let missing = Self.evaluate("MISSING = open('/var/app/current/app/absent.txt').read()\n")
    #expect(missing?.failure?.exception == "FileNotFoundError")
    #expect(missing?.failure?.message.contains("app/absent.txt is not in the bundle") == true)
    if case .dynamic? = settings?["WRITTEN"]?.value {
    } else {
      Issue.record("a write stays as it was")
    }
  }

  @Test func environChosenByASuppliedVariableCarriesTheTest() {
    let source = """
      from os import environ
      if environ.get('FROM_ENV'):
          config = environ
      else:
          config = {'KEY': 'file'}
      KEY = config['KEY']
      OTHER = environ['OTHER']

      """
    let settings = Self.evaluate(source, env: ["FROM_ENV": "1"])
    let reads = settings?.envReads ?? []
    let key = reads.first { $0.name == "KEY" }
    #expect(key?.provenance?.variables == ["FROM_ENV"])
    #expect(key?.provenance?.outcome == true)
    #expect(reads.first { $0.name == "OTHER" }?.provenance == nil)
  }
}
