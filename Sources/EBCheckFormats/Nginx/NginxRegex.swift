import EBCheckCore

/// The subset of PCRE that nginx confs use in `location ~`, `if (... ~ ...)` and `rewrite`:
/// literals, `.`, classes (`[a-z]`, `[^/]`, `\d \w \s`), anchors `^ $`, groups (capturing and
/// `(?:...)`), alternation, and the quantifiers `* + ? {n,m}` (greedy or lazy).
/// Matching is byte-wise with a step budget, so no input can make it hang.
public struct NginxRegex: Sendable, Hashable {
  public let pattern: String
  public let caseInsensitive: Bool
  package let root: Node
  package let groupCount: Int

  package indirect enum Node: Sendable, Hashable {
    case byte(UInt8)
    case any
    case set([ClosedRange<UInt8>], negated: Bool)
    case start
    case end
    case group(Node, capture: Int?)
    case alternation([Node])
    case sequence([Node])
    case repeated(Node, min: Int, max: Int?, greedy: Bool)
  }

  public struct ParseError: Error, Hashable {
    public var message: String
  }

  public init(_ pattern: String, caseInsensitive: Bool = false) throws {
    var parser = Parser(bytes: Array(pattern.utf8), caseInsensitive: caseInsensitive)
    let node = try parser.parseAlternation()
    guard parser.position == parser.bytes.count else {
      throw ParseError(message: "unmatched ) in regex \(pattern)")
    }
    self.pattern = pattern
    self.caseInsensitive = caseInsensitive
    self.root = node
    self.groupCount = parser.groups
  }

  /// The first match anywhere in `text`: captures `$0...$n` (nil for a group that did not take part),
  /// or nil when there is no match (or the step budget ran out).
  public func firstMatch(in text: String) -> [String?]? {
    let bytes = Array(text.utf8)
    let state = MatchState(bytes: bytes, groups: groupCount, caseInsensitive: caseInsensitive)
    for start in 0...bytes.count {
      state.captures = Array(repeating: nil, count: groupCount + 1)
      var endOffset = -1
      if state.match(
        root, start,
        { end in
          endOffset = end
          return true
        })
      {
        state.captures[0] = start..<endOffset
        return state.captures.map { range in
          range.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
      }
      if state.steps > MatchState.budget { return nil }
    }
    return nil
  }

  public func matches(_ text: String) -> Bool { firstMatch(in: text) != nil }

  // MARK: - Parsing

  package struct Parser {
    package let bytes: [UInt8]
    package let caseInsensitive: Bool
    package var position = 0
    package var groups = 0
    package var depth = 0

    package init(bytes: [UInt8], caseInsensitive: Bool) {
      self.bytes = bytes
      self.caseInsensitive = caseInsensitive
    }

    package var atEnd: Bool { position >= bytes.count }
    package var peek: UInt8? { atEnd ? nil : bytes[position] }

    package mutating func parseAlternation() throws -> Node {
      depth += 1
      defer { depth -= 1 }
      guard depth < 100 else { throw ParseError(message: "regex nested too deeply") }
      var branches = [try parseSequence()]
      while peek == UInt8(ascii: "|") {
        position += 1
        branches.append(try parseSequence())
      }
      return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    package mutating func parseSequence() throws -> Node {
      var items: [Node] = []
      while let byte = peek, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
        var atom = try parseAtom()
        while let quantifier = peek {
          var minimum = 0
          var maximum: Int? = nil
          if quantifier == UInt8(ascii: "*") {
            position += 1
          } else if quantifier == UInt8(ascii: "+") {
            minimum = 1
            position += 1
          } else if quantifier == UInt8(ascii: "?") {
            maximum = 1
            position += 1
          } else if quantifier == UInt8(ascii: "{"), let bounds = parseBounds() {
            (minimum, maximum) = bounds
          } else {
            break
          }
          var greedy = true
          if peek == UInt8(ascii: "?") {
            greedy = false
            position += 1
          } else if peek == UInt8(ascii: "+") {
            position += 1  // possessive: treated as greedy
          }
          atom = .repeated(atom, min: minimum, max: maximum, greedy: greedy)
        }
        items.append(atom)
      }
      return items.count == 1 ? items[0] : .sequence(items)
    }

    /// `{n}`, `{n,}`, `{n,m}`; anything else leaves `{` a literal, as PCRE does.
    package mutating func parseBounds() -> (Int, Int?)? {
      var index = position + 1
      func number() -> Int? {
        var value: Int?
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
          value = min(100_000, (value ?? 0) * 10 + Int(bytes[index] - 48))
          index += 1
        }
        return value
      }
      guard let low = number() else { return nil }
      var high: Int? = low
      if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
        index += 1
        high = number()
      }
      guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else { return nil }
      if let high, high < low { return nil }
      position = index + 1
      return (low, high)
    }

