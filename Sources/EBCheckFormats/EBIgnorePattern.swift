import EBCheckCore

/// One `.ebignore` line as the EB CLI compiles it. The CLI hands the file to pathspec's
/// `gitwildmatch` patterns (`ebcli/core/fileoperations.py`, `get_ebignore_list`; pathspec
/// 0.10.1, `pathspec/patterns/gitwildmatch.py`), which turn each line into a regular
/// expression matched against every FILE path of the project, from the root. A pattern that
/// names a folder matches every file below it, and the last pattern that matches a file
/// decides, so `!docker/**` after `*` puts the files under `docker/` back in the bundle
/// (git never looks inside a folder it ignores; the EB CLI never looks at folders at all).
public struct EBIgnorePattern: Sendable, Hashable {
  /// The line as written, without surrounding whitespace.
  public var text: String
  /// `!pattern`: a file it matches is put back in the bundle.
  public var negated: Bool
  /// 1-based line of the `.ebignore`.
  public var line: Int
  let tokens: [Token]

  /// What a scalar may be, at one position of the expression.
  enum Scalar: Sendable, Hashable {
    case literal(Unicode.Scalar)
    /// `[^/]`: the glob's `?`, and what `*` repeats.
    case notSlash
    /// `.`: anything but a line feed (the expression's `.+` and `.*`).
    case notNewline
    /// `[...]` / `[!...]`: a bracket expression, as Python's `re` reads it.
    case set(ScalarSet)

    func accepts(_ scalar: Unicode.Scalar) -> Bool {
      switch self {
      case .literal(let wanted): scalar == wanted
      case .notSlash: scalar != "/"
      case .notNewline: scalar != "\n"
      case .set(let set): set.contains(scalar)
      }
    }
  }

  struct ScalarSet: Sendable, Hashable {
    var ranges: [ClosedRange<UInt32>]
    var negated: Bool

    func contains(_ scalar: Unicode.Scalar) -> Bool {
      ranges.contains { $0.contains(scalar.value) } != negated
    }
  }

  /// The expression, flattened: `optional(end)` opens a `(?:…)?` group whose tokens run up
  /// to index `end`.
  enum Token: Sendable, Hashable {
    case one(Scalar)
    case repeated(Scalar, atLeast: Int)
    case optional(end: Int)
  }

  /// Why the EB CLI refuses a line (pathspec raises, and `eb deploy` stops).
  public struct Refusal: Error, Sendable, Hashable {
    public var line: Int
    public var message: String
    /// The line's bytes in the `.ebignore`.
    public var span = Span(at: 0)
  }

  /// nil for a comment, a blank line or a lone `/` (pathspec's no-ops); throws for a line
  /// pathspec rejects. `text` is one line as Python splits it, unstripped.
  public init?(line text: String, number: Int) throws(Refusal) {
    let stripped = PythonText.strip(text)
    guard !stripped.isEmpty, !stripped.hasPrefix("#"), stripped != "/" else { return nil }
    var body = Substring(stripped)
    negated = body.hasPrefix("!")
    if negated { body = body.dropFirst() }
    var segments = body.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    // Consecutive `**` segments are one.
    var index = segments.count - 1
    while index > 0 {
      if segments[index - 1] == "**" && segments[index] == "**" { segments.remove(at: index) }
      index -= 1
    }
    // `**/` matches every file below the root, none at the root.
    let everythingBelow = segments.count == 2 && segments[0] == "**" && segments[1].isEmpty
    if segments[0].isEmpty {
      // A leading `/` anchors the pattern at the root.
      segments.removeFirst()
    } else if segments.count == 1 || (segments.count == 2 && segments[1].isEmpty) {
      // One name (or `name/`) matches at any depth.
      if segments[0] != "**" { segments.insert("**", at: 0) }
    }
    guard !segments.isEmpty else {
      throw Refusal(line: number, message: "'\(stripped)' is no pattern")
    }
    if segments.count > 1, segments[segments.count - 1].isEmpty {
      // A trailing `/` matches what is below the folder.
      segments[segments.count - 1] = "**"
    }
    self.text = stripped
    self.line = number
    if everythingBelow {
      tokens = [
        .repeated(.notNewline, atLeast: 1), .one(.literal("/")), .repeated(.notNewline, atLeast: 0),
      ]
      return
    }
    do {
      tokens = try Self.expression(segments)
    } catch let problem as GlobProblem {
      throw Refusal(line: number, message: "'\(stripped)': \(problem.message)")
    } catch {
      throw Refusal(line: number, message: "'\(stripped)' is no pattern")
    }
  }

  struct GlobProblem: Error { var message: String }

  /// pathspec's `pattern_to_regex`, segment by segment.
  static func expression(_ segments: [String]) throws -> [Token] {
    var tokens: [Token] = []
    var needSlash = false
    let end = segments.count - 1
    /// `(?:/.*)?`: what ends a pattern whose last part names a file or a folder.
    func orBelow() {
      let open = tokens.count
      tokens.append(.optional(end: 0))
      tokens.append(.one(.literal("/")))
      tokens.append(.repeated(.notNewline, atLeast: 0))
      tokens[open] = .optional(end: tokens.count)
    }
    for (position, segment) in segments.enumerated() {
      if segment == "**" {
        if position == 0 && position == end {
          tokens.append(.repeated(.notNewline, atLeast: 1))
        } else if position == 0 {
          // `(?:.+/)?`: any leading folders.
          let open = tokens.count
          tokens.append(.optional(end: 0))
          tokens.append(.repeated(.notNewline, atLeast: 1))
          tokens.append(.one(.literal("/")))
          tokens[open] = .optional(end: tokens.count)
          needSlash = false
        } else if position == end {
          tokens.append(.one(.literal("/")))
          tokens.append(.repeated(.notNewline, atLeast: 0))
        } else {
          // `(?:/.+)?`: any inner folders.
          let open = tokens.count
          tokens.append(.optional(end: 0))
          tokens.append(.one(.literal("/")))
          tokens.append(.repeated(.notNewline, atLeast: 1))
          tokens[open] = .optional(end: tokens.count)
          needSlash = true
        }
        continue
      }
      if needSlash { tokens.append(.one(.literal("/"))) }
      if segment == "*" {
        tokens.append(.repeated(.notSlash, atLeast: 1))
      } else {
        tokens += try segmentGlob(Array(segment.unicodeScalars))
      }
      if position == end { orBelow() }
      needSlash = true
    }
    return tokens
  }

