import Foundation
import Testing
import EBCheckCore

import EBCheck

@Suite struct UnifiedDiffTests {
  @Test func gitApplyAcceptsOurDiffs() throws {
    let cases: [(String, String?, String)] = [
      ("a.py", "one\ntwo\nthree\n", "zero\none\ntwo\nthree\n"),
      ("crlf.py", "a = 1\r\nb = 2\r\n", "a = 1\r\nb = 3\r\n# 한국어\r\n"),
      ("tail.txt", "x\ny", "x\ny\nz\n"),
      (
        "long.py", (1...40).map { "line \($0)\n" }.joined(),
        (1...40).map { $0 == 5 || $0 == 30 ? "changed \($0)\n" : "line \($0)\n" }.joined()
      ),
      ("dir/new.py", nil, "print('new')\n"),
    ]
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ebcheck-diff-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var patch = ""
    for (path, old, new) in cases {
      if let old {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(old.utf8).write(to: url)
      }
      patch += UnifiedDiff.make(path: path, old: old.map { Array($0.utf8) }, new: Array(new.utf8))
    }
    let patchURL = directory.appendingPathComponent("fix.patch")
    try Data(patch.utf8).write(to: patchURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "apply", "--unsafe-paths", "fix.patch"]
    process.currentDirectoryURL = directory
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "git apply rejected:\n\(patch)")
    for (path, _, new) in cases {
      let contents = try Data(contentsOf: directory.appendingPathComponent(path))
      #expect(Array(contents) == Array(new.utf8), "\(path)")
    }
  }

  @Test func identicalFilesGiveNoDiff() {
    #expect(UnifiedDiff.make(path: "a", old: Array("x\n".utf8), new: Array("x\n".utf8)).isEmpty)
  }
}
