import EBCheckCore

/// One line of a `.gitignore` (or `.ebignore`, or an `exclude` glob), ready to match.
public struct IgnorePattern: Sendable, Hashable {
  /// The pattern as written, without `!` and the trailing `/`.
  public var pattern: String
  public var negated: Bool
  /// Written with a trailing `/`: matches directories only.
  public var directoryOnly: Bool
  /// Holds a `/` before its end: matched against the path relative to `base`, not the name.
  public var anchored: Bool
  /// Root-relative folder of the file that holds the pattern ("" for the root).
  public var base: String
  /// 1-based line in the ignore file, 0 when the pattern did not come from a file.
  public var line: Int

  package let bytes: [UInt8]
  /// No wildcard or escape: compared byte for byte.
  package let isLiteral: Bool
  /// `*.pyc` and the like: a suffix test, no matcher needed.
  package let literalSuffix: [UInt8]?

  public init?(line text: String, base: String = "", line: Int = 0) {
    var raw = Array(text.utf8)
    if raw.last == UInt8(ascii: "\r") { raw.removeLast() }
    // Trailing spaces are ignored unless escaped with a backslash.
    while let last = raw.last, last == UInt8(ascii: " ") {
      if raw.count >= 2, raw[raw.count - 2] == UInt8(ascii: "\\") {
        raw.removeLast(2)
        raw.append(UInt8(ascii: " "))
        break
      }
      raw.removeLast()
    }
    guard let first = raw.first, first != UInt8(ascii: "#") else { return nil }
    var negated = false
    if first == UInt8(ascii: "!") {
      negated = true
      raw.removeFirst()
    } else if first == UInt8(ascii: "\\"), raw.count >= 2,
      raw[1] == UInt8(ascii: "!") || raw[1] == UInt8(ascii: "#")
    {
      raw.removeFirst()
    }
    var directoryOnly = false
    while raw.last == UInt8(ascii: "/") {
      directoryOnly = true
      raw.removeLast()
    }
    guard !raw.isEmpty else { return nil }
    let anchored = raw.contains(UInt8(ascii: "/"))
    if raw.first == UInt8(ascii: "/") { raw.removeFirst() }
    guard !raw.isEmpty else { return nil }
    self.pattern = String(decoding: raw, as: UTF8.self)
    self.negated = negated
    self.directoryOnly = directoryOnly
    self.anchored = anchored
    self.base = base
    self.line = line
    self.bytes = raw
    self.isLiteral = !raw.contains { $0 == 42 || $0 == 63 || $0 == 91 || $0 == 92 }
    let tail = raw.dropFirst()
    if raw.first == 42,
      !tail.contains(where: { $0 == 42 || $0 == 63 || $0 == 91 || $0 == 92 || $0 == 47 })
    {
      self.literalSuffix = Array(tail)
    } else {
      self.literalSuffix = nil
    }
  }

  /// Whether the pattern matches a root-relative path (ignoring negation).
  public func matches(_ path: String, isDirectory: Bool) -> Bool {
    if directoryOnly && !isDirectory { return false }
    var relative = Substring(path)
    if !base.isEmpty {
      guard path.hasPrefix(base), path.utf8.count > base.utf8.count,
        path.utf8[path.utf8.index(path.utf8.startIndex, offsetBy: base.utf8.count)]
          == UInt8(ascii: "/")
      else { return false }
      relative = Substring(path.utf8.dropFirst(base.utf8.count + 1))
    }
    let subject: Substring
    if anchored {
      subject = relative
    } else if let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) {
      subject = relative[relative.utf8.index(after: slash)...]
    } else {
      subject = relative
    }
    if isLiteral { return subject.utf8.elementsEqual(bytes) }
    if let suffix = literalSuffix {
      let utf8 = subject.utf8
      guard
        let start = utf8.index(utf8.endIndex, offsetBy: -suffix.count, limitedBy: utf8.startIndex)
      else { return false }
      return utf8[start...].elementsEqual(suffix) && !utf8[..<start].contains(47)
    }
    return Glob.match(bytes, Array(subject.utf8))
  }
}

/// An ordered list of ignore patterns; the last pattern that matches decides.
public struct IgnoreRules: Sendable, Hashable {
  public private(set) var patterns: [IgnorePattern] = []
  /// Positions in `patterns` by the folder of the file that holds them: a pattern can only
  /// speak about paths inside its folder, so a repository with hundreds of `.gitignore`
  /// files tests each path against its own folders' patterns, not all of them.
  private var byBase: [String: [Int]] = [:]

  public init(_ patterns: [IgnorePattern] = []) {
    self.patterns = patterns
    byBase = Self.index(patterns)
  }

