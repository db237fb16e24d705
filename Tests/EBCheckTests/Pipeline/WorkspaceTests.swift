import Foundation
import Testing
import EBCheckCore
import EBCheckModel
import EBCheckRules
import EBCheck

/// Loading a lint root from disk: configuration, `.ebignore`, focus paths.
@Suite struct WorkspaceTests {
  static func repository(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ebcheck-ws-\(UUID().uuidString)")
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return root
  }

  @Test func ebignoredConfigsAreNotDeployedSoNotRead() throws {
    let root = try Self.repository([
      ".ebextensions/a.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /old/\n",
      ".ebignore": ".ebextensions/a.config\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let workspace = try Workspace.load(path: root.path)
    #expect(workspace.files[".ebextensions/a.config"] == nil)
    #expect(workspace.lint(LintOptions()).predictions.first?.path == "/")
  }

  @Test func configErrorsNameTheFileAndLine() throws {
    let root = try Self.repository([
      ".ebcheck.yml": "select: [HC]\nignroe: [DJ002]\n", ".ebextensions/x.config": "",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(throws: UsageError.self) { try Workspace.load(path: root.path) }
    do {
      _ = try Workspace.load(path: root.path)
    } catch {
      #expect(error.message.hasPrefix(".ebcheck.yml:2: unknown key 'ignroe'"))
    }
  }

  @Test func configValuesBecomeOptionsAndFlagsWin() throws {
    let root = try Self.repository([
      ".ebcheck.yml": "select: HC,DJ\nignore: [DJ002]\nenv:\n  ALLOWED_HOSTS: example.com\n",
      ".ebextensions/x.config": "",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let workspace = try Workspace.load(path: root.path)
    let options = workspace.options(env: ["ALLOWED_HOSTS": "*"], select: [], ignore: ["HC007"])
    #expect(options.select == ["HC", "DJ"])
    #expect(options.ignore == ["DJ002", "HC007"])
    #expect(options.env["ALLOWED_HOSTS"] == "*")
    #expect(
      !options.isEnabled("DJ002") && options.isEnabled("HC001") && !options.isEnabled("EB001"))
  }

  @Test func aMissingPathIsAUsageError() {
    #expect(throws: UsageError.self) { try Workspace.load(path: "/nonexistent/ebcheck/path") }
  }
}

@Suite struct ConfigAssumptionTests {
  static func lint(_ example: RuleExample, _ options: LintOptions) -> LintResult {
    Linter.lint(
      SourceFiles(example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) }),
      options: options)
  }

  @Test func anAssumedHealthPathFillsInWhereTheRepositoryIsSilent() {
    var options = LintOptions()
    options.assumedHealthCheckPath = "/health/"
    let example = ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n", healthPath: nil)
    let prediction = Self.lint(example, options).predictions.first
    #expect(prediction?.path == "/health/" && prediction?.status == 200)
    #expect(prediction?.trace.hops.contains { $0.detail.contains("assumed in .ebcheck.yml") } == true)
  }

  @Test func anEnvironmentEntrySuppliesItsSettingsModuleAndValues() {
    let example = ExampleRepo.django(
      settings: "ALLOWED_HOSTS = ['www.example.com']\n",
      files: ["mysite/production.py": "import os\nfrom .settings import *\nALLOWED_HOSTS = os.environ['HOSTS'].split(',')\n"])
    var options = LintOptions()
    options.environments["default"] = EnvironmentOverride(
      settings: "mysite.production", env: ["HOSTS": "*"])
    #expect(Self.lint(example, options).predictions.first?.status == 200)
    #expect(Self.lint(example, LintOptions()).predictions.first?.status == 400)
  }
}
