import EBCheckCore
import EBCheckFormats
import EBCheckPython

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Bounds that keep discovery fast and safe on any tree.
public struct DiscoveryLimits: Sendable, Hashable {
  /// Files larger than this are skipped with a warning.
  public var maxFileSize: Int
  /// At most this many files are read; the rest are skipped with a warning.
  public var maxFiles: Int
  /// Folders deeper than this are not entered.
  public var maxDepth: Int
  /// At most this many directory entries are looked at in total.
  public var maxEntries: Int

  public init(
    maxFileSize: Int = 5 * 1024 * 1024, maxFiles: Int = 10_000, maxDepth: Int = 48,
    maxEntries: Int = 2_000_000
  ) {
    self.maxFileSize = maxFileSize
    self.maxFiles = maxFiles
    self.maxDepth = maxDepth
    self.maxEntries = maxEntries
  }
}

public enum DiscoveryError: Error, Equatable, CustomStringConvertible {
  case notFound(String)
  case notADirectory(String)
  case unreadable(String, String)

  public var description: String {
    switch self {
    case .notFound(let path): "\(path): no such file or directory"
    case .notADirectory(let path): "\(path): not a directory"
    case .unreadable(let path, let reason): "\(path): cannot read (\(reason))"
    }
  }
}

/// Where to lint from, for a path given on the command line.
public struct LintRoot: Sendable, Hashable {
  /// Absolute, symlink-free path of the lint root.
  public var root: String
  /// The given path relative to `root` ("" when it is the root itself).
  public var focus: String
  /// Whether the given path was a single file.
  public var isFile: Bool

  public init(root: String, focus: String, isFile: Bool) {
    self.root = root
    self.focus = focus
    self.isFile = isFile
  }
}

/// What discovery found: the files ebcheck reads, plus problems met on the way.
public struct DiscoveryResult: Sendable {
  /// Absolute, symlink-free path of the lint root.
  public var root: String
  public var files: SourceFiles
  public var diagnostics: [Diagnostic]
  /// Patterns of every `.gitignore` met during the walk, in precedence order.
  public var gitignore: IgnoreRules
  /// The root `.ebignore` as the EB CLI reads it, nil when there is none.
  public var ebignore: EBIgnore?
  /// Directory entries looked at, and folders skipped without descending.
  public var entriesVisited: Int
  public var directoriesSkipped: Int
  /// Paths under the root that exist but whose contents are not in `files`: every folder,
  /// and the files ignored, skipped, unreadable or over a limit. A fix never creates one.
  public var occupied: Set<String> = []
  /// Folders not entered (skipped, ignored, too deep, virtualenvs, links out of the root):
  /// anything may exist below them.
  public var unexplored: Set<String> = []
  /// Files of no kind ebcheck reads, not ignored: they are deployed all the same.
  public var unreadFiles: Set<String> = []
  /// `.ebcheck-XXXXXX` temporaries an interrupted `fix` left behind (root-relative).
  public var temporaries: [String] = []

  /// Whether the EB CLI leaves the file `path` (root-relative) out of the deployed bundle:
  /// with an `.ebignore` it zips the working tree less what that file says (`EBIgnore`),
  /// else it deploys `git archive` of the last commit, which `.gitignore` keeps out.
  public func deployExcluded(_ path: String) -> Bool {
    if let ebignore { return ebignore.leavesOut(path) }
    if path == ".git" || path.hasPrefix(".git/") { return true }
    return gitignore.isIgnored(path, isDirectory: false)
  }
}

/// Walks the lint root once and reads the files ebcheck cares about.
public enum Discovery {

  /// Folder names never entered.
  package static let skippedNames: Set<String> = [
    ".git", "node_modules", "__pycache__", ".tox", ".build", ".venv", "venv", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", ".hg", ".svn", ".nox",
  ]

  /// Files that mark a Beanstalk project root, nearest first wins.
  package static let beanstalkMarkers = [
    ".ebextensions", ".elasticbeanstalk", ".platform", ".ebignore", "Dockerrun.aws.json",
  ]

