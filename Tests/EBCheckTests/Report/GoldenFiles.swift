import Foundation
import Testing
import EBCheckCore

/// Golden files under Tests/EBCheckTests/Golden; `EBCHECK_UPDATE_GOLDEN=1` rewrites them.
enum Golden {
  static let folder = TestPaths.tests.appendingPathComponent("Golden")

  static func assert(
    _ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["EBCHECK_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      return
    }
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing golden \(name)>"
    #expect(
      actual == expected, "golden \(name) differs; EBCHECK_UPDATE_GOLDEN=1 rewrites it",
      sourceLocation: sourceLocation)
  }
}
