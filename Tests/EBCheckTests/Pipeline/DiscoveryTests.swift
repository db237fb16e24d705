import Foundation
import Testing
import EBCheckCore
import EBCheckFormats
import EBCheck

/// A temporary folder tree for one test, removed at the end.
final class TempTree {
  let root: String

  init() {
    var template = Array((NSTemporaryDirectory() + "ebcheck-test-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    root = String(cString: made!)
  }

  deinit {
    chmodAll(root)
    try? FileManager.default.removeItem(atPath: root)
  }

  private func chmodAll(_ path: String) {
    let enumerator = FileManager.default.enumerator(atPath: path)
    while let item = enumerator?.nextObject() as? String {
      chmod(path + "/" + item, 0o755)
    }
  }

  func write(_ path: String, _ text: String = "x = 1\n") {
    let full = root + "/" + path
    try! FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try! text.write(toFile: full, atomically: false, encoding: .utf8)
  }

  func mkdir(_ path: String) {
    try! FileManager.default.createDirectory(
      atPath: root + "/" + path, withIntermediateDirectories: true)
  }

  func symlink(_ path: String, to target: String) {
    let full = root + "/" + path
    try! FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    #expect(Foundation.symlink(target, full) == 0)
  }

  func discover(_ limits: DiscoveryLimits = DiscoveryLimits(), exclude: [String] = []) throws
    -> DiscoveryResult
  {
    try Discovery.discover(root: root, limits: limits, exclude: exclude)
  }
}

@Suite struct DiscoveryTests {
  @Test func readsOnlyRelevantFilesInSortedOrder() throws {
    let tree = TempTree()
    tree.write("manage.py")
    tree.write("mysite/settings.py")
    tree.write("README.md", "# hi")
    tree.write("static/app.js", "1")
    tree.write("Procfile", "web: gunicorn mysite.wsgi\n")
    tree.write(".ebextensions/01.config", "option_settings: {}\n")
    tree.write("requirements/base.txt", "django\n")
    tree.write(
      ".platform/nginx/conf.d/elasticbeanstalk/health.conf", "location = /h { return 200; }\n")
    tree.write(".platform/hooks/predeploy/01.sh", "#!/bin/sh\n")
    tree.write("docker-compose.yml", "services: {}\n")
    tree.write(".ebcheck.yml", "ignore: []\n")
    let result = try tree.discover()
    #expect(
      result.files.paths == [
        ".ebcheck.yml", ".ebextensions/01.config",
        ".platform/hooks/predeploy/01.sh",
        ".platform/nginx/conf.d/elasticbeanstalk/health.conf",
        "Procfile", "docker-compose.yml", "manage.py", "mysite/settings.py",
        "requirements/base.txt",
      ])
    #expect(result.files["requirements/base.txt"]?.kind == .requirements)
    #expect(result.files["docker-compose.yml"]?.kind == .dockerCompose)
    #expect(result.files[".platform/hooks/predeploy/01.sh"]?.kind == .platformHook)
    #expect(result.diagnostics.isEmpty)
  }

  @Test func nestedGitignoreWithNegationAnchorsAndDirectoryOnly() throws {
    let tree = TempTree()
    tree.write(".gitignore", "*.py\n!keep.py\n/top.py\nbuild/\nsecret*/\n# comment\n\n")
    tree.write("keep.py")
    tree.write("top.py")
    tree.write("a.py")
    tree.write("app/keep.py")
    tree.write("app/other.py")
    tree.write("app/.gitignore", "!other.py\nlocal_*.py\n[Tt]est?.py\n")
    tree.write("app/local_settings.py")
    tree.write("app/Test1.py")
    tree.write("app/build/x.py")
    tree.write("app/build.py/x.py")
    tree.write("secrets/settings.py")
    tree.write("lib/top.py")
    tree.write("deep/a/b/c/keep.py")
    let result = try tree.discover()
    #expect(result.files.paths == ["app/keep.py", "app/other.py", "deep/a/b/c/keep.py", "keep.py"])
  }

  @Test func doubleStarAndCharacterClasses() {
    #expect(Glob.match("**/settings/*.py", "settings/a.py"))
    #expect(Glob.match("**/settings/*.py", "x/y/settings/a.py"))
    #expect(!Glob.match("**/settings/*.py", "x/settings/a/b.py"))
    #expect(Glob.match("docs/**", "docs/a/b/c"))
    #expect(Glob.match("a/**/b", "a/b"))
    #expect(Glob.match("a/**/b", "a/x/y/b"))
    #expect(!Glob.match("a/*/b", "a/x/y/b"))
    #expect(Glob.match("[a-c]x[!0-9]", "bxz"))
    #expect(!Glob.match("[a-c]x[!0-9]", "bx5"))
    #expect(Glob.match("[[:digit:]]*", "9lives"))
    #expect(Glob.match("\\*.py", "*.py"))
    #expect(!Glob.match("\\*.py", "a.py"))
    // A pathological pattern finishes quickly thanks to the failure memo.
    let long = String(repeating: "a", count: 200)
    #expect(!Glob.match("*a*a*a*a*a*a*a*a*a*b", long))
    let rules = IgnoreRules(parsing: "/venv\ndist/\n**/migrations/\n")
    #expect(rules.isIgnored("venv", isDirectory: true))
    #expect(!rules.isIgnored("app/venv", isDirectory: true))
    #expect(rules.isIgnored("dist/a.py", isDirectory: false))
    #expect(!rules.isIgnored("dist", isDirectory: false))
    #expect(rules.isIgnored("app/migrations/0001.py", isDirectory: false))
  }

  @Test func skipsVirtualenvsAndToolFoldersWithoutDescending() throws {
    let tree = TempTree()
    tree.write("env3/pyvenv.cfg", "home = /usr\n")
    tree.write("env3/lib/site-packages/django/conf/global_settings.py")
    tree.write("node_modules/x/requirements.txt", "django\n")
    tree.write("__pycache__/a.py")
    tree.write(".tox/py/a.py")
    tree.write(".build/a.py")
    tree.write(".build-release/a.py")
    tree.write(".venv/a.py")
    tree.write("venv/a.py")
    tree.write(".git/hooks/a.py")
    tree.write("app/views.py")
    // An unreadable folder inside a skipped one must not even be opened.
    tree.mkdir("node_modules/locked")
    chmod(tree.root + "/node_modules/locked", 0)
    let result = try tree.discover()
    #expect(result.files.paths == ["app/views.py"])
    #expect(result.diagnostics.isEmpty)
    #expect(result.directoriesSkipped >= 9)
  }

  @Test func survivesSymlinkLoopsAndNeverLeavesTheRoot() throws {
    let outside = TempTree()
    outside.write("secret_settings.py", "SECRET = 1\n")
    let tree = TempTree()
    tree.write("app/views.py")
    tree.symlink("app/loop", to: "..")
    tree.symlink("app/self", to: ".")
    tree.symlink("escape", to: outside.root)
    tree.symlink("escape_file.py", to: outside.root + "/secret_settings.py")
    tree.symlink("alias.py", to: "app/views.py")
    tree.symlink("dangling.py", to: "nowhere.py")
    let result = try tree.discover()
    // alias.py is the same file as app/views.py: read once, under its real name.
    #expect(result.files.paths == ["app/views.py"])
  }

  @Test func linkedFolderKeepsTheRealNames() throws {
    let tree = TempTree()
    tree.write("zz_real/settings.py")
    tree.symlink("aa_link", to: "zz_real")
    tree.write("shared/conf/base.py")
    tree.symlink("app/conf", to: "../shared/conf")
    tree.mkdir("outside_only")
    let result = try tree.discover()
    #expect(result.files.paths == ["shared/conf/base.py", "zz_real/settings.py"])
  }

  @Test func symlinkedFolderOnlyReachableByLinkIsWalked() throws {
    let tree = TempTree()
    tree.write(".gitignore", "/vendor/\n")
    tree.write("vendor/pkg/settings.py")
    tree.symlink("app/settings.py", to: "../vendor/pkg/settings.py")
    tree.symlink("linked", to: "vendor/pkg")
    let result = try tree.discover()
    // vendor/ is ignored, but the links inside the root are followed once.
    #expect(result.files.paths == ["app/settings.py"])
  }

  @Test func symlinkedFileOnlyReachableByLinkIsRead() throws {
    let tree = TempTree()
    tree.write("shared/base.txt", "django==4.2\n")
    tree.symlink("requirements.txt", to: "shared/base.txt")
    let result = try tree.discover()
    #expect(result.files.paths == ["requirements.txt"])
    #expect(result.files["requirements.txt"]?.text == "django==4.2\n")
  }

  @Test func readingAFolderFailsCleanly() {
    let tree = TempTree()
    tree.mkdir("settings.py")
    guard case .failed(let reason) = Discovery.readFile(tree.root + "/settings.py", limit: 100)
    else {
      Issue.record("a folder must not read as a file")
      return
    }
    #expect(reason == "not a regular file")
  }

  @Test func unreadableFileIsADiagnosticNotACrash() throws {
    guard getuid() != 0 else { return }  // root reads everything; covered above
    let tree = TempTree()
    tree.write("app/settings.py")
    tree.write("app/locked.py")
    chmod(tree.root + "/app/locked.py", 0)
    let result = try tree.discover()
    #expect(result.files.paths == ["app/settings.py"])
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.rule == ReaderProblem.unreadableFile.id)
    #expect(result.diagnostics.first?.location.file == "app/locked.py")
    #expect(result.diagnostics.first?.message.contains("app/locked.py") == true)
  }

