#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A lint root with its discovered files and configuration.
public struct Workspace: Sendable {
  /// The lint root as given (absolute or relative to the working directory).
  public var root: String
  public var files: SourceFiles
  /// Problems met while discovering (unreadable or oversized files, ...).
  public var diagnostics: [Diagnostic]

  public init(root: String, files: SourceFiles, diagnostics: [Diagnostic] = []) {
    self.root = root
    self.files = files
    self.diagnostics = diagnostics
  }

  /// Loads the repository at `path` (a repo root, a subfolder, or a single file).
  public static func load(path: String) throws(UsageError) -> Workspace {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw UsageError("\(path): no such file or directory")
    }
    let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
    let root = isDirectory ? path : parentDirectory(of: path)
    var files = SourceFiles()
    var diagnostics: [Diagnostic] = []
    if isDirectory {
      walk(root: root, relative: "", depth: 0, into: &files, diagnostics: &diagnostics)
    } else {
      let name = String(path.split(separator: "/").last ?? Substring(path))
      guard let bytes = readFile(path) else { throw UsageError("\(path): cannot read file") }
      files.insert(SourceFile(path: name, bytes: bytes))
    }
    return Workspace(root: root, files: files, diagnostics: diagnostics)
  }

  static let skippedDirectories: Set<String> = [
    ".git", "node_modules", "__pycache__", ".tox", ".build", ".venv", "venv",
  ]

  private static func walk(
    root: String, relative: String, depth: Int, into files: inout SourceFiles,
    diagnostics: inout [Diagnostic]
  ) {
    guard depth < 64 else { return }
    let directory = relative.isEmpty ? root : root + "/" + relative
    guard let handle = opendir(directory) else { return }
    defer { closedir(handle) }
    var entries: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { entries.append(name) }
    }
    for name in entries.sorted() {
      let relativePath = relative.isEmpty ? name : relative + "/" + name
      var info = stat()
      guard lstat(root + "/" + relativePath, &info) == 0 else { continue }
      let type = info.st_mode & S_IFMT
      if type == S_IFDIR {
        if skippedDirectories.contains(name) || name.hasPrefix(".build") { continue }
        walk(
          root: root, relative: relativePath, depth: depth + 1, into: &files,
          diagnostics: &diagnostics)
      } else if type == S_IFREG {
        let kind = FileClassifier.kind(of: relativePath)
        guard kind != .other, let bytes = readFile(root + "/" + relativePath) else { continue }
        files.insert(SourceFile(path: relativePath, bytes: bytes, kind: kind))
      }
    }
  }

  static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let parent = String(path[..<slash])
    return parent.isEmpty ? "/" : parent
  }

  /// Reads a whole file, or nil when it cannot be opened.
  public static func readFile(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 65536) }
      if count < 0 { return nil }
      if count == 0 { break }
      bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
  }
}
