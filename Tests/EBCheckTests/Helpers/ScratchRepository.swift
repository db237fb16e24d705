import EBCheckCore
import Foundation

/// A throwaway repository on disk for tests that run the pipeline or the `ebcheck` binary:
/// files written from a dictionary or copied from a fixture, optionally a `.git` folder.
struct ScratchRepository {
  /// Absolute, symlink-free path.
  let root: String

  init(git: Bool = true) throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("ebcheck-scratch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    root = base.resolvingSymlinksInPath().path
    if git {
      try FileManager.default.createDirectory(
        atPath: root + "/.git", withIntermediateDirectories: true)
    }
  }

  /// A repository holding the seed project at `folder` ("" for the root).
  static func seed(at folder: String = "", git: Bool = true) throws -> ScratchRepository {
    let repository = try ScratchRepository(git: git)
    try repository.copy(fixture: "seed", to: folder)
    return repository
  }

  func remove() { try? FileManager.default.removeItem(atPath: root) }

  func path(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

  func write(_ relative: String, _ text: String) throws {
    try write(relative, Array(text.utf8))
  }

  func write(_ relative: String, _ bytes: [UInt8]) throws {
    let url = URL(fileURLWithPath: path(relative))
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  func write(_ files: [String: String]) throws {
    for (relative, text) in files { try write(relative, text) }
  }

  func read(_ relative: String) throws -> String {
    try String(contentsOfFile: path(relative), encoding: .utf8)
  }

  func bytes(_ relative: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
  }

  func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

  func copy(fixture: String, to folder: String) throws {
    let source = PythonTestSupport.repositoryRoot.appendingPathComponent(
      "Fixtures/projects/\(fixture)")
    let target = path(folder)
    if folder.isEmpty {
      for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
        try FileManager.default.copyItem(
          atPath: source.appendingPathComponent(name).path, toPath: target + "/" + name)
      }
    } else {
      try FileManager.default.createDirectory(
        atPath: parentFolder(target), withIntermediateDirectories: true)
      try FileManager.default.copyItem(atPath: source.path, toPath: target)
    }
  }

  /// Every file below the root except `.git`, relative path → bytes.
  func snapshot() throws -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
      if relative == ".git" || relative.hasPrefix(".git/") { continue }
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path(relative), isDirectory: &isFolder),
        !isFolder.boolValue
      else { continue }
      files[relative] = try bytes(relative)
    }
    return files
  }

  /// The `ebcheck` binary run in `folder` of this repository.
  func run(
    _ arguments: [String], in folder: String = "", stdin: String? = nil,
    environment: [String: String] = [:]
  )
    throws -> IntegrationTests.Run
  {
    try IntegrationTests.run(arguments, in: path(folder), stdin: stdin, environment: environment)
  }
}

private func parentFolder(_ path: String) -> String {
  URL(fileURLWithPath: path).deletingLastPathComponent().path
}
