import EBCheckCore
import Testing

@testable import EBCheckModel

/// With an `.ebignore` the EB CLI zips the working folder: a literal `!PATH` line the
/// repository holds nothing under is a file the author keeps there and deploys (a secret never
/// committed), so a container image copies it with text the repository does not show.
@Suite struct EBIgnoreReincludedTests {
  static func files(_ contents: [String: String]) -> SourceFiles {
    SourceFiles(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  @Test func aLiteralNegationTheRepositoryLacksIsDeployedUnseen() {
    let source = Self.files([
      ".ebignore": "node_modules/\r\n!.config_secret/\r\n!docs/*.md\r\n!app\r\n# « secrets »\r\n",
      "app/settings.py": "X = 1\n",
      "Dockerfile": "FROM python:3.12\nCOPY . /srv/app\n",
    ])
    let unseen = ContainerImageLayout.reincluded(source)
    #expect(unseen.map(\.path) == [".config_secret"])
    #expect(unseen.first?.reason.hasPrefix(".ebignore:2 puts it back") == true)
  }

  @Test func withoutAnEbignoreNothingIsUnseen() {
    let source = Self.files([".gitignore": ".config_secret/\n", "app/settings.py": "X = 1\n"])
    #expect(ContainerImageLayout.reincluded(source).isEmpty)
  }
}
