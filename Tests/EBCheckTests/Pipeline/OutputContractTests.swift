import EBCheckCore
import Foundation
import Testing

/// The report contract CI reads (0.2): one document per run whatever the number of paths,
/// paths relative to the current directory (SARIF: to the repository root), the formats,
/// `--exit-zero`, `--color` and `--version`. Runs the `ebcheck` binary on scratch repositories.
@Suite struct OutputContractTests {
  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  static func files(ofDiagnostics report: [String: Any]) -> [String] {
    ((report["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["file"] as? String }
  }

  // MARK: One document per run

  @Test func twoPathsGiveOneJSONDocument() throws {
    let repository = try ScratchRepository()
    defer { repository.remove() }
    try repository.copy(fixture: "seed", to: "api")
    try repository.copy(fixture: "ssl-redirect", to: "web")
    let run = try repository.run(["check", "--format", "json", "api", "web"])
    #expect(run.status == 1, "\(run.stderr)")
    let report = try Self.json(run.stdout)
    let files = Self.files(ofDiagnostics: report)
    #expect(files.contains("api/mysite/settings.py"))
    #expect(files.contains { $0.hasPrefix("web/") })
    #expect((report["healthChecks"] as? [Any])?.count == 2)
    let summary = try #require(report["summary"] as? [String: Any])
    #expect(summary["files"] as? Int == 19, "8 seed files and 11 ssl-redirect files")
  }

  @Test func twoPathsGiveOneSARIFRunInTheOutputFile() throws {
    let repository = try ScratchRepository()
    defer { repository.remove() }
    try repository.copy(fixture: "seed", to: "api")
    try repository.copy(fixture: "ssl-redirect", to: "web")
    let run = try repository.run(
      ["check", "--output-format", "sarif", "--output-file", "out.sarif", "api", "web"])
    #expect(run.status == 1 && run.stdout.isEmpty, "\(run.stderr)")
    let log = try Self.json(try repository.read("out.sarif"))
    let runs = try #require(log["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    let uris = ((runs[0]["results"] as? [[String: Any]]) ?? []).compactMap { result in
      (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
        "artifactLocation"] as? [String: Any])?["uri"] as? String
    }
    #expect(uris.contains("api/mysite/settings.py"))
    #expect(uris.contains { $0.hasPrefix("web/") })
  }

  @Test func theSamePathTwiceReportsEachFindingOnce() throws {
    let repository = try ScratchRepository.seed(at: "backend")
    defer { repository.remove() }
    let once = try repository.run(["check", "--format", "json", "backend"])
    let twice = try repository.run(["check", "--format", "json", "backend", "backend/"])
    #expect(once.stdout == twice.stdout)
  }

  // MARK: Paths

  @Test func textPathsAreRelativeToTheCurrentDirectory() throws {
    let repository = try ScratchRepository.seed(at: "backend")
    defer { repository.remove() }
    let header = "backend/mysite/settings.py:26:1: error[HC001]"
    #expect(try repository.run(["check", "backend"]).stdout.hasPrefix(header))
    #expect(try repository.run(["check", "."]).stdout.hasPrefix(header))
    #expect(try repository.run(["check"]).stdout.hasPrefix(header))
    let inside = try repository.run(["check", "."], in: "backend/mysite")
    #expect(inside.stdout.hasPrefix("settings.py:26:1: error[HC001]"))
    #expect(inside.stdout.contains("(../.ebextensions/django.config:3)"), "trace hops too")
    let github = try repository.run(["check", "--format", "github", "backend"])
    #expect(github.stdout.hasPrefix("::error file=backend/mysite/settings.py,line=26,"))
  }

  @Test func sarifURIsAreRepositoryRelativeFromAnySubfolder() throws {
    let repository = try ScratchRepository.seed(at: "backend")
    defer { repository.remove() }
    for folder in ["", "backend", "backend/mysite"] {
      let run = try repository.run(["check", "--format", "sarif", "."], in: folder)
      #expect(run.stdout.contains("\"uri\": \"backend/mysite/settings.py\""), "from \(folder)")
      #expect(run.stdout.contains("\"uri\": \"file://\(repository.root)/\""))
      #expect(!run.stdout.contains("\"SRCROOT\""))
    }
  }

  @Test func withoutGitTheCurrentDirectoryIsTheRepositoryRoot() throws {
    let repository = try ScratchRepository.seed(at: "backend", git: false)
    defer { repository.remove() }
    let run = try repository.run(["check", "--format", "sarif", "."], in: "backend")
    #expect(run.stdout.contains("\"uri\": \"mysite/settings.py\""))
    #expect(run.stdout.contains("\"uri\": \"file://\(repository.root)/backend/\""))
  }

  /// Golden reports of a repository whose app sits in `backend/`, linted from the root.
  @Test(arguments: ["full", "concise", "json", "sarif", "github"])
  func subfolderRepositoryMatchesGolden(_ format: String) throws {
    let repository = try ScratchRepository.seed(at: "backend")
    defer { repository.remove() }
    let run = try repository.run(["check", "--output-format", format, "backend"])
    #expect(run.status == 1)
    try Golden.assert(
      run.stdout.replacingOccurrences(of: repository.root, with: "/repo"),
      matches: "subfolder.\(format)")
  }

  // MARK: Formats and exit codes

  @Test func formatIsAnAliasAndTextIsFull() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let full = try repository.run(["check", "--output-format", "full"])
    #expect(try repository.run(["check", "--format", "text"]).stdout == full.stdout)
    #expect(try repository.run(["check", "--format", "full"]).stdout == full.stdout)
    let bad = try repository.run(["check", "--output-format", "xml"])
    #expect(bad.status == 2)
  }

  @Test func conciseIsOneLinePerFindingThenTheSummary() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let run = try repository.run(["check", "--output-format", "concise"])
    #expect(run.status == 1)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("mysite/settings.py:26:1: HC001 ALLOWED_HOSTS") == true)
    #expect(lines.last == "1 error in 8 files")
  }

  @Test func exitZeroKeepsFindingsButExitsZero() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let run = try repository.run(["check", "--exit-zero"])
    #expect(run.status == 0 && run.stdout.contains("error[HC001]"))
    #expect(try repository.run(["check", "--exit-zero", "--select", "XX999"]).status == 2)
  }

  @Test func colorIsChosenByTheFlag() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    // The runner sets NO_COLOR=1 and stdout is a pipe.
    #expect(!(try repository.run(["check"]).stdout.contains("\u{1B}[")))
    #expect(try repository.run(["check", "--color", "always"]).stdout.contains("\u{1B}[1;31m"))
    #expect(!(try repository.run(["check", "--color", "never"]).stdout.contains("\u{1B}[")))
    #expect(
      !(try repository.run(["check", "--color", "auto"], environment: ["NO_COLOR": "1"]).stdout
        .contains("\u{1B}[")))
    #expect(
      !(try repository.run(["check", "--format", "json", "--color", "always"]).stdout
        .contains("\u{1B}[")), "machine formats never get colors")
  }
}
