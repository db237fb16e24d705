#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import EBCheckCore

/// Writes fixed files atomically, inside the lint root only.
public struct FileWriter: Sendable {
  public let root: String

  public init(root: String) { self.root = root }

  /// Writes `bytes` to the root-relative `path`: a temp file in the same folder, then rename.
  /// Keeps the mode of an existing file. Refuses paths that leave the root or pass a symlink.
  public func write(_ bytes: [UInt8], to path: String) throws(UsageError) {
    try checkInsideRoot(path)
    let target = root + "/" + path
    let directory = Workspace.parentDirectory(of: target)
    try makeDirectories(for: path)
    var mode: mode_t = 0o644
    var info = stat()
    if lstat(target, &info) == 0 {
      guard (info.st_mode & S_IFMT) == S_IFREG else {
        throw UsageError("\(path): not a regular file, not written")
      }
      guard access(target, W_OK) == 0 else { throw UsageError("\(path): read-only, not written") }
      mode = info.st_mode & 0o7777
    }
    var template = Array((directory + "/.ebcheck-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw UsageError("\(path): cannot create a temporary file") }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      if count <= 0 { break }
      written += count
    }
    let complete = written == bytes.count && fchmod(descriptor, mode) == 0 && fsync(descriptor) == 0
    close(descriptor)
    guard complete, rename(temporary, target) == 0 else {
      unlink(temporary)
      throw UsageError("\(path): write failed")
    }
  }

  /// Every component must stay inside the root and none may be a symlink.
  package func checkInsideRoot(_ path: String) throws(UsageError) {
    let components = path.split(separator: "/")
    guard !path.hasPrefix("/"), !components.contains(".."), !components.isEmpty else {
      throw UsageError("\(path): outside the lint root, not written")
    }
    var current = root
    for component in components {
      current += "/" + component
      var info = stat()
      if lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
        throw UsageError("\(path): passes through a symlink, not written")
      }
    }
  }

  package func makeDirectories(for path: String) throws(UsageError) {
    var current = root
    for component in path.split(separator: "/").dropLast() {
      current += "/" + component
      var info = stat()
      if stat(current, &info) == 0 { continue }
      guard mkdir(current, 0o755) == 0 else { throw UsageError("\(path): cannot create folder") }
    }
  }
}
