import EBCheckCore

/// One file a fix writes.
public struct FileChange: Sendable, Hashable {
  /// Root-relative path.
  public var path: String
  public var bytes: [UInt8]
  /// The contents ebcheck read and fixed; nil for a file the fix creates. The file on disk
  /// must still hold exactly these bytes (or, for a new file, not exist), else nothing is written.
  public var original: [UInt8]?

  public init(path: String, bytes: [UInt8], original: [UInt8]?) {
    self.path = path
    self.bytes = bytes
    self.original = original
  }
}

/// Writes fixed files inside the lint root, all or nothing.
///
/// Every new content is first written to a `.ebcheck-XXXXXX` temporary beside its target;
/// only when all are on disk is each renamed over its target (a new file is linked into
/// place, which fails rather than replace a file that appeared meanwhile). If any step fails,
/// the files already replaced get their original bytes back, new ones are removed, and so
/// are the temporaries. A process killed midway leaves every file wholly old or wholly new;
/// the temporaries it leaves are removed by the next `fix` (`removeTemporaries`).
public struct FileWriter: Sendable {
  public let root: String
  public let fileSystem: any FileSystemSeam

  public init(root: String, fileSystem: any FileSystemSeam = POSIXFileSystem()) {
    self.root = root
    self.fileSystem = fileSystem
  }

  /// Writes one file, replacing what is there (or creating it).
  public func write(_ bytes: [UInt8], to path: String) throws(UsageError) {
    try checkInsideRoot(path)
    let original = fileSystem.entry(absolute(path)) == nil ? nil : fileSystem.read(absolute(path))
    try commit([FileChange(path: path, bytes: bytes, original: original)])
  }

  /// Writes every change, or none.
  public func commit(_ changes: [FileChange]) throws(UsageError) {
    try Self.commit([(self, changes)])
  }

  /// Changes checked and written to temporaries, ready to be put in place.
  package struct Prepared {
    var writer: FileWriter
    var change: FileChange
    var mode: UInt32
    var temporary: String
  }

  /// Writes every change of every writer (one per lint root), or none: all temporaries
  /// first, then every rename.
  public static func commit(_ groups: [(FileWriter, [FileChange])]) throws(UsageError) {
    var modes: [[UInt32]] = []
    for (writer, changes) in groups {
      var own: [UInt32] = []
      for change in changes { own.append(try writer.check(change)) }
      modes.append(own)
    }
    var prepared: [Prepared] = []
    var createdFolders: [(FileWriter, [String])] = []
    do throws(UsageError) {
      for ((writer, changes), groupModes) in zip(groups, modes) {
        for (change, mode) in zip(changes, groupModes) {
          createdFolders.append((writer, try writer.makeFolders(for: change.path)))
          let folder = Discovery.parent(of: writer.absolute(change.path))
          guard
            let temporary = writer.fileSystem.writeTemporary(in: folder, change.bytes, mode: mode)
          else {
            throw UsageError(
              "\(change.path): cannot write a temporary file (\(writer.fileSystem.lastError()))")
          }
          prepared.append(
            Prepared(writer: writer, change: change, mode: mode, temporary: temporary))
        }
      }
    } catch {
      for item in prepared { _ = item.writer.fileSystem.remove(item.temporary) }
      for (writer, folders) in createdFolders.reversed() { writer.removeFolders(folders) }
      throw error
    }
    var placed: [Prepared] = []
    for (index, item) in prepared.enumerated() {
      let fileSystem = item.writer.fileSystem
      let target = item.writer.absolute(item.change.path)
      let done =
        item.change.original == nil
        ? fileSystem.linkNew(item.temporary, target) && fileSystem.remove(item.temporary)
        : fileSystem.rename(item.temporary, target)
      if done {
        placed.append(item)
        continue
      }
      let reason = fileSystem.lastError()
      for later in prepared[index...] { _ = later.writer.fileSystem.remove(later.temporary) }
      var unrestored: [String] = []
      for done in placed.reversed() {
        unrestored += done.writer.rollBack([done.change], modes: [done.mode])
      }
      for (writer, folders) in createdFolders.reversed() { writer.removeFolders(folders) }
      throw UsageError(
        "\(item.change.path): write failed (\(reason)); "
          + (unrestored.isEmpty
            ? "no file was changed"
            : "could not restore \(unrestored.joined(separator: ", "))"))
    }
  }

