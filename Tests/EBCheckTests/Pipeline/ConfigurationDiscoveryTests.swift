import EBCheck
import EBCheckCore
import Foundation
import Testing

/// Configuration as ruff users expect it (0.2): `.ebcheck.yml` or `[tool.ebcheck]` in
/// `pyproject.toml`, the nearest from each linted path up to the repository root,
/// `--config`, `--isolated`, `--show-settings` and `--verbose`.
@Suite struct ConfigurationDiscoveryTests {
  /// A repository with the seed app in `backend/`; HC001 is its one error.
  static func repository() throws -> ScratchRepository { try ScratchRepository.seed(at: "backend") }

  @Test func aRootConfigurationAppliesToASubfolder() throws {
    let repository = try Self.repository()
    defer { repository.remove() }
    try repository.write(".ebcheck.yml", "ignore: [HC001]\n")
    #expect(try repository.run(["check", "backend"]).status == 0)
    #expect(try repository.run(["check", "."], in: "backend").status == 0)
  }

  @Test func anApplicationFolderConfigurationAppliesWhenLintingTheRoot() throws {
    let repository = try Self.repository()
    defer { repository.remove() }
    try repository.write("backend/.ebcheck.yml", "ignore: [HC001]\n")
    #expect(try repository.run(["check", "."]).status == 0)
    #expect(try repository.run(["check", "backend"]).status == 0)
    let verbose = try repository.run(["check", "--verbose", "."])
    #expect(verbose.stderr.contains("backend uses backend/.ebcheck.yml"), "\(verbose.stderr)")
  }

  @Test func theNearestConfigurationWins() throws {
    let repository = try Self.repository()
    defer { repository.remove() }
    try repository.write(".ebcheck.yml", "ignore: [HC001]\n")
    try repository.write("backend/pyproject.toml", "[tool.ebcheck]\nselect = [\"HC\"]\n")
    let run = try repository.run(["check", "--verbose", "backend"])
    #expect(run.status == 1, "backend/pyproject.toml replaces the root file, it does not merge")
    #expect(
      run.stderr.contains("configuration backend/pyproject.toml (the nearest; searched backend)"))
  }

  @Test func aPyprojectWithoutTheTableIsSkipped() throws {
    let repository = try Self.repository()
    defer { repository.remove() }
    try repository.write(".ebcheck.yml", "ignore: [HC001]\n")
    try repository.write("backend/pyproject.toml", "[project]\nname = 'x'\n")
    #expect(try repository.run(["check", "backend"]).status == 0)
    try repository.write("backend/pyproject.toml", "not toml at all = = =\n")
    #expect(try repository.run(["check", "backend"]).status == 0, "someone else's broken file")
  }

  @Test func ebcheckYmlBeatsPyprojectInTheSameFolder() throws {
    let repository = try Self.repository()
    defer { repository.remove() }
    try repository.write("backend/.ebcheck.yml", "ignore: [HC001]\n")
    try repository.write("backend/pyproject.toml", "[tool.ebcheck]\nselect = [\"HC\"]\n")
    let run = try repository.run(["check", "--verbose", "backend"])
    #expect(run.status == 0)
    #expect(run.stderr.contains("backend/pyproject.toml in the same folder is not read"))
  }

  @Test func pyprojectErrorsNameTheLine() throws {
    let repository = try Self.repository()
    defer { repository.remove() }
    try repository.write("pyproject.toml", "[tool.ebcheck]\nselect = [\"HC\"\nignore = 1\n")
    let run = try repository.run(["check", "backend"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("pyproject.toml:3:"), "\(run.stderr)")
    try repository.write("pyproject.toml", "[tool.ebcheck]\nselects = [\"HC\"]\n")
    let unknown = try repository.run(["check", "backend"])
    #expect(unknown.stderr.contains("pyproject.toml:2: unknown key 'selects'"))
  }

  @Test func configFileAndIsolated() throws {
    let repository = try Self.repository()
    defer { repository.remove() }
    try repository.write(".ebcheck.yml", "ignore: [HC001]\n")
    try repository.write("ci/strict.toml", "select = [\"ALL\"]\n")
    #expect(try repository.run(["check", "backend"]).status == 0)
    #expect(try repository.run(["check", "--isolated", "backend"]).status == 1)
    #expect(try repository.run(["check", "--config", "ci/strict.toml", "backend"]).status == 1)
    try repository.write("ci/quiet.yml", "ignore: [HC]\n")
    #expect(try repository.run(["check", "--config", "ci/quiet.yml", "--isolated"]).status == 2)
    let missing = try repository.run(["check", "--config", "ci/none.yml", "backend"])
    #expect(missing.status == 2 && missing.stderr.contains("ci/none.yml"))
  }

  @Test func showSettingsSaysWhereEachValueCameFrom() throws {
    let repository = try Self.repository()
    defer { repository.remove() }
    try repository.write(
      "pyproject.toml",
      "[tool.ebcheck]\nselect = [\"HC\", \"DJ\"]\nignore = [\"DJ002\"]\nenv = { HOSTS = \"a.example\" }\n"
    )
    let run = try repository.run([
      "check", "--show-settings", "--ignore", "HC007", "--env", "DEBUG=0", "backend",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map {
      $0.split(separator: " ").joined(separator: " ")
    }
    #expect(lines.first == "settings for backend")
    #expect(lines.contains("configuration pyproject.toml (the nearest; searched backend, .)"))
    #expect(lines.contains("select HC, DJ pyproject.toml:2"))
    #expect(lines.contains("ignore DJ002, HC007 pyproject.toml:3 + --ignore"))
    #expect(lines.contains("env DEBUG 0 --env"))
    #expect(lines.contains("env HOSTS a.example pyproject.toml:4"))
    #expect(lines.contains("exclude (none) default"))
    #expect(lines.contains("output-format full default"))
  }

  @Test func workspaceOptionsComeFromTheNearestFile() throws {
    let repository = try Self.repository()
    defer { repository.remove() }
    try repository.write(".ebcheck.yml", "select: [HC]\n")
    let workspace = try Workspace.load(path: repository.path("backend"))
    #expect(workspace.config.file?.path == repository.path(".ebcheck.yml"))
    #expect(workspace.options(env: [:], select: [], ignore: []).select == ["HC"])
  }
}