  /// Parses the text of an ignore file found in folder `base` (root-relative, "" for the root).
  public init(parsing text: String, base: String = "") {
    var number = 0
    var parsed: [IgnorePattern] = []
    // Split on bytes: a Swift Character holds "\r\n" as one grapheme.
    for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      number += 1
      if let pattern = IgnorePattern(line: String(Substring(line)), base: base, line: number) {
        parsed.append(pattern)
      }
    }
    self.init(parsed)
  }

  /// Globs such as `exclude` in `.ebcheck.yml`, relative to the lint root.
  public init(globs: [String]) {
    self.init(globs.compactMap { IgnorePattern(line: $0) })
  }

  public var isEmpty: Bool { patterns.isEmpty }

  public mutating func append(contentsOf other: IgnoreRules) {
    for pattern in other.patterns {
      byBase[pattern.base, default: []].append(patterns.count)
      patterns.append(pattern)
    }
  }

  private static func index(_ patterns: [IgnorePattern]) -> [String: [Int]] {
    var byBase: [String: [Int]] = [:]
    for (position, pattern) in patterns.enumerated() {
      byBase[pattern.base, default: []].append(position)
    }
    return byBase
  }

  /// nil when no pattern speaks about the path, else whether it is ignored.
  public func verdict(_ path: String, isDirectory: Bool) -> Bool? {
    if byBase.count <= 1 {
      for position in patterns.indices.reversed()
      where patterns[position].matches(path, isDirectory: isDirectory) {
        return !patterns[position].negated
      }
      return nil
    }
    // The patterns of the root and of every folder holding the path, last first.
    var candidates = byBase[""] ?? []
    let utf8 = path.utf8
    var index = utf8.startIndex
    while let slash = utf8[index...].firstIndex(of: UInt8(ascii: "/")) {
      if let inFolder = byBase[String(Substring(utf8[..<slash]))] { candidates += inFolder }
      index = utf8.index(after: slash)
    }
    candidates.sort(by: >)
    for position in candidates where patterns[position].matches(path, isDirectory: isDirectory) {
      return !patterns[position].negated
    }
    return nil
  }

  /// The positions `verdict` tries for any entry of the folder `folder` ("" for the root),
  /// last first: every pattern when they all come from one folder, else the root's and those
  /// of each folder from the root down to `folder` itself. A walk asks once per folder and
  /// then gives each entry's path to `verdict(_:isDirectory:among:)`.
  public func candidates(forEntriesOf folder: String) -> [Int] {
    if byBase.count <= 1 { return Array(patterns.indices.reversed()) }
    var candidates = byBase[""] ?? []
    if !folder.isEmpty {
      let utf8 = folder.utf8
      var index = utf8.startIndex
      while let slash = utf8[index...].firstIndex(of: UInt8(ascii: "/")) {
        if let inFolder = byBase[String(Substring(utf8[..<slash]))] { candidates += inFolder }
        index = utf8.index(after: slash)
      }
      if let inFolder = byBase[folder] { candidates += inFolder }
    }
    candidates.sort(by: >)
    return candidates
  }

  /// `verdict(path, isDirectory:)` for an entry `name` of the folder whose `candidates` are
  /// given (`path` is the folder's path, a `/` and the name, which holds no `/`).
  public func verdict(_ path: String, isDirectory: Bool, among candidates: [Int]) -> Bool? {
    for position in candidates where patterns[position].matches(path, isDirectory: isDirectory) {
      return !patterns[position].negated
    }
    return nil
  }

  /// Whether the path, or any folder holding it, is ignored. A file inside an ignored
  /// folder stays ignored even when a later pattern re-includes it, as in git.
  public func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
    let parts = path.split(separator: "/")
    var prefix = ""
    for (index, part) in parts.enumerated() {
      prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
      let last = index == parts.count - 1
      if verdict(prefix, isDirectory: last ? isDirectory : true) == true { return true }
    }
    return false
  }
}

/// gitignore-style wildcard matching on UTF-8 bytes: `*` and `?` stop at `/`,
/// `**` crosses folders, `[a-z]`, `[!x]` / `[^x]` classes, `\` escapes.
public enum Glob {
  public static func match(_ pattern: String, _ text: String) -> Bool {
    match(Array(pattern.utf8), Array(text.utf8))
  }

  package static func match(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
    var matcher = Matcher(pattern: pattern, text: text)
    return matcher.start()
  }

  private struct Matcher {
    package let pattern: [UInt8]
    package let text: [UInt8]
    /// States (pattern index, text index) already known to fail; bounds the work.
    /// A flat bitmap for ordinary sizes (cheap), a set for huge inputs.
    package var failedBits: [Bool] = []
    package var failedSet: Set<Int> = []
    package var useBits: Bool { (pattern.count + 1) * (text.count + 1) <= 1 << 20 }

    package init(pattern: [UInt8], text: [UInt8]) {
      self.pattern = pattern
      self.text = text
    }

    package mutating func start() -> Bool { step(0, 0) }