  @Test func sizeAndCountLimits() throws {
    let tree = TempTree()
    tree.write("big.py", String(repeating: "# padding\n", count: 200))
    tree.write("a.py")
    tree.write("b.py")
    let result = try tree.discover(DiscoveryLimits(maxFileSize: 1000))
    #expect(result.files.paths == ["a.py", "b.py"])
    let warning = try #require(result.diagnostics.first)
    #expect(warning.rule == ReaderProblem.fileTooLarge.id)
    #expect(warning.severity == .warning)
    #expect(warning.message.contains("big.py") && warning.message.contains("1000"))
    let counted = try tree.discover(DiscoveryLimits(maxFiles: 2))
    #expect(counted.files.paths == ["a.py", "b.py"])
    #expect(counted.diagnostics.map(\.rule) == [ReaderProblem.discoveryLimit.id])
  }

  @Test func excludeGlobsAndEbignore() throws {
    let tree = TempTree()
    tree.write("app/settings.py")
    tree.write("app/tests/test_x.py")
    tree.write("scripts/tool.py")
    tree.write(".gitignore", "local.py\n")
    tree.write(".ebignore", "scripts/\n*.md\n!README.md\n")
    let result = try tree.discover(exclude: ["app/tests/", "*.pyc"])
    #expect(result.files.paths == [".ebignore", "app/settings.py", "scripts/tool.py"])
    #expect(result.deployExcluded("scripts/tool.py"))
    #expect(result.deployExcluded("NOTES.md"))
    #expect(!result.deployExcluded("README.md"))
    // .ebignore replaces .gitignore for deployment: local.py is deployed.
    #expect(!result.deployExcluded("local.py"))
    #expect(!result.deployExcluded("app/settings.py"))

    let plain = TempTree()
    plain.write(".gitignore", "local.py\n")
    plain.write("local.py")
    let noEbignore = try plain.discover()
    #expect(noEbignore.deployExcluded("local.py"))
    #expect(noEbignore.deployExcluded(".git/config"))
  }

