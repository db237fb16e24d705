/// Swift's `Regex` backtracks without a step limit and cannot be cancelled, so a pattern with
/// a repeated group that itself repeats or alternates (`(a+)+$`, `(a|a)*b`, the classic ReDoS
/// shapes) takes exponential time on a path like `/aaaa…!`. Patterns read from a repository
/// are screened first; a risky one is treated as unreadable (the answer is unverifiable)
/// instead of being run. Ordinary URL and user-agent patterns never have that shape.
package enum RegexSafety {
  package struct Group {
    package var repeats = false
    package var alternates = false
  }

  /// Whether `pattern` can be run without risking exponential backtracking.
  package static func isSafe(_ pattern: String) -> Bool {
    let bytes = Array(pattern.utf8)
    var stack = [Group()]
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\\"):
        index += 2
        continue
      case UInt8(ascii: "["):
        index = endOfClass(bytes, from: index)
        continue
      case UInt8(ascii: "("):
        stack.append(Group())
        index += 1
        // `(?:`, `(?P<name>`, `(?=`…: the `?` opens the group's syntax, it repeats nothing.
        if index < bytes.count, bytes[index] == UInt8(ascii: "?") { index += 1 }
        continue
      case UInt8(ascii: ")"):
        guard stack.count > 1 else { return false }
        let group = stack.removeLast()
        let quantified = repeatsUnboundedly(bytes, at: index + 1)
        if quantified && (group.repeats || group.alternates) { return false }
        stack[stack.count - 1].repeats =
          stack[stack.count - 1].repeats || group.repeats || quantified
        stack[stack.count - 1].alternates = stack[stack.count - 1].alternates || group.alternates
      case UInt8(ascii: "|"):
        stack[stack.count - 1].alternates = true
      case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
        stack[stack.count - 1].repeats = true
      default:
        break
      }
      index += 1
    }
    return true
  }

  /// The index just past the character class that starts at `start`.
  package static func endOfClass(_ bytes: [UInt8], from start: Int) -> Int {
    var index = start + 1
    if index < bytes.count, bytes[index] == UInt8(ascii: "^") { index += 1 }
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1 }
    while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
      index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
    }
    return index + 1
  }

  /// Whether a quantifier that can repeat many times (`*`, `+`, `{n,}`, `{n,m}` with m > 8)
  /// starts at `index`.
  package static func repeatsUnboundedly(_ bytes: [UInt8], at index: Int) -> Bool {
    guard index < bytes.count else { return false }
    switch bytes[index] {
    case UInt8(ascii: "*"), UInt8(ascii: "+"): return true
    case UInt8(ascii: "{"):
      guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else { return false }
      let inside = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
      let parts = inside.split(separator: ",", omittingEmptySubsequences: false)
      guard parts.count == 2 else { return false }
      guard let upper = Int(parts[1]) else { return parts[1].isEmpty }
      return upper > 8
    default: return false
    }
  }
}
