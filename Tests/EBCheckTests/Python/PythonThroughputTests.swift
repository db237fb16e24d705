import Foundation
import Testing
import EBCheckCore
import EBCheckPython

import EBCheck

/// Prints tokenizer and parser throughput; run in release for meaningful figures:
/// `swift test -c release -Xswiftc -enable-testing --filter PythonThroughputTests`.
@Suite struct PythonThroughputTests {
  static func largeSource(megabytes: Int) -> SourceFile {
    let fixture = PythonTestSupport.fixturePaths()
      .map { PythonTestSupport.loadFixture($0).bytes }
      .filter { !$0.isEmpty && $0.last == UInt8(ascii: "\n") && !$0.contains(UInt8(ascii: "\r")) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(megabytes << 20 + 100_000)
    var index = 0
    while bytes.count < megabytes << 20 {
      bytes += fixture[index % fixture.count]
      index += 1
    }
    return SourceFile(path: "large.py", bytes: bytes)
  }

  /// CPU time of the calling thread, so a machine shared with other builds does not skew it.
  static func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  @Test func throughput() {
    #if DEBUG
      // Debug builds are ~30x slower; keep the suite quick and only smoke-test the path.
      let file = Self.largeSource(megabytes: 1)
    #else
      let file = Self.largeSource(megabytes: 16)
    #endif
    let megabytes = Double(file.bytes.count) / 1_048_576
    // Best of three runs, so one-off page faults and allocator warm-up do not dominate.
    var tokenizeSeconds = Double.infinity
    var parseSeconds = Double.infinity
    var stream = PyTokenStream(tokens: [], diagnostics: [])
    var module = PythonModule(file: "", statements: [], comments: [], diagnostics: [])
    for _ in 0..<3 {
      var start = Self.threadCPUSeconds()
      stream = PythonTokenizer.tokenize(file)
      tokenizeSeconds = min(tokenizeSeconds, Self.threadCPUSeconds() - start)
      start = Self.threadCPUSeconds()
      module = PythonParser.parse(file)
      parseSeconds = min(parseSeconds, Self.threadCPUSeconds() - start)
    }
    print(
      "python throughput (thread CPU time): \(String(format: "%.1f", megabytes)) MB, \(stream.tokens.count) tokens; "
        + "tokenize \(String(format: "%.0f", megabytes / tokenizeSeconds)) MB/s; "
        + "tokenize+parse \(String(format: "%.0f", megabytes / parseSeconds)) MB/s")
    #expect(module.statements.count > 1000)
    #expect(stream.diagnostics.isEmpty)
  }
}
