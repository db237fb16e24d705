import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckReport
import EBCheckRules
import EBCheckSimulation
import Foundation
import Testing

/// WSGIPath left to the console: 502 with Beanstalk's default module, and the answer under
/// each repository WSGI module the console could name.
@Suite struct ConsoleWSGIPathTests {
  static func lintFixture(_ name: String) throws -> LintResult {
    let path = TestPaths.repository.appendingPathComponent("Fixtures/projects/\(name)").path
    let workspace = try Workspace.load(path: path)
    return workspace.lint(workspace.options(env: [:], select: [], ignore: []))
  }

  /// The condition list, EB005's message and the outcomes' premises in JSON, as a golden.
  @Test func conditionListMatchesGolden() throws {
    let result = try Self.lintFixture("wsgipath-console-set")
    let prediction = try #require(result.predictions.first)
    guard case .conditional(let outcomes) = prediction.verdict else {
      Issue.record("expected a conditional prediction, got \(prediction.verdict)")
      return
    }
    #expect(prediction.status == nil && prediction.healthy == nil)
    var text = "check:\n"
    for outcome in outcomes {
      let status = outcome.status.map(String.init) ?? "-"
      let health = outcome.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "-"
      let value = outcome.premise?.value ?? "(unset)"
      text += "\(outcome.condition) [\(value)]: \(status) \(health)\n"
    }
    for diagnostic in result.diagnostics {
      text += "\(diagnostic.rule) \(diagnostic.severity.rawValue) \(diagnostic.message)\n"
    }
    text += "trace:\n"
    for hop in prediction.trace.hops where hop.step == "environment" {
      text += "\(hop.detail)\n"
    }
    let json = JSONReporter().outcomes(prediction)
    text += "json:\n"
    for outcome in json { text += outcome.prettyPrinted() + "\n" }
    try Golden.assert(text, matches: "console-wsgipath.txt")
  }

  /// EB005 stays an error: a new environment with no options deploys the default.
  @Test func theDefaultsFailureStaysAnError() throws {
    let result = try Self.lintFixture("wsgipath-console-unset")
    let finding = try #require(result.diagnostics.first { $0.rule == "EB005" })
    #expect(finding.severity == .error)
    #expect(
      finding.message.contains("with WSGIPath=harbor.wsgi:application set in the console: 200"))
  }

  static func files(_ contents: [String: String]) -> SourceFiles {
    SourceFiles(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  /// Only a file that binds `application`, in folders Python can import, is a candidate.
  @Test func candidatesBindApplicationInImportableFolders() {
    let files = Self.files([
      "site/wsgi.py":
        "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
      "my-site/wsgi.py": "application = object()\n",
      "tools/wsgi.py": "def main():\n    application = 1\n",
      "wsgi.py": "from site.wsgi import application\n",
      "api/wsgi.py": "def application(environ, start_response):\n    pass\n",
    ])
    #expect(
      EnvironmentBuilder.wsgiModuleFiles(files) == ["wsgi.py", "api/wsgi.py", "site/wsgi.py"])
  }

  /// A Procfile or a WSGIPath the repository sets leaves nothing to the console.
  @Test func aRepositoryThatNamesItsModuleHasNoConsoleArms() {
    var example = ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n").files
    example[".ebextensions/django.config"] =
      "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: mysite.wsgy:application\n"
    let result = Linter.lint(Self.files(example))
    if case .conditional = result.predictions.first?.verdict {
      Issue.record("a repository-set WSGIPath has no console arm")
    }
    #expect(result.predictions.first?.status == 502)
  }
}
