import EBCheckCore
import EBCheckPython
import Testing

/// `setattr(sys.modules[__name__], key, value)` with a key ebcheck cannot read opens the
/// module's namespace: the settings keep the values the repository's lines give them, and
/// the ones no later line assigns are named as the condition of that answer.
@Suite struct OpenNamespaceTests {
  static func evaluate(_ files: [String: String], module: String = "site.settings")
    -> EvaluatedSettings?
  {
    let sources = SourceFiles(files.map { SourceFile(path: $0.key, text: $0.value) })
    return SettingsEvaluator(files: sources, unsetVariablesTakeDefaults: true)
      .evaluate(module: module)
  }

  static let loader = """
    import json, os, sys
    SECRETS = os.path.join(os.path.dirname(__file__), '.secrets', 'prod.json')
    ROOT_URLCONF = 'site.urls'
    DEBUG = False
    def apply(values, module_name=None):
        for key, value in values.items():
            setattr(sys.modules[module_name], key, value)
    apply(json.loads(open(SECRETS).read()), __name__)

    """

  static let names = ["ALLOWED_HOSTS", "MIDDLEWARE", "ROOT_URLCONF", "DEBUG"]

  static func open(_ settings: EvaluatedSettings?) -> [String] {
    settings?.openNamespace?.openNames(among: names) ?? []
  }

  @Test func settingsBeforeTheUnreadableWriteKeepTheirValuesAndAreTheCondition() {
    let settings = Self.evaluate(["site/settings.py": Self.loader + "ALLOWED_HOSTS = ['*']\n"])
    #expect(settings?["ROOT_URLCONF"]?.value.pythonRepr == "'site.urls'")
    #expect(settings?["DEBUG"]?.value.pythonRepr == "False")
    #expect(Self.open(settings) == ["MIDDLEWARE", "ROOT_URLCONF", "DEBUG"])
    let writer = settings?.openNamespace?.writer ?? ""
    #expect(writer.contains("setattr at site/settings.py:7"))
    #expect(writer.contains("called at site/settings.py:8"))
  }

  @Test func settingsAssignedAfterAreNotTheCondition() {
    let settings = Self.evaluate(["site/settings.py": Self.loader + "ALLOWED_HOSTS = ['*']\n"])
    #expect(settings?["ALLOWED_HOSTS"]?.value.pythonRepr == "['*']")
    #expect(!Self.open(settings).contains("ALLOWED_HOSTS"))
  }

