import EBCheckCore
import Testing

@testable import EBCheckPython

/// `__file__`, `os.path`, `pathlib` and `configparser` on the deployed bundle; expected values
/// are what CPython 3.12 prints for the same code laid out under the platform's folder.
@Suite struct DeployedFilesTests {
  static func evaluate(
    _ source: String, extra: [SourceFile] = [], deployed: DeployedFiles? = .amazonLinux(),
    unread: Set<String> = []
  ) -> EvaluatedSettings? {
    var files = SourceFiles([SourceFile(path: "app/settings.py", text: source)] + extra)
    files.unreadFiles = unread
    let evaluator = SettingsEvaluator(files: files, unsetVariablesTakeDefaults: true)
    evaluator.deployed = deployed
    return evaluator.evaluate(module: "app.settings")
  }

  static func value(
    _ source: String, _ name: String = "X", extra: [SourceFile] = [],
    deployed: DeployedFiles? = .amazonLinux(), unread: Set<String> = []
  ) -> String? {
    evaluate(source, extra: extra, deployed: deployed, unread: unread)?[name]?.value.pythonRepr
  }

  static let ini = SourceFile(
    path: "app/conf.ini",
    text: """
      # comment
      [DEFAULT]
      base = /srv
      [django]
      Hosts = a b
      debug = true
      port: 8000
      key = %%x%%
      path = %(base)s/app
      multi = one
        two

        three
      [db]
      name = x

      """)