  /// pathspec's `_translate_segment_glob`: `*`, `?`, `[...]` and `\` escapes in one part.
  static func segmentGlob(_ glob: [Unicode.Scalar]) throws -> [Token] {
    var tokens: [Token] = []
    var escape = false
    var index = 0
    while index < glob.count {
      let scalar = glob[index]
      index += 1
      if escape {
        escape = false
        tokens.append(.one(.literal(scalar)))
      } else if scalar == "\\" {
        escape = true
      } else if scalar == "*" {
        tokens.append(.repeated(.notSlash, atLeast: 0))
      } else if scalar == "?" {
        tokens.append(.one(.notSlash))
      } else if scalar == "[" {
        var close = index
        if close < glob.count, glob[close] == "!" { close += 1 }
        if close < glob.count, glob[close] == "]" { close += 1 }
        while close < glob.count, glob[close] != "]" { close += 1 }
        guard close < glob.count else {
          // No closing bracket: the `[` is itself.
          tokens.append(.one(.literal("[")))
          continue
        }
        var members: [Unicode.Scalar] = []
        var negated = false
        if glob[index] == "!" {
          negated = true
          index += 1
        } else if glob[index] == "^" {
          // Kept as a literal caret, as Python's fnmatch does.
          members.append("^")
          index += 1
        }
        members += glob[index..<close]
        tokens.append(.one(.set(try bracketSet(members, negated: negated))))
        index = close + 1
      } else {
        tokens.append(.one(.literal(scalar)))
      }
    }
    if escape { throw GlobProblem(message: "a trailing backslash escapes nothing") }
    return tokens
  }

  /// The members of a bracket expression as Python's `re` reads `[...]`: each scalar is
  /// itself (pathspec doubles every backslash), `a-z` is a range, a `-` first or last is
  /// itself; a range whose end is below its start is an error.
  static func bracketSet(_ members: [Unicode.Scalar], negated: Bool) throws -> ScalarSet {
    var ranges: [ClosedRange<UInt32>] = []
    var index = 0
    while index < members.count {
      let low = members[index]
      if index + 2 < members.count, members[index + 1] == "-" {
        let high = members[index + 2]
        guard low.value <= high.value else {
          throw GlobProblem(message: "the range \(low)-\(high) runs backwards")
        }
        ranges.append(low.value...high.value)
        index += 3
      } else {
        ranges.append(low.value...low.value)
        index += 1
      }
    }
    return ScalarSet(ranges: ranges, negated: negated)
  }

  /// Whether the pattern matches a root-relative file path (`re.match` with the `$` end,
  /// which also accepts a final line feed).
  public func matches(_ path: [Unicode.Scalar]) -> Bool {
    var matcher = Matcher(tokens: tokens, text: path)
    return matcher.run(0, 0)
  }

  /// Backtracking over the flat tokens; states known to fail are remembered, so the work
  /// stays bounded by tokens × text.
  struct Matcher {
    let tokens: [Token]
    let text: [Unicode.Scalar]
    var failed: Set<Int> = []

    mutating func run(_ token: Int, _ position: Int) -> Bool {
      if token == tokens.count {
        return position == text.count
          || (position == text.count - 1 && text[position] == "\n")
      }
      let key = token * (text.count + 1) + position
      if failed.contains(key) { return false }
      let result = step(token, position)
      if !result { failed.insert(key) }
      return result
    }

    private mutating func step(_ token: Int, _ position: Int) -> Bool {
      switch tokens[token] {
      case .one(let scalar):
        guard position < text.count, scalar.accepts(text[position]) else { return false }
        return run(token + 1, position + 1)
      case .repeated(let scalar, let atLeast):
        var end = position
        while end < text.count, scalar.accepts(text[end]) { end += 1 }
        guard end - position >= atLeast else { return false }
        var stop = end
        while stop >= position + atLeast {
          if run(token + 1, stop) { return true }
          stop -= 1
        }
        return false
      case .optional(let end):
        return run(token + 1, position) || run(end, position)
      }
    }
  }
}

/// Python's view of text, where the EB CLI's reading of `.ebignore` depends on it.
enum PythonText {
  /// `str.isspace()`: Unicode white space, and the separators U+001C–U+001F.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
  }

  /// `str.strip()` with no argument.
  static func strip(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var start = 0
    var end = scalars.count
    while start < end, isSpace(scalars[start]) { start += 1 }
    while end > start, isSpace(scalars[end - 1]) { end -= 1 }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars[start..<end])
    return String(result)
  }

  /// Whether `str.splitlines()` ends a line after this scalar (`\r\n` is one break).
  static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: true
    default: false
    }
  }
}