  /// Finds the lint root for a repo root, a subfolder or a single file: the nearest folder
  /// with a Beanstalk marker, else the git repository root, else the nearest folder with
  /// `manage.py`, else the folder itself. Never looks above the path's git repository.
  public static func lintRoot(for path: String) throws -> LintRoot {
    guard let real = realPath(path) else { throw DiscoveryError.notFound(path) }
    let isFile = kind(real) != .directory
    var start = real
    if isFile { start = parent(of: real) }
    var beanstalk: String?
    var git: String?
    var manage: String?
    var current = start
    while true {
      if beanstalk == nil, beanstalkMarkers.contains(where: { exists(join(current, $0)) }) {
        beanstalk = current
      }
      if manage == nil, exists(join(current, "manage.py")) { manage = current }
      if exists(join(current, ".git")) {
        git = current
        break
      }
      if current == "/" { break }
      current = parent(of: current)
    }
    // Without a git repository, do not adopt a marker from far above the given path.
    let root: String
    if git == nil, beanstalk == nil, manage == nil {
      root = start
    } else if let beanstalk {
      root = beanstalk
    } else if let git {
      root = git
    } else {
      root = manage!
    }
    let focus = real == root ? "" : String(real.dropFirst(root == "/" ? 1 : root.count + 1))
    return LintRoot(root: root, focus: focus, isFile: isFile)
  }

  /// Reads every relevant file under `root`, honoring `.gitignore` files and `exclude` globs.
  public static func discover(
    root: String, limits: DiscoveryLimits = DiscoveryLimits(), exclude: [String] = []
  ) throws -> DiscoveryResult {
    guard let realRoot = realPath(root) else { throw DiscoveryError.notFound(root) }
    guard kind(realRoot) == .directory else { throw DiscoveryError.notADirectory(root) }
    var walker = Walker(root: realRoot, limits: limits, exclude: IgnoreRules(globs: exclude))
    guard let rootRules = walker.rules(forDirectory: realRoot, relative: "") else {
      throw DiscoveryError.unreadable(root, String(cString: strerror(errno)))
    }
    walker.walk(directory: realRoot, relative: "", depth: 0, rules: rootRules)
    walker.walkPendingLinks()
    return walker.finish()
  }

  // MARK: - POSIX helpers

  package enum EntryKind { case directory, file, symlink, other, missing }

  package static func kind(_ path: String) -> EntryKind {
    var info = stat()
    guard stat(path, &info) == 0 else { return .missing }
    return entryKind(info.st_mode)
  }

  package static func entryKind(_ mode: mode_t) -> EntryKind {
    switch mode & S_IFMT {
    case S_IFDIR: .directory
    case S_IFREG: .file
    case S_IFLNK: .symlink
    default: .other
    }
  }

  package static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  package static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  package static func join(_ directory: String, _ name: String) -> String {
    directory == "/" ? "/" + name : directory + "/" + name
  }

  /// A file as read: Python files are decoded from the encoding they declare (PEP 263).
  public static func sourceFile(path: String, bytes: [UInt8]) -> SourceFile {
    FileClassifier.kind(of: path) == .python
      ? PythonSourceEncoding.sourceFile(path: path, bytes: bytes)
      : SourceFile(path: path, bytes: bytes)
  }

  /// Whether a file name is one of `FileWriter`'s temporaries: `.ebcheck-` and six letters
  /// or digits (what `mkstemp` puts in place of `XXXXXX`).
  package static func isTemporaryName(_ name: String) -> Bool {
    let prefix = ".ebcheck-"
    guard name.hasPrefix(prefix), name.utf8.count == prefix.utf8.count + 6 else { return false }
    return name.utf8.dropFirst(prefix.utf8.count).allSatisfy {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
    }
  }

  package static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Reads a whole file, refusing anything larger than `limit` bytes.
  package enum ReadResult {
    case bytes([UInt8])
    case tooLarge(Int)
    case failed(String)
  }

