import EBCheck
import EBCheckCore
import Foundation
import Testing

/// `fix --write` on real folders: line endings and modes survive, nothing is written through
/// a symlink or outside the root, read-only files are skipped. (Interruption by SIGKILL is
/// covered by Tests/hostile/kill_fix.py, which needs a separate process.)
@Suite struct FixSafetyTests {
  static let seed = PythonTestSupport.repositoryRoot.appendingPathComponent(
    "Fixtures/projects/seed")

  /// A scratch folder with a copy of the seed project at `repo` and an `outside` sibling.
  struct Scratch {
    let base: String
    var repo: String { base + "/repo" }
    var outside: String { base + "/outside" }

    init() throws {
      base =
        FileManager.default.temporaryDirectory
        .appendingPathComponent("ebcheck-fix-safety-\(UUID().uuidString)").path
      try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
      try FileManager.default.copyItem(atPath: FixSafetyTests.seed.path, toPath: base + "/repo")
      try FileManager.default.createDirectory(
        atPath: base + "/outside", withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: base) }

    func read(_ path: String) throws -> [UInt8] {
      try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func write(_ path: String, _ bytes: [UInt8]) throws {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func mode(_ path: String) -> mode_t {
      var info = stat()
      return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }
  }

  /// What `ebcheck fix --write` does: load, fix to a fixed point, write every changed file.
  static func fixWrite(_ root: String) throws -> [String] {
    let workspace = try Workspace.load(path: root)
    let outcome = FixSession.run(
      workspace.files, options: workspace.options(env: [:], select: [], ignore: []),
      includeUnsafe: false)
    let writer = FileWriter(root: workspace.root)
    for path in outcome.changed.keys.sorted() { try writer.write(outcome.changed[path]!, to: path) }
    return outcome.changed.keys.sorted()
  }

  /// Lines with their terminators ("\r\n", "\n" or none at the end).
  static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var current: [UInt8] = []
    for byte in bytes {
      current.append(byte)
      if byte == UInt8(ascii: "\n") {
        result.append(current)
        current = []
      }
    }
    if !current.isEmpty { result.append(current) }
    return result
  }

  /// Whether every line of `old` is still in `new`, in order, byte for byte.
  static func keepsEveryLine(_ old: [UInt8], _ new: [UInt8]) -> Bool {
    var remaining = lines(new)[...]
    for line in lines(old) {
      guard let index = remaining.firstIndex(of: line) else { return false }
      remaining = remaining[(index + 1)...]
    }
    return true
  }

  // MARK: (a) line endings, mode

  @Test func crlfFileStaysCRLFAndKeepsItsMode() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let settings = scratch.repo + "/mysite/settings.py"
    let crlf = Array(
      String(decoding: try scratch.read(settings), as: UTF8.self)
        .replacingOccurrences(of: "\n", with: "\r\n").utf8)
    try scratch.write(settings, crlf)
    #expect(chmod(settings, 0o640) == 0)
    let changed = try Self.fixWrite(scratch.repo)
    #expect(changed.contains("mysite/settings.py"))
    let after = try scratch.read(settings)
    #expect(after != crlf)
    let bareNewlines = after.indices.filter {
      after[$0] == 0x0A && ($0 == 0 || after[$0 - 1] != 0x0D)
    }
    #expect(bareNewlines.isEmpty, "LF without CR at offsets \(bareNewlines.prefix(5))")
    #expect(Self.keepsEveryLine(crlf, after))
    #expect(scratch.mode(settings) == 0o640)
    // A second run changes nothing.
    #expect(try Self.fixWrite(scratch.repo).isEmpty)
  }

