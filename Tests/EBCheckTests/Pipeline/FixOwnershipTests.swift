import EBCheck
import EBCheckCore
import EBCheckRules
import Foundation
import Testing

/// Fixes never take what is yours (0.2): no existing file is replaced, no `MIDDLEWARE` entry
/// doubled, no page of the app answered by a health responder; an unsafe fix says why.
@Suite struct FixOwnershipTests {
  static let hostFix = "answer /health/ from a middleware placed first in MIDDLEWARE"

  static func hostFinding(_ workspace: Workspace) throws -> Diagnostic {
    try #require(workspace.lint(LintOptions()).diagnostics.first { $0.rule == "HC001" })
  }

  /// The Python modules a fix creates.
  static func createdFiles(_ fix: Fix?) -> [String] {
    (fix?.edits ?? []).filter { $0.createsFile && $0.file.hasSuffix(".py") }.map(\.file)
  }

  @Test func anUndeployedHealthModuleIsNeverOverwritten() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let mine = "# my own health checks\ndef check():\n    return 'db ok'\n"
    try repository.write("mysite/ebcheck_health.py", mine)
    try repository.write(".ebignore", "mysite/ebcheck_health.py\n")
    let workspace = try Workspace.load(path: repository.root)
    let finding = try Self.hostFinding(workspace)
    #expect(Self.createdFiles(finding.fix) == ["mysite/ebcheck_health_2.py"])
    let diff = try repository.run(["fix", "--diff"])
    #expect(try FixCommandTests.gitApplyCheck(diff.stdout, in: repository.root) == 0)
    #expect(try repository.run(["fix"]).status == 0)
    #expect(try repository.read("mysite/ebcheck_health.py") == mine)
    #expect(
      try repository.read("mysite/settings.py").contains(
        "'mysite.ebcheck_health_2.HealthCheckMiddleware'"))
  }

  @Test func aGitignoredFileOrAFolderTakesTheName() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    try repository.write("mysite/ebcheck_health/README.md", "a folder of that name\n")
    try repository.write("mysite/ebcheck_health_2.py", "x = 1\n")
    try repository.write(".gitignore", "mysite/ebcheck_health_2.py\n")
    let finding = try Self.hostFinding(try Workspace.load(path: repository.root))
    #expect(Self.createdFiles(finding.fix) == ["mysite/ebcheck_health_3.py"])
  }

  @Test func aMiddlewareEntryIsNeverDoubled() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let settings = try repository.read("mysite/settings.py").replacingOccurrences(
      of: "MIDDLEWARE = [\n",
      with: "MIDDLEWARE = [\n    'mysite.ebcheck_health.HealthCheckMiddleware',\n")
    try repository.write("mysite/settings.py", settings)
    // The entry's module exists (an entry Django cannot import is HC011's 502) and passes on.
    try repository.write(
      "mysite/ebcheck_health.py",
      "class HealthCheckMiddleware:\n    def __init__(self, get_response):\n"
        + "        self.get_response = get_response\n\n    def __call__(self, request):\n"
        + "        return self.get_response(request)\n")
    let finding = try Self.hostFinding(try Workspace.load(path: repository.root))
    #expect(Self.createdFiles(finding.fix) == ["mysite/ebcheck_health_2.py"])
    #expect(try repository.run(["fix"]).status == 0)
    let after = try repository.read("mysite/settings.py")
    #expect(
      after.components(separatedBy: "'mysite.ebcheck_health.HealthCheckMiddleware'").count == 2)
    #expect(
      after.components(separatedBy: "'mysite.ebcheck_health_2.HealthCheckMiddleware'").count == 2)
  }

  @Test func theWriterRefusesToCreateOverAFileThatAppeared() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    try repository.write("mysite/new.py", "mine\n")
    let writer = FileWriter(root: repository.root)
    let error = #expect(throws: UsageError.self) {
      try writer.commit([
        FileChange(path: "mysite/other.py", bytes: Array("x\n".utf8), original: nil),
        FileChange(path: "mysite/new.py", bytes: Array("generated\n".utf8), original: nil),
      ])
    }
    #expect(error?.message.contains("mysite/new.py: exists") == true)
    #expect(try repository.read("mysite/new.py") == "mine\n")
    #expect(!repository.exists("mysite/other.py"))
  }

  @Test func theWriterRefusesAFileChangedSinceItWasRead() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let writer = FileWriter(root: repository.root)
    let error = #expect(throws: UsageError.self) {
      try writer.commit([
        FileChange(path: "manage.py", bytes: Array("x\n".utf8), original: Array("old\n".utf8))
      ])
    }
    #expect(error?.message.contains("changed since ebcheck read it") == true)
  }

  // MARK: The health path

  /// `HealthCheckPath: /admin/` is a page: the fix moves the check to a free path.
  @Test func aRealPageMovesTheCheckToAFreePath() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    try repository.write(
      ".ebextensions/health.config",
      "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /admin/\n"
    )
    let finding = try Self.hostFinding(try Workspace.load(path: repository.root))
    let fix = try #require(finding.fix)
    #expect(fix.title.hasPrefix("move the health check from /admin/ to /health/"))
    #expect(
      fix.reason?.contains("/admin/ is not free: the URLconf routes it to the view admin") == true)
    let module = try #require(fix.edits.first { $0.createsFile })
    #expect(module.replacement.contains("HEALTH_CHECK_PATH = \"/health/\""))
    #expect(!module.replacement.contains("/admin/"))
    #expect(
      fix.edits.contains {
        $0.file == ".ebextensions/health.config" && $0.replacement == "/health/"
      })
  }

  @Test func aHealthViewAtTheConfiguredPathIsShadowedAndNamed() throws {
    let example = ExampleRepo.django(settings: "ALLOWED_HOSTS = ['www.example.com']\n")
    let files = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    let finding = try #require(Linter.lint(files).diagnostics.first { $0.rule == "HC001" })
    #expect(finding.fix?.title == Self.hostFix + " (mysite.ebcheck_health)")
    #expect(
      finding.fix?.reason?.contains(
        "it shadows the view health, which the URLconf routes /health/ to") == true,
      "\(finding.fix?.reason ?? "")")
  }

  @Test func aCatchAllRouteIsNamed() throws {
    let urls = """
      from django.http import HttpResponse
      from django.urls import re_path


      def spa(request):
          return HttpResponse("app")


      urlpatterns = [re_path(r'^.*$', spa)]
      """
    let example = ExampleRepo.django(
      settings: "ALLOWED_HOSTS = ['www.example.com']\n", urls: urls, healthPath: nil)
    let files = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    let finding = try #require(Linter.lint(files).diagnostics.first { $0.rule == "HC001" })
    let fix = try #require(finding.fix)
    #expect(fix.title.hasPrefix("move the health check from / to /health/"), "\(fix.title)")
    #expect(fix.reason?.contains("it shadows the view spa") == true, "\(fix.reason ?? "")")
  }

  @Test func anUnroutedConfiguredPathIsKept() throws {
    let example = ExampleRepo.django(
      settings: "ALLOWED_HOSTS = ['www.example.com']\n",
      urls: "from django.urls import path\n\nurlpatterns = []\n", healthPath: "/ping/")
    let files = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    let finding = try #require(Linter.lint(files).diagnostics.first { $0.rule == "HC001" })
    #expect(finding.fix?.title.hasPrefix("answer /ping/ from a middleware") == true)
    #expect(finding.fix?.reason == nil)
  }

  @Test func theProxyHeaderFixIsUnsafeAndSaysWhy() throws {
    let rule = SSLRedirectWithoutProxyHeaderRule()
    let example = rule.description.triggering[0]
    let files = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    let finding = try #require(Linter.lint(files).diagnostics.first { $0.rule == "DJ004" })
    #expect(finding.fix?.applicability == .unsafe)
    #expect(finding.fix?.reason?.contains("single-instance") == true)
    #expect(rule.description.fixableText == "yes, with `ebcheck fix --unsafe-fixes`")
  }
}