  package static func readFile(_ path: String, limit: Int) -> ReadResult {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return .failed(String(cString: strerror(errno))) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failed(String(cString: strerror(errno))) }
    guard entryKind(info.st_mode) == .file else { return .failed("not a regular file") }
    let size = Int(info.st_size)
    if size > limit { return .tooLarge(size) }
    var bytes = [UInt8](repeating: 0, count: size)
    var total = 0
    while total < size {
      let count = bytes.withUnsafeMutableBytes { buffer in
        read(fd, buffer.baseAddress! + total, size - total)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return .failed(String(cString: strerror(errno)))
      }
      if count == 0 { break }
      total += count
    }
    if total < size { bytes.removeSubrange(total...) }
    return .bytes(bytes)
  }
}

/// One walk over the tree; collects candidates first, then reads them in path order.
private struct Walker {
  package struct Candidate {
    package var relative: String
    package var absolute: String
    package var viaSymlink: Bool
    package var device: UInt64
    package var inode: UInt64
  }

  package let root: String
  package let limits: DiscoveryLimits
  package let exclude: IgnoreRules
  package var candidates: [Candidate] = []
  package var diagnostics: [Diagnostic] = []
  package var gitignore = IgnoreRules()
  package var ebignore: EBIgnore?
  package var visitedDirectories: Set<[UInt64]> = []
  package var pendingLinks: [(String, String, Int, IgnoreRules)] = []
  /// Set once the real tree is done: everything found later is reached through a link.
  package var walkingLinks = false
  package var entries = 0
  package var skipped = 0
  package var occupied: Set<String> = []
  package var unexplored: Set<String> = []
  package var unreadFiles: Set<String> = []
  package var temporaries: [String] = []
  package var reportedEntryLimit = false

  package init(root: String, limits: DiscoveryLimits, exclude: IgnoreRules) {
    self.root = root
    self.limits = limits
    self.exclude = exclude
  }

  /// The rules in force inside a folder: its parent's plus its own `.gitignore`.
  package mutating func rules(forDirectory absolute: String, relative: String) -> IgnoreRules? {
    var info = stat()
    guard stat(absolute, &info) == 0 else { return nil }
    visitedDirectories.insert([UInt64(info.st_dev), UInt64(info.st_ino)])
    return IgnoreRules()
  }