    package mutating func parseAtom() throws -> Node {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "."): return .any
      case UInt8(ascii: "^"): return .start
      case UInt8(ascii: "$"): return .end
      case UInt8(ascii: "("):
        var capture: Int? = nil
        if peek == UInt8(ascii: "?") {
          // (?:...), (?i) style flags are not supported beyond non-capturing groups.
          guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ":") else {
            throw ParseError(message: "unsupported group syntax")
          }
          position += 2
        } else {
          groups += 1
          capture = groups
        }
        let inner = try parseAlternation()
        guard peek == UInt8(ascii: ")") else { throw ParseError(message: "missing )") }
        position += 1
        return .group(inner, capture: capture)
      case UInt8(ascii: "["):
        return try parseSet()
      case UInt8(ascii: "\\"):
        guard let next = peek else { throw ParseError(message: "trailing backslash") }
        position += 1
        return escape(next)
      case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
        throw ParseError(message: "quantifier without operand")
      default:
        return literal(byte)
      }
    }

    package func literal(_ byte: UInt8) -> Node {
      if caseInsensitive, let other = Self.otherCase(byte) {
        return .set([byte...byte, other...other], negated: false)
      }
      return .byte(byte)
    }

    package static func otherCase(_ byte: UInt8) -> UInt8? {
      if byte >= 65 && byte <= 90 { return byte + 32 }
      if byte >= 97 && byte <= 122 { return byte - 32 }
      return nil
    }

    package static let digits: [ClosedRange<UInt8>] = [48...57]
    package static let word: [ClosedRange<UInt8>] = [48...57, 65...90, 95...95, 97...122]
    package static let space: [ClosedRange<UInt8>] = [9...13, 32...32]

    package func escape(_ byte: UInt8) -> Node {
      switch byte {
      case UInt8(ascii: "d"): return .set(Self.digits, negated: false)
      case UInt8(ascii: "D"): return .set(Self.digits, negated: true)
      case UInt8(ascii: "w"): return .set(Self.word, negated: false)
      case UInt8(ascii: "W"): return .set(Self.word, negated: true)
      case UInt8(ascii: "s"): return .set(Self.space, negated: false)
      case UInt8(ascii: "S"): return .set(Self.space, negated: true)
      case UInt8(ascii: "t"): return .byte(0x09)
      case UInt8(ascii: "n"): return .byte(0x0A)
      case UInt8(ascii: "r"): return .byte(0x0D)
      default: return literal(byte)
      }
    }

    package mutating func parseSet() throws -> Node {
      var negated = false
      if peek == UInt8(ascii: "^") {
        negated = true
        position += 1
      }
      var ranges: [ClosedRange<UInt8>] = []
      var first = true
      while true {
        guard let byte = peek else { throw ParseError(message: "missing ]") }
        position += 1
        if byte == UInt8(ascii: "]") && !first { break }
        first = false
        var low = byte
        if byte == UInt8(ascii: "\\") {
          guard let next = peek else { throw ParseError(message: "missing ]") }
          position += 1
          switch escape(next) {
          case .set(let inner, false):
            ranges += inner
            continue
          case .byte(let value): low = value
          default: low = next
          }
        }
        if peek == UInt8(ascii: "-"), position + 1 < bytes.count,
          bytes[position + 1] != UInt8(ascii: "]")
        {
          position += 1
          var high = bytes[position]
          position += 1
          if high == UInt8(ascii: "\\"), let next = peek {
            position += 1
            high = next
          }
          guard low <= high else { throw ParseError(message: "invalid range in class") }
          ranges.append(low...high)
        } else {
          ranges.append(low...low)
        }
      }
      if caseInsensitive {
        for range in ranges {
          let upper = range.clamped(to: 65...90)
          if !upper.isEmpty, upper.lowerBound >= 65 {
            ranges.append((upper.lowerBound + 32)...(upper.upperBound + 32))
          }
          let lower = range.clamped(to: 97...122)
          if !lower.isEmpty, lower.lowerBound >= 97 {
            ranges.append((lower.lowerBound - 32)...(lower.upperBound - 32))
          }
        }
      }
      return .set(ranges, negated: negated)
    }
  }

  // MARK: - Matching

  package final class MatchState {
    package static let budget = 200_000
    package let bytes: [UInt8]
    package let caseInsensitive: Bool
    package var captures: [Range<Int>?]
    package var steps = 0

    package init(bytes: [UInt8], groups: Int, caseInsensitive: Bool) {
      self.bytes = bytes
      self.caseInsensitive = caseInsensitive
      self.captures = Array(repeating: nil, count: groups + 1)
    }

    package func match(_ node: Node, _ index: Int, _ next: (Int) -> Bool) -> Bool {
      steps += 1
      if steps > Self.budget { return false }
      switch node {
      case .byte(let byte):
        return index < bytes.count && bytes[index] == byte && next(index + 1)
      case .any:
        return index < bytes.count && bytes[index] != 0x0A && next(index + 1)
      case .set(let ranges, let negated):
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        let inside = ranges.contains { $0.contains(byte) }
        return inside != negated && next(index + 1)
      case .start:
        return index == 0 && next(index)
      case .end:
        return (index == bytes.count || (index == bytes.count - 1 && bytes[index] == 0x0A))
          && next(index)
      case .group(let inner, let capture):
        guard let capture else { return match(inner, index, next) }
        let saved = captures[capture]
        let matched = match(inner, index) { end in
          let previous = self.captures[capture]
          self.captures[capture] = index..<end
          if next(end) { return true }
          self.captures[capture] = previous
          return false
        }
        if !matched { captures[capture] = saved }
        return matched
      case .alternation(let branches):
        for branch in branches where match(branch, index, next) { return true }
        return false
      case .sequence(let items):
        return sequence(items[...], index, next)
      case .repeated(let inner, let minimum, let maximum, let greedy):
        return repeated(inner, minimum, maximum, greedy, 0, index, next)
      }
    }

    package func sequence(_ items: ArraySlice<Node>, _ index: Int, _ next: (Int) -> Bool) -> Bool {
      guard let first = items.first else { return next(index) }
      return match(first, index) { self.sequence(items.dropFirst(), $0, next) }
    }

    package func repeated(
      _ node: Node, _ minimum: Int, _ maximum: Int?, _ greedy: Bool, _ count: Int, _ index: Int,
      _ next: (Int) -> Bool
    ) -> Bool {
      if steps > Self.budget { return false }
      let canStop = count >= minimum
      let canGo = maximum.map { count < $0 } ?? true
      func more() -> Bool {
        canGo
          && match(node, index) { end in
            // An empty iteration cannot make progress: stop looping.
            (end != index || count < minimum)
              && self.repeated(node, minimum, maximum, greedy, count + 1, end, next)
          }
      }
      if greedy {
        return more() || (canStop && next(index))
      }
      return (canStop && next(index)) || more()
    }
  }
}
