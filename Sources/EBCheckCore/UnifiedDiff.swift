/// Unified diffs in the form `git apply` accepts.
public enum UnifiedDiff {
  public static let contextLines = 3

  /// A `diff --git` section for one file; empty when nothing changed.
  /// `old == nil` means the file is new.
  public static func make(path: String, old: [UInt8]?, new: [UInt8]) -> String {
    String(decoding: makeBytes(path: path, old: old, new: new), as: UTF8.self)
  }

  /// The same section, byte for byte: lines that are not UTF-8 (a latin-1 file, a stray
  /// byte in a comment) are copied as they are, so `git apply` finds its context.
  public static func makeBytes(path: String, old: [UInt8]?, new: [UInt8]) -> [UInt8] {
    if let old, old == new { return [] }
    let oldLines = old.map(splitLines) ?? []
    let newLines = splitLines(new)
    let operations = LineDiff.operations(oldLines, newLines)
    var header = "diff --git a/\(path) b/\(path)\n"
    if old == nil {
      header += "new file mode 100644\n--- /dev/null\n"
    } else {
      header += "--- a/\(path)\n"
    }
    header += "+++ b/\(path)\n"
    var output = Array(header.utf8)
    for hunk in hunks(operations) {
      output += Array(hunk.header.utf8)
      for line in hunk.lines { output += line.unicodeScalars.map { UInt8($0.value) } }
    }
    return output
  }

  /// Lines with their terminators kept, so CRLF survives and a missing final newline shows.
  /// Each byte becomes the scalar of the same value (U+0000–U+00FF), so no byte is lost.
  package static func splitLines(_ bytes: [UInt8]) -> [String] {
    var lines: [String] = []
    var start = 0
    for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
      lines.append(byteString(bytes[start...index]))
      start = index + 1
    }
    if start < bytes.count { lines.append(byteString(bytes[start...])) }
    return lines
  }

  package static func byteString(_ bytes: ArraySlice<UInt8>) -> String {
    var scalars = String.UnicodeScalarView()
    for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
    return String(scalars)
  }

  package struct Hunk {
    package var header: String
    package var lines: [String]
  }

  package static func render(_ prefix: String, _ line: String) -> String {
    line.utf8.last == UInt8(ascii: "\n")
      ? prefix + line : prefix + line + "\n\\ No newline at end of file\n"
  }

  package static func hunks(_ operations: [LineDiff.Operation]) -> [Hunk] {
    let changeIndices = operations.indices.filter {
      if case .same = operations[$0] { return false }
      return true
    }
    guard !changeIndices.isEmpty else { return [] }
    var groups: [ClosedRange<Int>] = []
    for index in changeIndices {
      let low = max(0, index - contextLines)
      let high = min(operations.count - 1, index + contextLines)
      if let last = groups.last, low <= last.upperBound + 1 {
        groups[groups.count - 1] = last.lowerBound...max(last.upperBound, high)
      } else {
        groups.append(low...high)
      }
    }
    // Line numbers before each operation.
    var oldLine = [Int](repeating: 0, count: operations.count + 1)
    var newLine = [Int](repeating: 0, count: operations.count + 1)
    for (index, operation) in operations.enumerated() {
      oldLine[index + 1] = oldLine[index] + (operation.consumesOld ? 1 : 0)
      newLine[index + 1] = newLine[index] + (operation.consumesNew ? 1 : 0)
    }
    return groups.map { range in
      var lines: [String] = []
      var oldCount = 0
      var newCount = 0
      for operation in operations[range] {
        switch operation {
        case .same(let line):
          lines.append(render(" ", line))
          oldCount += 1
          newCount += 1
        case .delete(let line):
          lines.append(render("-", line))
          oldCount += 1
        case .insert(let line):
          lines.append(render("+", line))
          newCount += 1
        }
      }
      let oldStart = oldCount == 0 ? oldLine[range.lowerBound] : oldLine[range.lowerBound] + 1
      let newStart = newCount == 0 ? newLine[range.lowerBound] : newLine[range.lowerBound] + 1
      return Hunk(header: "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n", lines: lines)
    }
  }
}

/// Myers' O(ND) line diff.
package enum LineDiff {
  package enum Operation: Equatable {
    case same(String)
    case delete(String)
    case insert(String)

    package var consumesOld: Bool {
      if case .insert = self { return false }
      return true
    }
    package var consumesNew: Bool {
      if case .delete = self { return false }
      return true
    }
  }

  package static func operations(_ old: [String], _ new: [String]) -> [Operation] {
    let n = old.count
    let m = new.count
    let maxD = n + m
    guard maxD > 0 else { return [] }
    let offset = maxD
    var frontier = [Int](repeating: 0, count: 2 * maxD + 2)
    var history: [[Int]] = []
    search: for d in 0...maxD {
      history.append(frontier)
      for k in stride(from: -d, through: d, by: 2) {
        var x: Int
        if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
          x = frontier[offset + k + 1]
        } else {
          x = frontier[offset + k - 1] + 1
        }
        var y = x - k
        while x < n, y < m, old[x].utf8.elementsEqual(new[y].utf8) {
          x += 1
          y += 1
        }
        frontier[offset + k] = x
        if x >= n, y >= m { break search }
      }
    }
    // Walk back through the saved frontiers.
    var result: [Operation] = []
    var x = n
    var y = m
    for d in stride(from: history.count - 1, through: 0, by: -1) {
      let saved = history[d]
      let k = x - y
      let previousK: Int
      if d == 0 {
        while x > 0, y > 0 {
          result.append(.same(old[x - 1]))
          x -= 1
          y -= 1
        }
        break
      }
      if k == -d || (k != d && saved[offset + k - 1] < saved[offset + k + 1]) {
        previousK = k + 1
      } else {
        previousK = k - 1
      }
      let previousX = saved[offset + previousK]
      let previousY = previousX - previousK
      while x > previousX, y > previousY {
        result.append(.same(old[x - 1]))
        x -= 1
        y -= 1
      }
      if x == previousX {
        result.append(.insert(new[y - 1]))
      } else {
        result.append(.delete(old[x - 1]))
      }
      x = previousX
      y = previousY
    }
    return result.reversed()
  }
}
