import EBCheckCore

/// The physical lines of a pip requirements file as pip reads them: pip decodes a file that
/// starts with a UTF-16 byte-order mark as UTF-16 (what Windows' `pip freeze > file` in
/// PowerShell writes), any other as UTF-8. Each byte is UTF-8, paired with the offset in the
/// file it came from, so spans point into the file as stored.
package enum RequirementsText {
  package static func physicalLines(_ file: SourceFile) -> [[(UInt8, Int)]] {
    if let lines = utf16Lines(file.bytes) { return lines }
    guard file.lineIndex.lineCount > 0 else { return [] }
    return (1...file.lineIndex.lineCount).map { line in
      let range = file.lineIndex.lineContentRange(line: line)
      return Array(zip(file.bytes[range], range))
    }
  }

  /// Nil when `bytes` do not start with a UTF-16 byte-order mark.
  package static func utf16Lines(_ bytes: [UInt8]) -> [[(UInt8, Int)]]? {
    guard bytes.count >= 2 else { return nil }
    let littleEndian: Bool
    switch (bytes[0], bytes[1]) {
    case (0xFF, 0xFE): littleEndian = true
    case (0xFE, 0xFF): littleEndian = false
    default: return nil
    }
    func unit(at offset: Int) -> UInt16 {
      let (low, high) =
        littleEndian ? (bytes[offset], bytes[offset + 1]) : (bytes[offset + 1], bytes[offset])
      return UInt16(high) << 8 | UInt16(low)
    }
    var lines: [[(UInt8, Int)]] = []
    var current: [(UInt8, Int)] = []
    var offset = 2
    while offset + 1 < bytes.count {
      let start = offset
      let first = unit(at: start)
      var scalar: Unicode.Scalar? = Unicode.Scalar(first)
      offset += 2
      if (0xD800...0xDBFF).contains(first), offset + 1 < bytes.count {
        let second = unit(at: offset)
        if (0xDC00...0xDFFF).contains(second) {
          let value = 0x10000 + (UInt32(first - 0xD800) << 10) + UInt32(second - 0xDC00)
          scalar = Unicode.Scalar(value)
          offset += 2
        }
      }
      // An unpaired surrogate decodes to U+FFFD, as Python's "replace" error handler would.
      let character = scalar ?? "\u{FFFD}"
      if character == "\n" {
        if let last = current.last, last.0 == UInt8(ascii: "\r") { current.removeLast() }
        lines.append(current)
        current = []
        continue
      }
      for byte in String(character).utf8 { current.append((byte, start)) }
    }
    if let last = current.last, last.0 == UInt8(ascii: "\r") { current.removeLast() }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
