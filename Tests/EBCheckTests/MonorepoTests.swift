import EBCheck
import EBCheckCore
import EBCheckRules
import Testing

/// Several Beanstalk applications in one repository are linted folder by folder.
@Suite struct MonorepoTests {
  static func app(_ prefix: String, hosts: String) -> [SourceFile] {
    let example = ExampleRepo.django(settings: "ALLOWED_HOSTS = \(hosts)\n")
    return example.files.map { SourceFile(path: prefix + $0.key, text: $0.value) }
  }

  @Test func eachApplicationIsSimulatedInItsOwnFolder() throws {
    let files = SourceFiles(
      Self.app("services/api/", hosts: "['api.example.com']")
        + Self.app("services/web/", hosts: "['*']"))
    let result = Linter.lint(files)
    #expect(result.predictions.map(\.environment.name) == ["services/api", "services/web"])
    #expect(result.predictions.map(\.status) == [400, 200])
    let hostFinding = try #require(result.diagnostics.first { $0.rule == "HC001" })
    #expect(hostFinding.location.file == "services/api/mysite/settings.py")
    #expect(hostFinding.fix?.edits.allSatisfy { $0.file.hasPrefix("services/api/") } == true)
    #expect(
      result.diagnostics.contains {
        $0.rule == "DJ001" && $0.location.file.hasPrefix("services/web/")
      })
  }

  @Test func fixesLandInTheRightFolderAndHeal() {
    let files = SourceFiles(Self.app("services/api/", hosts: "['api.example.com']"))
    let outcome = FixSession.run(files, options: LintOptions(), includeUnsafe: false)
    #expect(outcome.changed.keys.contains("services/api/mysite/ebcheck_health.py"))
    #expect(outcome.remaining.predictions.first?.healthy == true)
  }
}
