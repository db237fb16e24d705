import EBCheckCore

/// PEP 263: a `# -*- coding: latin-1 -*-` (or `# vim: set fileencoding=…`) comment on the
/// first or second line names the encoding Python reads the file in; without one, and
/// whatever it says after a UTF-8 byte-order mark, the file is UTF-8.
public enum PythonSourceEncoding {
  /// The encoding name a file declares, as written; nil when it declares none.
  public static func declaredName(in bytes: [UInt8]) -> String? {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    while lines.count < 2, start <= bytes.count {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      lines.append(bytes[start..<end])
      start = end + 1
    }
    for (number, line) in lines.enumerated() {
      if let name = codingName(in: line) { return name }
      // The second line counts only when the first is blank or a comment.
      if number == 0, !isBlankOrComment(line) { return nil }
    }
    return nil
  }

  /// The encoding ebcheck reads a Python file in: the declared one when ebcheck knows it,
  /// else UTF-8 (unknown names are read as UTF-8; what is not UTF-8 is then P001).
  public static func encoding(of bytes: [UInt8]) -> TextEncoding {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
    guard let name = declaredName(in: bytes) else { return .utf8 }
    let normal = name.lowercased().replacingOccurrences("_", "-")
    switch normal {
    case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "8859", "cp819", "latin", "l1",
      "iso-latin-1", "iso-ir-100", "csisolatin1":
      return .latin1
    case "cp1252", "windows-1252", "1252":
      return .cp1252
    default:
      return .utf8
    }
  }

  /// `coding[:=]\s*([-\w.]+)` after a `#`, as the regular expression of PEP 263.
  package static func codingName(in line: ArraySlice<UInt8>) -> String? {
    var index = line.startIndex
    while index < line.endIndex,
      line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t")
        || line[index] == 0x0C
    {
      index += 1
    }
    guard index < line.endIndex, line[index] == UInt8(ascii: "#") else { return nil }
    let text = Array(line[index...])
    let marker = Array("coding".utf8)
    var position = 0
    while position + marker.count < text.count {
      if Array(text[position..<position + marker.count]) == marker,
        text[position + marker.count] == UInt8(ascii: ":")
          || text[position + marker.count] == UInt8(ascii: "=")
      {
        var cursor = position + marker.count + 1
        while cursor < text.count,
          text[cursor] == UInt8(ascii: " ") || text[cursor] == UInt8(ascii: "\t")
        {
          cursor += 1
        }
        let nameStart = cursor
        while cursor < text.count, isNameByte(text[cursor]) { cursor += 1 }
        if cursor > nameStart { return String(decoding: text[nameStart..<cursor], as: UTF8.self) }
      }
      position += 1
    }
    return nil
  }

  package static func isNameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
      UInt8(ascii: "."):
      true
    default: false
    }
  }

  package static func isBlankOrComment(_ line: ArraySlice<UInt8>) -> Bool {
    for byte in line {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C, UInt8(ascii: "\r"): continue
      case UInt8(ascii: "#"): return true
      default: return false
      }
    }
    return true
  }

  /// A Python file as ebcheck reads it: decoded to UTF-8 from the encoding it declares.
  /// A file whose bytes do not decode stays as it is (P001 then names the bad byte).
  public static func sourceFile(path: String, bytes: [UInt8]) -> SourceFile {
    let encoding = encoding(of: bytes)
    guard encoding != .utf8, bytes.contains(where: { $0 >= 0x80 }),
      let decoded = encoding.decode(bytes)
    else { return SourceFile(path: path, bytes: bytes) }
    return SourceFile(path: path, bytes: decoded, encoding: encoding)
  }
}