/// Multi-file fixes are all or nothing, and what a killed run leaves is cleaned up.
@Suite struct FixAtomicityTests {
  /// The real file system, failing the `failAt`-th rename or link (1-based), or the
  /// `failTemporaryAt`-th temporary.
  struct FailingFileSystem: FileSystemSeam {
    let real = POSIXFileSystem()
    let counter = Counter()
    var failAt: Int? = nil
    var failTemporaryAt: Int? = nil

    final class Counter: @unchecked Sendable {
      var places = 0
      var temporaries = 0
    }

    func entry(_ path: String) -> (isRegularFile: Bool, isSymlink: Bool, mode: UInt32)? {
      real.entry(path)
    }
    func isWritable(_ path: String) -> Bool { real.isWritable(path) }
    func read(_ path: String) -> [UInt8]? { real.read(path) }
    func writeTemporary(in folder: String, _ bytes: [UInt8], mode: UInt32) -> String? {
      counter.temporaries += 1
      if counter.temporaries == failTemporaryAt { return nil }
      return real.writeTemporary(in: folder, bytes, mode: mode)
    }
    func rename(_ source: String, _ target: String) -> Bool {
      counter.places += 1
      if counter.places == failAt { return false }
      return real.rename(source, target)
    }
    func linkNew(_ source: String, _ target: String) -> Bool {
      counter.places += 1
      if counter.places == failAt { return false }
      return real.linkNew(source, target)
    }
    func remove(_ path: String) -> Bool { real.remove(path) }
    func makeFolder(_ path: String) -> Bool { real.makeFolder(path) }
    func removeFolder(_ path: String) -> Bool { real.removeFolder(path) }
    func lastError() -> String { "injected failure" }
  }

