import EBCheckCore

/// libyaml drops comments; this light scan finds them again. A comment starts at `#` at the start
/// of a line or after a space or tab, outside quoted and block scalars, and runs to the line end.
public enum YAMLComments {
  public static func locate(in bytes: [UInt8], documents: [YAMLNode]) -> [Span] {
    // Scalars that may hold a `#` preceded by a blank: quoted and block styles.
    var protected: [Span] = []
    var stack = documents
    while let node = stack.popLast() {
      switch node.kind {
      case .scalar(_, let style):
        if style != .plain { protected.append(node.span) }
      case .sequence(let items):
        stack.append(contentsOf: items)
      case .mapping(let pairs):
        for pair in pairs {
          stack.append(pair.key)
          stack.append(pair.value)
        }
      case .alias:
        break
      }
    }
    return locate(in: bytes, protected: protected)
  }

  /// Comments outside the given spans (the quoted and block scalars of the file).
  public static func locate(in bytes: [UInt8], protected unsorted: [Span]) -> [Span] {
    var protected = unsorted
    protected.sort()
    var comments: [Span] = []
    var next = 0
    var index = 0
    let hash = UInt8(ascii: "#")
    while let found = bytes[index...].firstIndex(of: hash) {
      index = found + 1
      let previous = found == 0 ? UInt8(ascii: "\n") : bytes[found - 1]
      guard
        previous == 0x20 || previous == 0x09 || previous == 0x0A || previous == 0x0D
          || (found == 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF]))
      else {
        continue
      }
      while next < protected.count, protected[next].end <= found { next += 1 }
      if next < protected.count, protected[next].start <= found { continue }
      var end = found
      while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
      comments.append(Span(found, end))
      index = end
    }
    return comments
  }
}
