import Foundation
import EBCheckCore

import EBCheck

/// Paths and process helpers shared by the Python test suites.
enum PythonTestSupport {
  static let repositoryRoot: URL = TestPaths.repository

  static let fixturesRoot = repositoryRoot.appendingPathComponent("Fixtures/settings")
  static let supportDirectory = repositoryRoot.appendingPathComponent("Tests/EBCheckTests/Support")

  /// Runs `python3 script args…` and returns its standard output (nil when it fails).
  static func runPython(_ script: String, _ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", supportDirectory.appendingPathComponent(script).path] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    _ = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// Every fixture file below `Fixtures/settings`, relative to it.
  static func fixturePaths(extension wanted: String = "py") -> [String] {
    let manager = FileManager.default
    guard let enumerator = manager.enumerator(atPath: fixturesRoot.path) else { return [] }
    var paths: [String] = []
    while let path = enumerator.nextObject() as? String {
      if path.hasSuffix("." + wanted) && !path.contains("__pycache__") { paths.append(path) }
    }
    return paths.sorted()
  }

  static func loadFixture(_ relative: String) -> SourceFile {
    let data =
      FileManager.default.contents(
        atPath: fixturesRoot.appendingPathComponent(relative).path) ?? Data()
    return SourceFile(path: relative, bytes: Array(data))
  }

  static func allFixtureFiles() -> SourceFiles {
    SourceFiles(fixturePaths().map(loadFixture))
  }
}
