#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few file-system calls `FileWriter` makes, so tests can make one of them fail at a
/// chosen moment and check that a multi-file fix is rolled back.
public protocol FileSystemSeam: Sendable {
  /// `lstat`: the entry's type and permission bits, nil when nothing is there.
  func entry(_ path: String) -> (isRegularFile: Bool, isSymlink: Bool, mode: UInt32)?
  func isWritable(_ path: String) -> Bool
  func read(_ path: String) -> [UInt8]?
  /// Writes `bytes` to a new `.ebcheck-XXXXXX` file in `folder` with `mode`, synced to disk;
  /// returns its path.
  func writeTemporary(in folder: String, _ bytes: [UInt8], mode: UInt32) -> String?
  /// Replaces `target` with `source` atomically.
  func rename(_ source: String, _ target: String) -> Bool
  /// Gives `source`'s file the new name `target`, failing when `target` exists.
  func linkNew(_ source: String, _ target: String) -> Bool
  func remove(_ path: String) -> Bool
  func makeFolder(_ path: String) -> Bool
  func removeFolder(_ path: String) -> Bool
  /// The reason the last call failed.
  func lastError() -> String
}

/// The real file system.
public struct POSIXFileSystem: FileSystemSeam {
  public init() {}

  public func entry(_ path: String) -> (isRegularFile: Bool, isSymlink: Bool, mode: UInt32)? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    let type = info.st_mode & S_IFMT
    return (type == S_IFREG, type == S_IFLNK, UInt32(info.st_mode & 0o7777))
  }

  public func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

  public func read(_ path: String) -> [UInt8]? { Workspace.readFile(path) }

  public func writeTemporary(in folder: String, _ bytes: [UInt8], mode: UInt32) -> String? {
    var template = Array((folder + "/.ebcheck-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { return nil }
    let path = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0, errno == EINTR { continue }
      if count <= 0 { break }
      written += count
    }
    let complete =
      written == bytes.count && fchmod(descriptor, mode_t(mode)) == 0 && fsync(descriptor) == 0
    close(descriptor)
    guard complete else {
      unlink(path)
      return nil
    }
    return path
  }

  public func rename(_ source: String, _ target: String) -> Bool {
    Glibc.rename(source, target) == 0
  }

  public func linkNew(_ source: String, _ target: String) -> Bool {
    if link(source, target) == 0 { return true }
    // File systems without hard links: check, then rename (a narrow race, never a clobber
    // of a file that existed when the check ran).
    guard errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EXDEV,
      entry(target) == nil
    else { return false }
    return Glibc.rename(source, target) == 0
  }

  public func remove(_ path: String) -> Bool { unlink(path) == 0 || errno == ENOENT }

  public func makeFolder(_ path: String) -> Bool { mkdir(path, 0o755) == 0 || errno == EEXIST }

  public func removeFolder(_ path: String) -> Bool { rmdir(path) == 0 }

  public func lastError() -> String { String(cString: strerror(errno)) }
}
