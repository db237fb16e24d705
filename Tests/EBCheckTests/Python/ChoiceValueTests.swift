import EBCheckCore
import EBCheckPython
import Testing

/// Values that are one of a few known values, by a condition ebcheck cannot decide: the
/// variable whose name is chosen that way, and lists extended or changed by such a value.
@Suite struct ChoiceValueTests {
  static func evaluate(_ source: String, env: [String: String] = [:]) -> EvaluatedSettings? {
    let sources = SourceFiles([SourceFile(path: "site/settings.py", text: source)])
    return SettingsEvaluator(files: sources, env: env, unsetVariablesTakeDefaults: true)
      .evaluate(module: "site.settings")
  }

  static let computedName = """
    import os
    LOCAL = os.environ.get('LOCAL') == '1'
    ALLOWED_HOSTS = os.environ.get('LOCAL_HOSTS' if LOCAL else 'LIVE_HOSTS',
                                   os.environ.get('ALLOWED_HOSTS', '')).split(',')

    """

  @Test func aNameChosenByAnUndecidedTestReadsEachName() {
    let sources = SourceFiles([SourceFile(path: "site/settings.py", text: Self.computedName)])
    let settings = SettingsEvaluator(files: sources).evaluate(module: "site.settings")
    let names = Set(settings?.envReads.map(\.name) ?? [])
    #expect(names.isSuperset(of: ["LOCAL_HOSTS", "LIVE_HOSTS", "ALLOWED_HOSTS"]))
  }

  @Test func theDeployedNameIsReadWhenTheTestIsDecided() {
    let settings = Self.evaluate(Self.computedName)
    #expect(settings?["ALLOWED_HOSTS"]?.value.pythonRepr == "['']")
  }

  @Test func namesThatDisagreeGiveOneOfTheirValues() {
    let sources = SourceFiles([SourceFile(path: "site/settings.py", text: Self.computedName)])
    let settings = SettingsEvaluator(files: sources, env: ["LIVE_HOSTS": "a.example.com"])
      .evaluate(module: "site.settings")
    guard case .dynamic(let dynamic)? = settings?["ALLOWED_HOSTS"]?.value else {
      Issue.record("expected one of two values")
      return
    }
    #expect(dynamic.possibleValues.isEmpty == false || dynamic.reason.contains("LOCAL_HOSTS"))
  }

  @Test func aSetExtendsAListWithItsElements() {
    let settings = Self.evaluate("HOSTS = ['a']\nHOSTS.extend({'b', 'b', 'c'})\n")
    #expect(settings?["HOSTS"]?.value.pythonRepr == "['a', 'b', 'c']")
  }

  @Test func aListExtendedByOneOfTwoSetsKeepsBothLists() {
    let source = """
      import requests
      extra = requests.get('http://example.com/ip').text
      ALLOWED_HOSTS = ['a']
      ALLOWED_HOSTS.extend({'b', extra} if extra else {'b'})
      ALLOWED_HOSTS.extend(['*'])

      """
    guard case .dynamic(let dynamic)? = Self.evaluate(source)?["ALLOWED_HOSTS"]?.value else {
      Issue.record("expected one of two lists")
      return
    }
    #expect(dynamic.possibleValues.count == 2)
    #expect(
      dynamic.possibleValues.allSatisfy {
        $0.elements?.contains { $0.value == .string("*") } == true
      })
  }
}