  @Test func lintRootForRepoSubfolderAndFile() throws {
    let tree = TempTree()
    tree.mkdir(".git")
    tree.write("README.md", "")
    tree.write("services/api/.ebextensions/01.config", "{}\n")
    tree.write("services/api/manage.py")
    tree.write("services/api/api/settings.py")
    tree.write("tools/manage.py")
    tree.write("tools/x/y.py")
    let real = Discovery.realPath(tree.root)!
    let fromRoot = try Discovery.lintRoot(for: tree.root)
    #expect(fromRoot == LintRoot(root: real, focus: "", isFile: false))
    let fromFile = try Discovery.lintRoot(for: tree.root + "/services/api/api/settings.py")
    #expect(
      fromFile == LintRoot(root: real + "/services/api", focus: "api/settings.py", isFile: true))
    let fromFolder = try Discovery.lintRoot(for: tree.root + "/services/api/api")
    #expect(fromFolder.root == real + "/services/api")
    #expect(fromFolder.focus == "api")
    // No Beanstalk marker above tools/x: the git repository root.
    let fromTools = try Discovery.lintRoot(for: tree.root + "/tools/x")
    #expect(fromTools.root == real)
    #expect(fromTools.focus == "tools/x")
    #expect(throws: DiscoveryError.self) { try Discovery.lintRoot(for: tree.root + "/missing") }
    #expect(throws: DiscoveryError.self) {
      try Discovery.discover(root: tree.root + "/README.md")
    }
  }

  @Test func crlfGitignore() throws {
    let tree = TempTree()
    tree.write(".gitignore", "ignored.py\r\n# café ☕ comment\r\n")
    tree.write("ignored.py")
    tree.write("kept.py")
    let result = try tree.discover()
    #expect(result.files.paths == ["kept.py"])
  }
}
