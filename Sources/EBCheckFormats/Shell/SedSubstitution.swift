import EBCheckCore

/// The pattern of a `sed` substitution ebcheck applies itself: literal characters, `.` for
/// any one character, `^` at the start and `$` at the end (POSIX basic regular expressions
/// with nothing else). Anything more is not read.
public struct SedPattern: Sendable, Hashable {
  enum Element: Sendable, Hashable {
    case literal(Character)
    case any
  }
  var elements: [Element]
  var anchoredStart: Bool
  var anchoredEnd: Bool

  /// The line with the first (or every) match replaced.
  public func apply(to line: String, replacement: String, everyOccurrence: Bool) -> String {
    let characters = Array(line)
    var output = ""
    var index = 0
    var replaced = false
    while index <= characters.count {
      let mayMatch = !(replaced && !everyOccurrence) && (!anchoredStart || index == 0)
      if mayMatch, let end = match(characters, at: index), end > index || !elements.isEmpty {
        output += replacement
        replaced = true
        if end == index {
          if index < characters.count { output.append(characters[index]) }
          index += 1
        } else {
          index = end
        }
        continue
      }
      if index < characters.count { output.append(characters[index]) }
      index += 1
    }
    return output
  }

  private func match(_ characters: [Character], at start: Int) -> Int? {
    guard start + elements.count <= characters.count else { return nil }
    for (offset, element) in elements.enumerated() {
      if case .literal(let character) = element, characters[start + offset] != character {
        return nil
      }
    }
    let end = start + elements.count
    if anchoredEnd, end != characters.count { return nil }
    return end
  }
}

/// `s/PATTERN/REPLACEMENT/[g]` with any delimiter, read when the pattern is a `SedPattern`
/// and the replacement holds no `&` or back-reference.
struct SedSubstitution {
  var pattern: SedPattern
  var replacement: String
  var global: Bool

  init?(_ script: String) {
    var characters = Array(script)
    guard characters.count >= 4, characters[0] == "s" else { return nil }
    let delimiter = characters[1]
    guard delimiter != "\\", delimiter != "\n" else { return nil }
    characters.removeFirst(2)
    var parts: [[(Character, escaped: Bool)]] = [[]]
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "\\", index + 1 < characters.count {
        parts[parts.count - 1].append((characters[index + 1], true))
        index += 2
        continue
      }
      if character == delimiter {
        parts.append([])
      } else {
        parts[parts.count - 1].append((character, false))
      }
      index += 1
    }
    guard parts.count == 3 else { return nil }
    let flags = String(parts[2].map(\.0))
    guard flags == "" || flags == "g" else { return nil }
    global = flags == "g"
    var elements: [SedPattern.Element] = []
    var anchoredStart = false
    var anchoredEnd = false
    for (position, (character, escaped)) in parts[0].enumerated() {
      if escaped {
        // `\/`, `\.`, `\$`: the character itself; `\(`, `\+`, `\1`... are not literal.
        guard !character.isLetter, !character.isNumber, !"(){}+?|".contains(character) else {
          return nil
        }
        elements.append(.literal(character))
      } else if character == "^" && position == 0 {
        anchoredStart = true
      } else if character == "$" && position == parts[0].count - 1 {
        anchoredEnd = true
      } else if character == "." {
        elements.append(.any)
      } else if "*[]^$".contains(character) {
        return nil
      } else {
        elements.append(.literal(character))
      }
    }
    guard !elements.isEmpty || anchoredStart || anchoredEnd else { return nil }
    var text = ""
    for (character, escaped) in parts[1] {
      if character == "&" && !escaped { return nil }
      if escaped && (character.isNumber || character == "n" || character == "t") { return nil }
      text.append(character)
    }
    pattern = SedPattern(
      elements: elements, anchoredStart: anchoredStart, anchoredEnd: anchoredEnd)
    replacement = text
  }
}