    package mutating func run(_ pi: Int, _ si: Int) -> Bool {
      let key = pi * (text.count + 1) + si
      if useBits {
        if !failedBits.isEmpty && failedBits[key] { return false }
      } else if failedSet.contains(key) {
        return false
      }
      let result = step(pi, si)
      if !result {
        if useBits {
          if failedBits.isEmpty {
            failedBits = Array(repeating: false, count: (pattern.count + 1) * (text.count + 1))
          }
          failedBits[key] = true
        } else {
          failedSet.insert(key)
        }
      }
      return result
    }

    private mutating func step(_ startP: Int, _ startS: Int) -> Bool {
      var pi = startP
      var si = startS
      let slash = UInt8(ascii: "/")
      while pi < pattern.count {
        let p = pattern[pi]
        switch p {
        case UInt8(ascii: "*"):
          if pi + 1 < pattern.count, pattern[pi + 1] == UInt8(ascii: "*") {
            var end = pi
            while end < pattern.count, pattern[end] == UInt8(ascii: "*") { end += 1 }
            let atStart = pi == 0 || pattern[pi - 1] == slash
            if atStart && end == pattern.count { return true }
            if atStart && pattern[end] == slash {
              // `**/` matches zero or more whole folders.
              if run(end + 1, si) { return true }
              var k = si
              while k < text.count {
                if text[k] == slash, run(end + 1, k + 1) { return true }
                k += 1
              }
              return false
            }
            // A `**` not between slashes acts like a `*` that crosses folders.
            var k = si
            while k <= text.count {
              if run(end, k) { return true }
              k += 1
            }
            return false
          }
          var k = si
          while true {
            if run(pi + 1, k) { return true }
            if k >= text.count || text[k] == slash { return false }
            k += 1
          }
        case UInt8(ascii: "?"):
          guard si < text.count, text[si] != slash else { return false }
          pi += 1
          si += 1
        case UInt8(ascii: "["):
          guard si < text.count, text[si] != slash else { return false }
          guard let (matched, next) = matchClass(at: pi, byte: text[si]) else {
            // An unterminated `[` is a literal.
            guard text[si] == p else { return false }
            pi += 1
            si += 1
            continue
          }
          guard matched else { return false }
          pi = next
          si += 1
        case UInt8(ascii: "\\") where pi + 1 < pattern.count:
          guard si < text.count, text[si] == pattern[pi + 1] else { return false }
          pi += 2
          si += 1
        default:
          guard si < text.count, text[si] == p else { return false }
          pi += 1
          si += 1
        }
      }
      return si == text.count
    }

    /// Matches a `[...]` class at `start`; returns nil when it is not terminated.
    private func matchClass(at start: Int, byte: UInt8) -> (Bool, Int)? {
      var index = start + 1
      var negate = false
      if index < pattern.count,
        pattern[index] == UInt8(ascii: "!") || pattern[index] == UInt8(ascii: "^")
      {
        negate = true
        index += 1
      }
      var matched = false
      var first = true
      while index < pattern.count {
        var c = pattern[index]
        if c == UInt8(ascii: "]") && !first {
          return (matched != negate, index + 1)
        }
        first = false
        if c == UInt8(ascii: "["), index + 1 < pattern.count,
          pattern[index + 1] == UInt8(ascii: ":")
        {
          if let close = findClassName(from: index + 2) {
            let name = String(decoding: pattern[(index + 2)..<close], as: UTF8.self)
            if Self.namedClass(name, byte) { matched = true }
            index = close + 2
            continue
          }
        }
        if c == UInt8(ascii: "\\"), index + 1 < pattern.count {
          index += 1
          c = pattern[index]
        }
        if index + 2 < pattern.count, pattern[index + 1] == UInt8(ascii: "-"),
          pattern[index + 2] != UInt8(ascii: "]")
        {
          var high = pattern[index + 2]
          var skip = 3
          if high == UInt8(ascii: "\\"), index + 3 < pattern.count {
            high = pattern[index + 3]
            skip = 4
          }
          if c <= byte && byte <= high { matched = true }
          index += skip
          continue
        }
        if c == byte { matched = true }
        index += 1
      }
      return nil
    }

    private func findClassName(from start: Int) -> Int? {
      var index = start
      while index + 1 < pattern.count {
        if pattern[index] == UInt8(ascii: ":") && pattern[index + 1] == UInt8(ascii: "]") {
          return index
        }
        if pattern[index] == UInt8(ascii: "]") { return nil }
        index += 1
      }
      return nil
    }

    private static func namedClass(_ name: String, _ byte: UInt8) -> Bool {
      let c = Character(Unicode.Scalar(byte))
      switch name {
      case "alpha": return c.isASCII && c.isLetter
      case "digit": return byte >= 48 && byte <= 57
      case "alnum": return c.isASCII && (c.isLetter || c.isNumber)
      case "upper": return byte >= 65 && byte <= 90
      case "lower": return byte >= 97 && byte <= 122
      case "space": return byte == 32 || (byte >= 9 && byte <= 13)
      case "xdigit": return c.isHexDigit
      case "punct": return c.isASCII && c.isPunctuation || c.isSymbol && c.isASCII
      default: return false
      }
    }
  }
}