  package mutating func walk(
    directory absolute: String, relative: String, depth: Int, rules inherited: IgnoreRules
  ) {
    guard let handle = opendir(absolute) else {
      report(
        .unreadableFile, .warning, relative.isEmpty ? "." : relative,
        "cannot read folder \(relative.isEmpty ? "." : relative): \(String(cString: strerror(errno)))"
      )
      return
    }
    var names: [(String, UInt8)] = []
    while let entry = readdir(handle) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
      }
      if name == "." || name == ".." { continue }
      names.append((name, entry.pointee.d_type))
    }
    closedir(handle)
    entries += names.count
    if entries > limits.maxEntries {
      if !reportedEntryLimit {
        reportedEntryLimit = true
        report(
          .discoveryLimit, .warning, relative.isEmpty ? "." : relative,
          "stopped walking after \(limits.maxEntries) directory entries; some files were not read")
      }
      return
    }
    // A folder holding pyvenv.cfg is a virtualenv: skip it whole.
    if depth > 0, names.contains(where: { $0.0 == "pyvenv.cfg" }) {
      skipped += 1
      unexplored.insert(relative)
      return
    }
    if depth == 0, names.contains(where: { $0.0 == ".ebignore" }) {
      readEbignore(Discovery.join(absolute, ".ebignore"))
    }
    var rules = inherited
    // With an `.ebignore` the EB CLI never reads `.gitignore`: what git ignores is deployed.
    if ebignore == nil, names.contains(where: { $0.0 == ".gitignore" }) {
      let path = Discovery.join(absolute, ".gitignore")
      if case .bytes(let bytes) = Discovery.readFile(path, limit: limits.maxFileSize) {
        let own = IgnoreRules(parsing: String(decoding: bytes, as: UTF8.self), base: relative)
        rules.append(contentsOf: own)
        gitignore.append(contentsOf: own)
      }
    }
    names.sort { $0.0 < $1.0 }
    // Every entry of this folder is tested against the same patterns: found once.
    let applicable = rules.candidates(forEntriesOf: relative)
    for (name, type) in names {
      let childAbsolute = Discovery.join(absolute, name)
      let childRelative = relative.isEmpty ? name : relative + "/" + name
      var kind: Discovery.EntryKind
      switch Int32(type) {
      case Int32(DT_DIR): kind = .directory
      case Int32(DT_REG): kind = .file
      case Int32(DT_LNK): kind = .symlink
      default:
        var info = stat()
        kind = lstat(childAbsolute, &info) == 0 ? Discovery.entryKind(info.st_mode) : .missing
      }
      var target = childAbsolute
      var viaSymlink = false
      if kind == .symlink {
        // Follow only links that stay inside the root.
        guard let resolved = Discovery.realPath(childAbsolute), isInsideRoot(resolved) else {
          occupied.insert(childRelative)
          unexplored.insert(childRelative)
          continue
        }
        target = resolved
        viaSymlink = true
        kind = Discovery.kind(resolved)
      }
      switch kind {
      case .directory:
        occupied.insert(childRelative)
        if Discovery.skippedNames.contains(name) || name.hasPrefix(".build-") {
          skipped += 1
          unexplored.insert(childRelative)
          continue
        }
        if rules.verdict(childRelative, isDirectory: true, among: applicable) == true
          || exclude.verdict(childRelative, isDirectory: true) == true
        {
          skipped += 1
          unexplored.insert(childRelative)
          continue
        }
        guard depth + 1 <= limits.maxDepth else {
          unexplored.insert(childRelative)
          report(
            .discoveryLimit, .warning, childRelative,
            "folder \(childRelative) is deeper than \(limits.maxDepth) levels; not read")
          continue
        }
        if viaSymlink {
          // Linked folders wait until every real folder is walked, so files keep their real names.
          pendingLinks.append((target, childRelative, depth + 1, rules))
          continue
        }
        enter(target, childRelative, depth + 1, rules)
      case .file:
        let fileKind = FileClassifier.kind(of: childRelative)
        guard fileKind != .other else {
          if !viaSymlink, Discovery.isTemporaryName(name) {
            temporaries.append(childRelative)
          } else {
            // Not read, but its existence matters (a template the views render; a file
            // nginx serves when it is deployed).
            occupied.insert(childRelative)
            if rules.verdict(childRelative, isDirectory: false, among: applicable) != true,
              exclude.verdict(childRelative, isDirectory: false) != true
            {
              unreadFiles.insert(childRelative)
            }
          }
          continue
        }
        if rules.verdict(childRelative, isDirectory: false, among: applicable) == true
          || exclude.verdict(childRelative, isDirectory: false) == true
        {
          occupied.insert(childRelative)
          continue
        }
        var info = stat()
        guard stat(target, &info) == 0 else {
          occupied.insert(childRelative)
          report(
            .unreadableFile, .error, childRelative,
            "cannot read \(childRelative): \(String(cString: strerror(errno)))")
          continue
        }
        candidates.append(
          Candidate(
            relative: childRelative, absolute: target, viaSymlink: viaSymlink || walkingLinks,
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
      default:
        occupied.insert(childRelative)
        continue
      }
    }
  }

  /// Reads the root `.ebignore`; a line the EB CLI refuses stops `eb deploy` (Y001 there).
  package mutating func readEbignore(_ path: String) {
    guard case .bytes(let bytes) = Discovery.readFile(path, limit: limits.maxFileSize) else {
      ebignore = EBIgnore(bytes: [])
      return
    }
    let read = EBIgnore(bytes: bytes)
    ebignore = read
    for refusal in read.refusals {
      diagnostics.append(
        Diagnostic(
          problem: .configurationSyntax, severity: .error,
          message:
            "the EB CLI cannot read this .ebignore line (\(refusal.message)): eb deploy stops with an error before it uploads anything",
          location: Location(file: ".ebignore", span: refusal.span)))
    }
  }

  /// Walks a folder unless it was walked already under another name (a loop or an alias).
  package mutating func enter(
    _ target: String, _ relative: String, _ depth: Int, _ rules: IgnoreRules
  ) {
    var info = stat()
    guard stat(target, &info) == 0 else { return }
    let key = [UInt64(info.st_dev), UInt64(info.st_ino)]
    guard visitedDirectories.insert(key).inserted else { return }
    walk(directory: target, relative: relative, depth: depth, rules: rules)
  }

  /// Walks the linked folders met so far (and those they lead to).
  package mutating func walkPendingLinks() {
    walkingLinks = true
    while !pendingLinks.isEmpty {
      let batch = pendingLinks.sorted { $0.1 < $1.1 }
      pendingLinks = []
      for (target, relative, depth, rules) in batch { enter(target, relative, depth, rules) }
    }
  }

  package func isInsideRoot(_ resolved: String) -> Bool {
    if root == "/" { return true }
    return resolved == root || resolved.hasPrefix(root + "/")
  }

  package mutating func report(
    _ problem: ReaderProblem, _ severity: Severity, _ file: String, _ message: String
  ) {
    diagnostics.append(
      Diagnostic(
        problem: problem, severity: severity, message: message,
        location: Location(file: file, span: Span(at: 0))))
  }

  package mutating func finish() -> DiscoveryResult {
    // The same file under two names (a symlink inside the root) is read once:
    // prefer the real name, then the smallest path.
    var chosen: [[UInt64]: Candidate] = [:]
    for candidate in candidates {
      let key = [candidate.device, candidate.inode]
      if let existing = chosen[key] {
        let better =
          (existing.viaSymlink && !candidate.viaSymlink)
          || (existing.viaSymlink == candidate.viaSymlink && candidate.relative < existing.relative)
        if better { chosen[key] = candidate }
      } else {
        chosen[key] = candidate
      }
    }
    let ordered = chosen.values.sorted { $0.relative < $1.relative }
    var files: [SourceFile] = []
    for (index, candidate) in ordered.enumerated() {
      if index >= limits.maxFiles {
        for skipped in ordered[index...] { occupied.insert(skipped.relative) }
        report(
          .discoveryLimit, .warning, candidate.relative,
          "read the first \(limits.maxFiles) files only; \(ordered.count - limits.maxFiles) more were skipped, starting with \(candidate.relative)"
        )
        break
      }
      switch Discovery.readFile(candidate.absolute, limit: limits.maxFileSize) {
      case .bytes(let bytes):
        files.append(Discovery.sourceFile(path: candidate.relative, bytes: bytes))
      case .tooLarge(let size):
        occupied.insert(candidate.relative)
        report(
          .fileTooLarge, .warning, candidate.relative,
          "\(candidate.relative) is \(size) bytes, over the \(limits.maxFileSize)-byte limit; not read"
        )
      case .failed(let reason):
        occupied.insert(candidate.relative)
        report(
          .unreadableFile, .error, candidate.relative,
          "cannot read \(candidate.relative): \(reason)")
      }
    }
    diagnostics.sort(by: Diagnostic.reportOrder)
    // Every name a candidate was found under but not read (a link alias of a file read once).
    let read = Set(files.map(\.path))
    for candidate in candidates where !read.contains(candidate.relative) {
      occupied.insert(candidate.relative)
    }
    var result = DiscoveryResult(
      root: root, files: SourceFiles(SharedContent.share(files, kind: .python)),
      diagnostics: diagnostics, gitignore: gitignore,
      ebignore: ebignore, entriesVisited: entries, directoriesSkipped: skipped)
    result.occupied = occupied
    result.unreadFiles = unreadFiles
    result.unexplored = unexplored
    result.temporaries = temporaries.sorted()
    return result
  }
}
