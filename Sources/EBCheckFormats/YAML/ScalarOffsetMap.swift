import EBCheckCore

/// Converts libyaml mark indexes to UTF-8 byte offsets.
///
/// libyaml 0.2.5 counts `mark.index` in characters (Unicode scalars; CRLF counts two) and
/// starts counting after a UTF-8 byte order mark. Marks arrive almost in order, so a moving
/// cursor makes each conversion cheap; checkpoints every 1024 scalars cover jumps backwards.
package struct ScalarOffsetMap {
  private let bytes: [UInt8]
  private let base: Int
  private let isASCII: Bool
  private var checkpoints: [Int] = [0]
  private var cursorScalar = 0
  private var cursorByte = 0
  private static let stride = 1024

  package init(_ bytes: [UInt8]) {
    self.bytes = bytes
    self.base = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    self.isASCII = !bytes.contains { $0 >= 0x80 }
    cursorByte = base
    checkpoints = [base]
  }

  /// The byte offset of the scalar at `index` (clamped to the end of the input).
  package mutating func byteOffset(ofScalar index: Int) -> Int {
    if isASCII { return min(base + index, bytes.count) }
    if index < cursorScalar {
      let checkpoint = min(index / Self.stride, checkpoints.count - 1)
      cursorScalar = checkpoint * Self.stride
      cursorByte = checkpoints[checkpoint]
    }
    while cursorScalar < index, cursorByte < bytes.count {
      cursorByte += 1
      while cursorByte < bytes.count, bytes[cursorByte] & 0xC0 == 0x80 { cursorByte += 1 }
      cursorScalar += 1
      if cursorScalar % Self.stride == 0, cursorScalar / Self.stride == checkpoints.count {
        checkpoints.append(cursorByte)
      }
    }
    return cursorByte
  }
}