  /// Puts back the originals of `changes` already written; returns the paths it could not.
  package func rollBack(_ changes: [FileChange], modes: [UInt32]) -> [String] {
    var failed: [String] = []
    for (change, mode) in zip(changes, modes).reversed() {
      let target = absolute(change.path)
      guard let original = change.original else {
        if !fileSystem.remove(target) { failed.append(change.path) }
        continue
      }
      let folder = Discovery.parent(of: target)
      guard let temporary = fileSystem.writeTemporary(in: folder, original, mode: mode) else {
        failed.append(change.path)
        continue
      }
      if !fileSystem.rename(temporary, target) {
        _ = fileSystem.remove(temporary)
        failed.append(change.path)
      }
    }
    return failed.reversed()
  }

  /// The mode the file gets: an existing file keeps its own, a new one gets 0644.
  /// Refuses paths that leave the root or pass a symlink, a folder or a read-only file in the
  /// way, a new file whose name is taken, and a file changed since ebcheck read it.
  package func check(_ change: FileChange) throws(UsageError) -> UInt32 {
    try checkInsideRoot(change.path)
    let target = absolute(change.path)
    guard let entry = fileSystem.entry(target) else {
      if change.original != nil {
        throw UsageError("\(change.path): removed since ebcheck read it; not written")
      }
      return 0o644
    }
    guard change.original != nil else {
      throw UsageError(
        "\(change.path): exists; a fix never replaces a file ebcheck did not read, not written")
    }
    guard entry.isRegularFile else {
      throw UsageError("\(change.path): not a regular file, not written")
    }
    guard fileSystem.isWritable(target) else {
      throw UsageError("\(change.path): read-only, not written")
    }
    guard fileSystem.read(target) == change.original else {
      throw UsageError("\(change.path): changed since ebcheck read it; not written")
    }
    return entry.mode
  }

  package func absolute(_ path: String) -> String { root == "/" ? "/" + path : root + "/" + path }

  /// Every component must stay inside the root and none may be a symlink.
  package func checkInsideRoot(_ path: String) throws(UsageError) {
    let components = path.split(separator: "/")
    guard !path.hasPrefix("/"), !components.contains(".."), !components.isEmpty else {
      throw UsageError("\(path): outside the lint root, not written")
    }
    var current = root
    for component in components {
      current += "/" + component
      if fileSystem.entry(current)?.isSymlink == true {
        throw UsageError("\(path): passes through a symlink, not written")
      }
    }
  }

  /// Creates the missing folders of `path`, returning them outermost first.
  package func makeFolders(for path: String) throws(UsageError) -> [String] {
    var created: [String] = []
    var current = root
    for component in path.split(separator: "/").dropLast() {
      current += "/" + component
      if fileSystem.entry(current) != nil { continue }
      guard fileSystem.makeFolder(current) else {
        removeFolders(created)
        throw UsageError("\(path): cannot create folder")
      }
      created.append(current)
    }
    return created
  }

  package func removeFolders(_ folders: [String]) {
    for folder in folders.reversed() { _ = fileSystem.removeFolder(folder) }
  }

  /// Removes the `.ebcheck-XXXXXX` temporaries (root-relative) an interrupted run left,
  /// regular files only; returns those removed.
  public func removeTemporaries(_ paths: [String]) -> [String] {
    paths.filter { path in
      guard (try? checkInsideRoot(path)) != nil,
        fileSystem.entry(absolute(path))?.isRegularFile == true
      else { return false }
      return fileSystem.remove(absolute(path))
    }
  }
}
