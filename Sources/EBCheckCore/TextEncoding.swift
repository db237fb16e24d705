/// The encodings a source file can be read from. ebcheck works on UTF-8; a Python file that
/// declares another encoding (PEP 263) is decoded when read and encoded back when a fix
/// writes it, so its bytes stay what the author's tools expect.
public enum TextEncoding: String, Sendable, Hashable {
  case utf8 = "utf-8"
  /// ISO-8859-1: every byte is the scalar of the same value.
  case latin1 = "latin-1"
  /// Windows-1252: latin-1 with printable characters in 0x80–0x9F (five bytes undefined).
  case cp1252

  /// UTF-8 bytes of `bytes` read in this encoding; nil when a byte has no meaning in it.
  public func decode(_ bytes: [UInt8]) -> [UInt8]? {
    guard self != .utf8 else { return bytes }
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
      guard let scalar = self.scalar(for: byte) else { return nil }
      scalars.append(scalar)
    }
    return Array(String(scalars).utf8)
  }

  /// The bytes of the UTF-8 text `utf8` in this encoding; nil when a character has no byte.
  public func encode(_ utf8: [UInt8]) -> [UInt8]? {
    guard self != .utf8 else { return utf8 }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count)
    for scalar in String(decoding: utf8, as: UTF8.self).unicodeScalars {
      guard let byte = self.byte(for: scalar) else { return nil }
      out.append(byte)
    }
    return out
  }

  package func scalar(for byte: UInt8) -> Unicode.Scalar? {
    if self == .cp1252, (0x80...0x9F).contains(byte) {
      let value = Self.cp1252High[Int(byte) - 0x80]
      return value == 0 ? nil : Unicode.Scalar(value)
    }
    return Unicode.Scalar(byte)
  }

  package func byte(for scalar: Unicode.Scalar) -> UInt8? {
    switch self {
    case .utf8: return scalar.value < 0x80 ? UInt8(scalar.value) : nil
    case .latin1: return scalar.value < 0x100 ? UInt8(scalar.value) : nil
    case .cp1252:
      if let index = Self.cp1252High.firstIndex(of: UInt16(scalar.value)), scalar.value >= 0x100 {
        return UInt8(0x80 + index)
      }
      if (0x80...0x9F).contains(scalar.value) { return nil }
      return scalar.value < 0x100 ? UInt8(scalar.value) : nil
    }
  }

  /// Windows-1252 0x80–0x9F (0 where the byte is undefined), from the Unicode mapping table.
  package static let cp1252High: [UInt16] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  ]
}
