import Foundation

/// Places the tests read from the repository, found from this file's path whatever folder
/// a test file sits in.
enum TestPaths {
  /// The repository root: the nearest folder above this file holding `Package.swift`.
  static let repository: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(
      atPath: folder.appendingPathComponent("Package.swift").path),
      folder.pathComponents.count > 1
    {
      folder = folder.deletingLastPathComponent()
    }
    return folder
  }()

  /// `Tests/EBCheckTests`, where the golden files and the test support data live.
  static let tests = repository.appendingPathComponent("Tests/EBCheckTests")
}
