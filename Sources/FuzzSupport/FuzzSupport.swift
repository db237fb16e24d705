import EBCheck
import EBCheckCore

/// Shared by the libFuzzer targets (built only by `make fuzz`, with -sanitize=fuzzer,address).
public enum FuzzSupport {
  /// The fuzzer's input as bytes.
  public static func bytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
    guard let data, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: count))
  }

  /// Every diagnostic must point inside its file and convert to a line and column: reporters
  /// slice the file at these offsets, so a span past the end is a crash waiting to happen.
  public static func checkSpans(_ diagnostics: [Diagnostic], in files: SourceFiles) {
    for diagnostic in diagnostics {
      guard let file = files[diagnostic.location.file] else { continue }
      let span = diagnostic.location.span
      if span.start < 0 || span.end > file.bytes.count {
        fatalError(
          "\(diagnostic.rule) span \(span) outside \(file.path) (\(file.bytes.count) bytes)")
      }
      _ = file.location(of: span.start)
      _ = file.location(of: span.end)
      _ = file.text(span)
    }
  }

  /// Splits the input into parts at each "\n#~~\n" separator (at most `limit` parts).
  public static func split(_ bytes: [UInt8], limit: Int) -> [[UInt8]] {
    let separator: [UInt8] = Array("\n#~~\n".utf8)
    var parts: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if parts.count < limit - 1, index + separator.count <= bytes.count,
        bytes[index..<(index + separator.count)].elementsEqual(separator)
      {
        parts.append(current)
        current = []
        index += separator.count
      } else {
        current.append(bytes[index])
        index += 1
      }
    }
    parts.append(current)
    return parts
  }
}
