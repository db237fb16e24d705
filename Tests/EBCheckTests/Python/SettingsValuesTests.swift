import EBCheckCore
import EBCheckPython
import Testing

/// `filter(None, …)`, `dict.fromkeys(…)`, `enum.Enum` members and `None.method()`, as CPython 3.12 computes them.
@Suite struct SettingsValuesTests {
  static func evaluate(_ source: String, env: [String: String] = [:], defaults: Bool = true)
    -> EvaluatedSettings?
  {
    let files = SourceFiles([SourceFile(path: "app/settings.py", text: source)])
    return SettingsEvaluator(files: files, env: env, unsetVariablesTakeDefaults: defaults)
      .evaluate(module: "app.settings")
  }

  static func hosts(_ source: String, env: [String: String] = [:]) -> String? {
    evaluate(source, env: env)?["ALLOWED_HOSTS"]?.value.pythonRepr
  }

  static let stages = """
    import os
    from enum import Enum
    class Stage(Enum):
        NONE = None
        DEV = 'dev'
        PROD = 'prod'
        LIVE = 'prod'
    S = Stage(os.getenv('APP_STAGE', Stage.PROD.value))

    """

  @Test func filterNoneKeepsTruthyElements() {
    let source = """
      ALLOWED_HOSTS = [list(filter(None, ' a  b '.split(' '))), list(filter(None, ['', 0, None, 'x', [], [0]]))]

      """
    // CPython: [['a', 'b'], ['x', [0]]]
    #expect(Self.hosts(source) == "[['a', 'b'], ['x', [0]]]")
  }

  @Test func filterWithAFunctionIsNotGuessed() {
    #expect(Self.hosts("ALLOWED_HOSTS = list(filter(len, ['a', '']))\n")?.contains("'a'") != true)
  }

  @Test func dictFromKeysDeduplicatesInFirstSeenOrder() {
    let source = """
      ALLOWED_HOSTS = [list(dict.fromkeys(['b', 'a', 'b', 'c', 'a'])), dict.fromkeys('aba', 1), list(dict.fromkeys(('x',)))]

      """
    // CPython: [['b', 'a', 'c'], {'a': 1, 'b': 1}, ['x']]
    #expect(Self.hosts(source) == "[['b', 'a', 'c'], {'a': 1, 'b': 1}, ['x']]")
  }

  @Test func dictFromKeysWithKeywordsIsNotGuessed() {
    #expect(
      Self.hosts("ALLOWED_HOSTS = list(dict.fromkeys(iterable=['a']))\n")?.contains("'a'") != true)
  }

  @Test func enumMembersCompareByIdentityAndLookUpByValue() {
    let source =
      Self.stages
      + "ALLOWED_HOSTS = [S == Stage.PROD, S is Stage.LIVE, S.name, S.value, Stage.DEV != S, Stage('dev').name, Stage._member_names_]\n"
    // CPython: [True, True, 'PROD', 'prod', True, 'DEV', ['NONE', 'DEV', 'PROD']]
    #expect(
      Self.hosts(source) == "[True, True, 'PROD', 'prod', True, 'DEV', ['NONE', 'DEV', 'PROD']]")
    #expect(
      Self.hosts(source, env: ["APP_STAGE": "dev"])?.hasPrefix("[False, False, 'DEV'") == true)
  }

  @Test func anEnumValueNoMemberHasRaisesValueError() {
    let settings = Self.evaluate(Self.stages + "ALLOWED_HOSTS = ['*']\n", env: ["APP_STAGE": "qa"])
    #expect(settings?.failure?.message.hasPrefix("ValueError") == true)
  }

  @Test func anEnumChosenByAnOpenVariableRecordsEachComparedValue() {
    let source =
      Self.stages
      + "if S == Stage.DEV:\n    ALLOWED_HOSTS = ['*']\nelif Stage.PROD == S:\n    pass\n"
    let settings = Self.evaluate(source, defaults: false)
    #expect(settings?.envConditions.map(\.name) == ["APP_STAGE", "APP_STAGE"])
    #expect(settings?.envConditions.flatMap(\.values) == ["dev", "prod"])
  }

  @Test func aMethodOfNoneRaisesAttributeErrorAtImport() {
    let source = "import os\nALLOWED_HOSTS = os.getenv('HOSTS').split(' ')\n"
    let unset = Self.evaluate(source)
    #expect(unset?.failure?.message.hasPrefix("AttributeError") == true)
    #expect(unset?.failure?.location.span.start == 26)  // the call `os.getenv(…).split(…)`
    #expect(
      Self.hosts(source, env: ["HOSTS": "a.example b.example"]) == "['a.example', 'b.example']")
  }
}