  @Test func aSettingNeverAssignedKeepsDjangosDefaultUnderTheCondition() {
    let settings = Self.evaluate(["site/settings.py": Self.loader])
    #expect(settings?["SECURE_SSL_REDIRECT"] == nil)
    #expect(
      settings?.openNamespace?.openNames(among: ["SECURE_SSL_REDIRECT"]) == ["SECURE_SSL_REDIRECT"])
    let closed = Self.evaluate(["site/settings.py": "DEBUG = False\n"])
    #expect(closed?.openNamespace == nil)
  }

  @Test func aSettingReadWhileOpenStaysTheCondition() {
    let source = "MIDDLEWARE = []\n" + Self.loader + "MIDDLEWARE += ['x']\n"
    let settings = Self.evaluate(["site/settings.py": source])
    #expect(settings?["MIDDLEWARE"]?.value.pythonRepr == "['x']")
    #expect(Self.open(settings).contains("MIDDLEWARE"))
  }

  @Test func aNameOnlyTheWritesCouldDefineIsUnknownWithTheReason() {
    let settings = Self.evaluate(["site/settings.py": Self.loader + "X_ON = FEATURE_FLAG\n"])
    guard case .dynamic(let dynamic)? = settings?["X_ON"]?.value else {
      Issue.record("expected an unknown value")
      return
    }
    #expect(dynamic.reason.contains("setattr at site/settings.py:7"))
  }

  @Test func aLiteralNameJustAssigns() {
    let source = """
      import sys
      DEBUG = True
      setattr(sys.modules[__name__], 'DEBUG', False)

      """
    let settings = Self.evaluate(["site/settings.py": source])
    #expect(settings?["DEBUG"]?.value.pythonRepr == "False")
    #expect(settings?.openNamespace == nil)
  }

  @Test func anotherModulesNamespaceIsNotThisOne() {
    let source = """
      import sys, json
      DEBUG = False
      for key, value in json.loads(open('x.json').read()).items():
          setattr(sys.modules['other'], key, value)

      """
    let settings = Self.evaluate(["site/settings.py": source])
    #expect(settings?["DEBUG"]?.value.pythonRepr == "False")
    #expect(settings?.openNamespace == nil)
  }

  @Test func aStarImportCarriesTheOpenNamespace() {
    let settings = Self.evaluate(
      [
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": Self.loader.replacingOccurrences(of: "site.urls", with: "u"),
        "site/settings/prod.py": "from .base import *\nALLOWED_HOSTS = ['*']\n",
      ], module: "site.settings.prod")
    #expect(settings?.openNamespace?.writer.contains("site/settings/base.py") == true)
    #expect(Self.open(settings) == ["MIDDLEWARE", "ROOT_URLCONF", "DEBUG"])
    #expect(settings?["ALLOWED_HOSTS"]?.value.pythonRepr == "['*']")
  }

  @Test func globalsAndVarsWritesWithUnreadableNamesOpenTheNamespace() {
    let shapes = [
      "for k, v in json.load(open('s.json')).items():\n    globals()[k] = v\n",
      "globals().update(json.load(open('s.json')))\n",
      "for k, v in json.load(open('s.json')).items():\n    vars(sys.modules[__name__])[k] = v\n",
    ]
    for shape in shapes {
      let source = "import json, sys\nDEBUG = False\n" + shape + "ALLOWED_HOSTS = ['*']\n"
      let settings = Self.evaluate(["site/settings.py": source])
      #expect(Self.open(settings).contains("DEBUG"), "\(shape)")
      #expect(!Self.open(settings).contains("ALLOWED_HOSTS"), "\(shape)")
      #expect(settings?["ALLOWED_HOSTS"]?.value.pythonRepr == "['*']", "\(shape)")
    }
  }

  @Test func globalsWritesWithKnownNamesJustAssign() {
    let source = """
      DEBUG = True
      globals()['DEBUG'] = False
      globals().update({'SECURE_SSL_REDIRECT': True}, ROOT_URLCONF='u')

      """
    let settings = Self.evaluate(["site/settings.py": source])
    #expect(settings?["DEBUG"]?.value.pythonRepr == "False")
    #expect(settings?["SECURE_SSL_REDIRECT"]?.value.pythonRepr == "True")
    #expect(settings?["ROOT_URLCONF"]?.value.pythonRepr == "'u'")
    #expect(settings?["SECRET_KEY"] == nil)
    #expect(settings?.openNamespace == nil)
  }

  @Test func openOfANamedFileIsUnknownNamingIt() {
    let settings = Self.evaluate(["site/settings.py": "SECRET_KEY = open('/etc/key').read()\n"])
    guard case .dynamic(let dynamic)? = settings?["SECRET_KEY"]?.value else {
      Issue.record("expected an unknown value")
      return
    }
    #expect(dynamic.reason.contains("/etc/key"))
  }

  @Test func aHelperImportedFromBaseWritesIntoTheModuleItIsGiven() {
    let prod = """
      from .base import *
      apply(json.loads(open('prod.json').read()), module_name=__name__)
      ALLOWED_HOSTS = ['*']

      """
    let settings = Self.evaluate(
      [
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": Self.loader, "site/settings/prod.py": prod,
      ], module: "site.settings.prod")
    #expect(settings?.openNamespace?.writer.contains("called at site/settings/prod.py:2") == true)
    #expect(settings?.openNamespace?.source?.contains("JSON") == true)
    #expect(settings?["ALLOWED_HOSTS"]?.value.pythonRepr == "['*']")
  }
}