  @Test func mixedLineEndingsAreKeptLineByLine() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let settings = scratch.repo + "/mysite/settings.py"
    var mixed: [UInt8] = []
    for (index, line) in Self.lines(try scratch.read(settings)).enumerated() {
      if index % 2 == 0, line.last == 0x0A {
        mixed += line.dropLast() + [0x0D, 0x0A]
      } else {
        mixed += line
      }
    }
    try scratch.write(settings, mixed)
    #expect(chmod(settings, 0o600) == 0)
    _ = try Self.fixWrite(scratch.repo)
    let after = try scratch.read(settings)
    #expect(after != mixed)
    #expect(Self.keepsEveryLine(mixed, after))
    #expect(scratch.mode(settings) == 0o600)
  }

  /// Created files get 0644 whatever the umask (FileWriter sets the mode with fchmod).
  @Test func newFilesGetTheDefaultMode() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    _ = try Self.fixWrite(scratch.repo)
    #expect(scratch.mode(scratch.repo + "/mysite/ebcheck_health.py") == 0o644)
  }

  // MARK: (a) symlinks and paths outside the root

  @Test func refusesToWriteThroughASymlinkedFile() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let target = scratch.outside + "/settings.py"
    try scratch.write(target, Array("SENTINEL = 1\n".utf8))
    try FileManager.default.createSymbolicLink(
      atPath: scratch.repo + "/mysite/link.py", withDestinationPath: target)
    let writer = FileWriter(root: scratch.repo)
    #expect(throws: UsageError.self) {
      try writer.write(Array("X = 2\n".utf8), to: "mysite/link.py")
    }
    #expect(try scratch.read(target) == Array("SENTINEL = 1\n".utf8))
  }

  @Test func refusesToWriteThroughASymlinkedFolder() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try FileManager.default.createSymbolicLink(
      atPath: scratch.repo + "/.platform", withDestinationPath: scratch.outside)
    let writer = FileWriter(root: scratch.repo)
    #expect(throws: UsageError.self) {
      try writer.write(Array("x\n".utf8), to: ".platform/nginx/conf.d/x.conf")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.outside).isEmpty)
  }

  @Test(arguments: ["../escape.py", "/tmp/escape.py", "mysite/../../escape.py", "", "/"])
  func refusesPathsOutsideTheRoot(_ path: String) throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let writer = FileWriter(root: scratch.repo)
    #expect(throws: UsageError.self) { try writer.write(Array("x\n".utf8), to: path) }
    #expect(!FileManager.default.fileExists(atPath: scratch.base + "/escape.py"))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/escape.py"))
  }

  @Test func hardLinkOutsideTheRootKeepsItsContent() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let settings = scratch.repo + "/mysite/settings.py"
    let original = try scratch.read(settings)
    #expect(link(settings, scratch.outside + "/settings.py") == 0)
    _ = try Self.fixWrite(scratch.repo)
    #expect(try scratch.read(settings) != original)
    // The rename gave the root's name a new file; the other name still has the old bytes.
    #expect(try scratch.read(scratch.outside + "/settings.py") == original)
  }

  @Test func settingsLinkedFromOutsideAreNotReadNorWritten() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let settings = scratch.repo + "/mysite/settings.py"
    try FileManager.default.moveItem(atPath: settings, toPath: scratch.outside + "/settings.py")
    try FileManager.default.createSymbolicLink(
      atPath: settings, withDestinationPath: scratch.outside + "/settings.py")
    let before = try scratch.read(scratch.outside + "/settings.py")
    let changed = try? Self.fixWrite(scratch.repo)
    #expect(changed?.contains("mysite/settings.py") != true)
    #expect(try scratch.read(scratch.outside + "/settings.py") == before)
  }

  @Test func refusesToReplaceAFolder() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try FileManager.default.createDirectory(
      atPath: scratch.repo + "/mysite/ebcheck_health.py", withIntermediateDirectories: true)
    let writer = FileWriter(root: scratch.repo)
    #expect(throws: UsageError.self) {
      try writer.write(Array("x\n".utf8), to: "mysite/ebcheck_health.py")
    }
  }

  // MARK: (b) read-only files

  /// `FileWriter` skips a file `access(W_OK)` refuses. Root passes that check for mode 0444,
  /// so as root the test uses the immutable attribute (`chattr +i`), which root cannot
  /// write either; without chattr (or on a filesystem without it) only the mode case runs.
  @Test func readOnlyFileIsSkippedWithAMessage() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let settings = scratch.repo + "/mysite/settings.py"
    let original = try scratch.read(settings)
    #expect(chmod(settings, 0o444) == 0)
    let writer = FileWriter(root: scratch.repo)
    if geteuid() != 0 {
      let error = #expect(throws: UsageError.self) {
        try writer.write(Array("x\n".utf8), to: "mysite/settings.py")
      }
      #expect(error?.message.contains("read-only") == true)
      #expect(try scratch.read(settings) == original)
      return
    }
    guard Self.chattr("+i", settings) else { return }
    defer { _ = Self.chattr("-i", settings) }
    let error = #expect(throws: UsageError.self) {
      try writer.write(Array("x\n".utf8), to: "mysite/settings.py")
    }
    #expect(error?.message.contains("mysite/settings.py: read-only") == true)
    #expect(try scratch.read(settings) == original)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: scratch.repo + "/mysite")
        .allSatisfy { !$0.hasPrefix(".ebcheck-") })
  }

  static func chattr(_ flag: String, _ path: String) -> Bool {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
    process.arguments = [flag, path]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  // MARK: (c) temporary files a killed run leaves

  @Test func leftoverTemporaryFilesAreIgnored() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let clean = try Workspace.load(path: scratch.repo)
    try scratch.write(
      scratch.repo + "/mysite/.ebcheck-a1B2c3", Array("ALLOWED_HOSTS = ['*']\n".utf8))
    try scratch.write(scratch.repo + "/.ebextensions/.ebcheck-Zz9Yy8", Array("{{{\n".utf8))
    let workspace = try Workspace.load(path: scratch.repo)
    #expect(workspace.files.paths == clean.files.paths)
    #expect(
      workspace.lint(LintOptions()).diagnostics.map(\.rule)
        == clean.lint(LintOptions()).diagnostics.map(\.rule))
  }
}
