import EBCheckCore
import Foundation
import Testing

/// `ebcheck fix` as ruff users expect it (0.2): it applies the safe fixes, `--diff` prints
/// the patch and exits 1 when there is one, `--write` and `check --fix` are aliases, and
/// the "fixable with `ebcheck fix`" hint is true for every fixture.
@Suite struct FixCommandTests {
  static func gitApplyCheck(_ patch: String, in folder: String) throws -> Int32 {
    try gitApplyCheck(Array(patch.utf8), in: folder)
  }

  static func gitApplyCheck(_ patch: [UInt8], in folder: String) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "apply", "--check", "-"]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let input = Pipe()
    process.standardInput = input
    process.standardError = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data(patch))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    return process.terminationStatus
  }

  @Test func fixAloneAppliesTheSafeFixes() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let run = try repository.run(["fix"])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stderr.contains("Fixed 1 finding (3 files changed)."))
    #expect(run.stdout.contains("No problems"), "the report of what remains")
    #expect(try repository.run(["check"]).status == 0)
  }

  @Test func diffExitsOneWhenThereIsAPatchAndZeroWhenNot() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let before = try repository.snapshot()
    let diff = try repository.run(["fix", "--diff"])
    #expect(diff.status == 1)
    #expect(diff.stdout.hasPrefix("diff --git "))
    #expect(try repository.snapshot() == before, "--diff writes nothing")
    #expect(try Self.gitApplyCheck(diff.stdout, in: repository.root) == 0)
    #expect(try repository.run(["check", "--fix"]).status == 0)
    let again = try repository.run(["fix", "--diff"])
    #expect(again.status == 0 && again.stdout.isEmpty)
  }

  @Test func diffPathsAreRelativeToTheRepositoryRoot() throws {
    let repository = try ScratchRepository.seed(at: "backend")
    defer { repository.remove() }
    let diff = try repository.run(["fix", "--diff", "."], in: "backend/mysite")
    #expect(diff.stdout.contains("+++ b/backend/mysite/settings.py"))
    #expect(try Self.gitApplyCheck(diff.stdout, in: repository.root) == 0)
  }

  @Test func writeIsAnAliasAndConflictsWithDiff() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    #expect(try repository.run(["fix", "--write", "--diff"]).status == 2)
    #expect(try repository.run(["fix", "--write"]).status == 0)
  }

  @Test func showFixesListsEachFix() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let available = try repository.run(["check", "--show-fixes"])
    #expect(available.stdout.contains("fixes available:\n  mysite/settings.py:26: HC001 answer"))
    let run = try repository.run(["fix", "--show-fixes"])
    #expect(run.stderr.contains("  HC001 answer /health/ from a middleware"))
  }

  @Test func fixingOnlyTheFocusLeavesTheRestAlone() throws {
    let repository = try ScratchRepository()
    defer { repository.remove() }
    try repository.copy(fixture: "seed", to: "api")
    try repository.copy(fixture: "seed", to: "web")
    let run = try repository.run(["fix", "api"])
    #expect(run.status == 0)
    #expect(try repository.run(["check", "web"]).status == 1, "web was not asked for")
  }

  /// For every fixture: after `ebcheck fix`, `check` finds nothing `ebcheck fix` could fix,
  /// so the hint it printed before was true; every patch applies with `git apply --check`.
  @Test func theFixableHintIsTrueForEveryFixture() throws {
    let fixtures = try FileManager.default.contentsOfDirectory(
      atPath: PythonTestSupport.repositoryRoot.appendingPathComponent("Fixtures/projects").path)
    for fixture in fixtures.sorted() {
      let repository = try ScratchRepository()
      defer { repository.remove() }
      try repository.copy(fixture: fixture, to: "")
      let diff = try repository.run(["fix", "--diff"])
      if !diff.stdout.isEmpty {
        #expect(try Self.gitApplyCheck(diff.stdout, in: repository.root) == 0, "\(fixture)")
      }
      let fixed = try repository.run(["fix"])
      #expect(fixed.status == 0 || fixed.status == 1, "\(fixture): \(fixed.stderr)")
      let after = try OutputContractTests.json(
        try repository.run(["check", "--format", "json"]).stdout)
      let safe = ((after["diagnostics"] as? [[String: Any]]) ?? []).filter {
        ($0["fix"] as? [String: Any])?["applicability"] as? String == "safe"
      }
      #expect(safe.isEmpty, "\(fixture): still fixable after fix: \(safe.map { $0["rule"] ?? "" })")
    }
  }
}