  /// The seed's HC001 fix touches three files: a new config, a new module, the settings.
  static func plan(_ repository: ScratchRepository) throws -> FixRun {
    let workspace = try Workspace.load(path: repository.root)
    let run = FixRun.plan([workspace], options: [LintOptions()], includeUnsafe: false)
    #expect(run.changedFileCount == 3)
    return run
  }

  @Test(arguments: [1, 2, 3])
  func aFailedRenameRestoresEveryFile(_ failAt: Int) throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let before = try repository.snapshot()
    let plan = try Self.plan(repository)
    let error = #expect(throws: UsageError.self) {
      _ = try plan.write(fileSystem: FailingFileSystem(failAt: failAt))
    }
    #expect(error?.message.contains("no file was changed") == true, "\(error?.message ?? "")")
    #expect(try repository.snapshot() == before, "every file old, nothing new, no temporary")
  }

  @Test(arguments: [1, 2, 3])
  func aFailedTemporaryChangesNothing(_ failAt: Int) throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let before = try repository.snapshot()
    let plan = try Self.plan(repository)
    #expect(throws: UsageError.self) {
      _ = try plan.write(fileSystem: FailingFileSystem(failTemporaryAt: failAt))
    }
    #expect(try repository.snapshot() == before)
  }

  @Test func leftoverTemporariesAreRemovedByTheNextFix() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    try repository.write("mysite/.ebcheck-a1B2c3", "ALLOWED_HOSTS = ['*']\n")
    try repository.write(".ebextensions/.ebcheck-Zz9Yy8", "{{{\n")
    try repository.write("mysite/.ebcheck-notes.txt", "not a temporary\n")
    #expect(try repository.run(["check"]).status == 1)
    #expect(repository.exists("mysite/.ebcheck-a1B2c3"), "check never writes")
    #expect(try repository.run(["fix"]).status == 0)
    #expect(!repository.exists("mysite/.ebcheck-a1B2c3"))
    #expect(!repository.exists(".ebextensions/.ebcheck-Zz9Yy8"))
    #expect(repository.exists("mysite/.ebcheck-notes.txt"))
  }
}