  @Test func fileIsTheDeployedPath() {
    let source = """
      import os
      from pathlib import Path
      BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
      ROOT = Path(__file__).resolve().parent.parent
      X = [BASE, str(ROOT), str(ROOT / 'static'), os.path.join(BASE, 'db.sqlite3'), str(Path(__file__).parents[1])]

      """
    #expect(
      Self.value(source)
        == "['/var/app/current', '/var/app/current', '/var/app/current/static', '/var/app/current/db.sqlite3', '/var/app/current']"
    )
    // Without a known layout `__file__` stays unknown, as before.
    #expect(Self.evaluate(source, deployed: nil)?["BASE"]?.value.hasUnknown == true)
  }

  @Test func amiResolvedPathsHaveNoKnownText() {
    let source = """
      import os
      from pathlib import Path
      A = os.path.dirname(os.path.abspath(__file__))
      R = os.path.realpath(__file__)
      X = (Path(__file__).resolve().parent / 'conf.ini').exists()

      """
    let settings = Self.evaluate(source, extra: [Self.ini], deployed: .amazonLinuxAMI())
    #expect(settings?["A"]?.value.pythonRepr == "'/opt/python/current/app/app'")
    #expect(settings?["R"]?.value.hasUnknown == true)
    #expect(settings?["X"]?.value.pythonRepr == "True")
  }

  @Test func pathFunctionsAsPosixpath() {
    let source = """
      import os
      from pathlib import Path
      X = [os.path.dirname('/a/b/'), os.path.dirname('/a'), os.path.dirname('a'), os.path.normpath('a/../../b'), os.path.normpath('//a/./b/'), os.path.basename('/a/b'), str(Path('a') / 'b' / '../c'), str(Path('/x') / '/y'), str(Path('')), str(Path('a//b/./c')), str(Path('/a/b').parents[1]), str(Path('a').parent), str(Path('/').parent), Path('/a/b.py').stem, Path('/a/b.py').suffix, Path('x') == Path('x'), Path('x') == 'x']

      """
    #expect(
      Self.value(source)
        == "['/a/b', '/', '', '../b', '//a/b', 'b', 'a/b/../c', '/y', '.', 'a/b/c', '/', '.', '/', 'b', '.py', True, False]"
    )
  }

  @Test func parentsPastTheRootRaise() {
    let settings = Self.evaluate("from pathlib import Path\nX = Path('/a/b').parents[2]\n")
    #expect(settings?.failure?.message.contains("IndexError") == true)
  }

  @Test func fileTestsAnswerFromTheBundle() {
    let source = """
      import os
      from pathlib import Path
      HERE = os.path.dirname(os.path.abspath(__file__))
      X = [os.path.exists(os.path.join(HERE, 'conf.ini')), os.path.isfile(os.path.join(HERE, 'local.py')), os.path.isdir(HERE), Path(HERE, 'page.html').is_file(), os.path.exists('app/conf.ini'), Path('app').is_dir()]

      """
    #expect(
      Self.value(source, extra: [Self.ini], unread: ["app/page.html"])
        == "[True, False, True, True, True, True]")
  }

  @Test func fileTestsOutsideTheFolderOrAfterDeployCommandsAreUnknown() {
    let outside = Self.evaluate("import os\nX = os.path.isfile('/sys/hypervisor/uuid')\n")
    #expect(outside?["X"]?.value.hasUnknown == true)
    var deployed = DeployedFiles.amazonLinux()
    deployed.createdAtDeploy = "container command 01_collect runs in the application folder"
    let created = Self.evaluate(
      "import os\nX = os.path.exists('/var/app/current/local.py')\n", deployed: deployed)
    #expect(created?["X"]?.value.hasUnknown == true)
  }

  @Test func workingDirectoryFollowsChdir() {
    let source =
      "import os\nfrom pathlib import Path\nX = [os.getcwd(), str(Path.cwd()), os.path.abspath('x')]\n"
    #expect(
      Self.value(source, deployed: .amazonLinux(chdir: "src"))
        == "['/var/app/current/src', '/var/app/current/src', '/var/app/current/src/x']")
  }

  @Test func configParserReadsTheBundledFile() {
    let source = """
      import os
      from configparser import ConfigParser, RawConfigParser
      c = ConfigParser()
      R = c.read(os.path.join(os.path.dirname(__file__), 'conf.ini'))
      X = [c.get('django', 'hosts'), c.getboolean('django', 'debug'), c.getint('django', 'port'), c.get('django', 'key'), c.get('django', 'path'), c.get('django', 'multi'), c.get('db', 'base'), c.get('db', 'nope', fallback='fb'), c['django']['hosts'], c['django'].get('nope'), c.sections(), c.has_section('DEFAULT'), c.has_option('db', 'base')]
      r = RawConfigParser()
      r.read('/var/app/current/app/conf.ini')
      Y = r.get('django', 'path')

      """
    let settings = Self.evaluate(source, extra: [Self.ini])
    #expect(settings?["R"]?.value.pythonRepr == "['/var/app/current/app/conf.ini']")
    #expect(
      settings?["X"]?.value.pythonRepr
        == "['a b', True, 8000, '%x%', '/srv/app', 'one\\ntwo\\n\\nthree', '/srv', 'fb', 'a b', None, ['django', 'db'], False, True]"
    )
    #expect(settings?["Y"]?.value.pythonRepr == "'%(base)s/app'")
  }

  @Test func aFileMissingFromTheBundleIsSkippedThenGetRaises() {
    let source = """
      from configparser import ConfigParser
      c = ConfigParser()
      R = c.read('/var/app/current/app/missing.ini')
      SECRET_KEY = c.get('django', 'secret')

      """
    let settings = Self.evaluate(source)
    #expect(settings?["R"]?.value.pythonRepr == "[]")
    #expect(settings?.failure?.message.contains("NoSectionError") == true)
  }

  @Test func configParserRefusalsRaiseAsCPython() {
    let cases: [(String, String)] = [
      ("x = 1\n", "MissingSectionHeaderError"), ("[a]\nx=1\nx=2\n", "DuplicateOptionError"),
      ("[a]\n[a]\n", "DuplicateSectionError"), ("[a]\nnovalue\n", "ParsingError"),
    ]
    for (text, exception) in cases {
      let file = SourceFile(path: "app/bad.ini", text: text)
      let settings = Self.evaluate(
        "from configparser import ConfigParser\nc = ConfigParser()\nc.read('/var/app/current/app/bad.ini')\n",
        extra: [file])
      #expect(settings?.failure?.message.contains(exception) == true, "\(text)")
    }
  }

  @Test func anUnreadOrUnnamedFileLeavesEveryValueUnknown() {
    let source = """
      import os
      from configparser import ConfigParser
      c = ConfigParser()
      c.read(os.environ.get('CONF_FILE'))
      X = c.get('django', 'hosts')

      """
    let settings = Self.evaluate(source)
    #expect(settings?["X"]?.value.hasUnknown == true)
    #expect(settings?.failure == nil)
    let unread = Self.evaluate(
      "from configparser import ConfigParser\nc = ConfigParser()\nc.read('/var/app/current/app/x.conf')\nX = c.get('a', 'b')\n",
      unread: ["app/x.conf"])
    #expect(unread?["X"]?.value.hasUnknown == true)
    #expect(unread?.failure == nil)
  }

  @Test func hostileINIStaysBounded() {
    // Ten levels of twenty references each: CPython would expand 20^10 copies.
    var text = "[a]\nv0 = x\n"
    for level in 1...10 {
      text += "v\(level) = " + String(repeating: "%(v\(level - 1))s", count: 20) + "\n"
    }
    for index in 0..<50_000 { text += "k\(index) = \(index)\n" }
    let file = SourceFile(path: "app/big.ini", text: text)
    let source = """
      from configparser import ConfigParser
      c = ConfigParser()
      c.read('/var/app/current/app/big.ini')
      X = c.get('a', 'v10')
      Y = c.get('a', 'k49999')
      Z = [c.has_option('a', 'k%d' % i) for i in range(2000)]

      """
    let settings = Self.evaluate(source, extra: [file])
    #expect(settings?["X"]?.value.hasUnknown == true)
    #expect(settings?["Y"]?.value.pythonRepr == "'49999'")
    #expect(settings?.failure == nil)
  }
}
