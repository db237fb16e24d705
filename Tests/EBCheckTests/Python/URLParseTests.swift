import EBCheckCore
import EBCheckPython
import Testing

/// `urllib.parse.urlparse(...)` attributes, as CPython 3.12 computes them.
@Suite struct URLParseTests {
  static func hosts(_ source: String, env: [String: String] = [:]) -> String? {
    let files = SourceFiles([SourceFile(path: "app/settings.py", text: source)])
    let settings = SettingsEvaluator(files: files, env: env, unsetVariablesTakeDefaults: true)
      .evaluate(module: "app.settings")
    return settings?["ALLOWED_HOSTS"]?.value.pythonRepr
  }

  @Test func attributesMatchCPython() {
    let source = """
      from urllib.parse import urlparse
      u = 'https://user@WWW.Example.com:8443/app?x=1'
      ALLOWED_HOSTS = [urlparse(u).netloc, urlparse(u).hostname, urlparse(u).port, urlparse(u).scheme,
                       urlparse(u).path, urlparse('//a.b/c').path, urlparse('[::1]:80').scheme,
                       urlparse('localhost:8000').scheme, urlparse('http://[::1]:80/').hostname]

      """
    // Printed by CPython 3.12 for the same expressions.
    #expect(
      Self.hosts(source)
        == "['user@WWW.Example.com:8443', 'www.example.com', 8443, 'https', '/app', '/c', '', 'localhost', '::1']"
    )
  }

  @Test func netlocOfAnEnvironmentURLTakesItsDefaultOrTheValue() {
    let source = """
      import os
      from urllib.parse import urlparse
      ALLOWED_HOSTS = [urlparse(os.environ.get('SITE_URL', 'https://www.example.com/')).netloc]

      """
    #expect(Self.hosts(source) == "['www.example.com']")
    #expect(
      Self.hosts(source, env: ["SITE_URL": "http://shop.example.org:8000"])
        == "['shop.example.org:8000']")
  }
}
