/// A 1-based line and column. Columns count Unicode scalars, not bytes.
public struct LineColumn: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: LineColumn, rhs: LineColumn) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  public var description: String { "\(line):\(column)" }
}

/// Converts byte offsets to line/column and back. A line ends after `\n`;
/// a `\r\n` pair belongs to the line it ends, so CRLF files round-trip.
public struct LineIndex: Sendable {
  /// Byte offset where each line starts; always begins with 0.
  public let lineStarts: [Int]
  private let bytes: [UInt8]

  public init(_ bytes: [UInt8]) {
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
    self.bytes = bytes
  }

  public var lineCount: Int { lineStarts.count }

  /// The 0-based line holding `offset` (offsets past the end clamp to the last line).
  public func lineNumber(at offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// A UTF-8 byte-order mark is not a column: editors and Python start line 1 after it.
  public var byteOrderMarkLength: Int { bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0 }

  /// Where the columns of a 0-based line start counting.
  private func columnStart(ofLine line: Int) -> Int {
    line == 0 ? byteOrderMarkLength : lineStarts[line]
  }

  public func location(of offset: Int) -> LineColumn {
    let clamped = max(0, min(offset, bytes.count))
    let line = lineNumber(at: clamped)
    var column = 1
    var index = columnStart(ofLine: line)
    while index < clamped {
      index += Self.scalarLength(leadByte: bytes[index])
      column += 1
    }
    return LineColumn(line: line + 1, column: column)
  }

  /// The byte offset of a 1-based line and column, or nil when outside the file.
  public func offset(of position: LineColumn) -> Int? {
    guard position.line >= 1, position.line <= lineStarts.count, position.column >= 1 else {
      return nil
    }
    var index = columnStart(ofLine: position.line - 1)
    let end = lineContentRange(line: position.line).upperBound
    for _ in 1..<position.column {
      guard index < end else { return nil }
      index += Self.scalarLength(leadByte: bytes[index])
    }
    return min(index, end)
  }

  /// Byte range of a 1-based line without its terminator (`\n` or `\r\n`).
  public func lineContentRange(line: Int) -> Range<Int> {
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return start..<end
  }

  /// Byte range of a 1-based line including its terminator.
  public func lineRange(line: Int) -> Range<Int> {
    let start = lineStarts[line - 1]
    let end = line < lineStarts.count ? lineStarts[line] : bytes.count
    return start..<end
  }

  package static func scalarLength(leadByte: UInt8) -> Int {
    switch leadByte {
    case 0xF0...0xF7: return 4
    case 0xE0...0xEF: return 3
    case 0xC0...0xDF: return 2
    default: return 1
    }
  }
}
