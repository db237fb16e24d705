import EBCheckCore

/// A root `.ebignore` as `eb deploy` uses it. With one, the EB CLI zips the working tree
/// itself instead of `git archive` (`ebcli/operations/commonops.py`, `_zip_up_project`):
/// it reads the file as UTF-8, a line at a time (`str.splitlines`), compiles each stripped
/// line with pathspec (`EBIgnorePattern`), lists every file of the project the patterns
/// match (`PathSpec.match_tree`, last match decides), and then walks the tree
/// (`fileoperations._zipdir`) adding every file except those, the `.ebignore` itself,
/// editor backups ending in `~`, and anything in a folder whose path holds
/// `.elasticbeanstalk`. `.gitignore` plays no part.
public struct EBIgnore: Sendable, Hashable {
  public var patterns: [EBIgnorePattern]
  /// Lines the EB CLI cannot read (pathspec raises, or the bytes are not UTF-8): `eb deploy`
  /// stops with an error there.
  public var refusals: [EBIgnorePattern.Refusal]

  public init(bytes: [UInt8]) {
    var patterns: [EBIgnorePattern] = []
    var refusals: [EBIgnorePattern.Refusal] = []
    var scalars: [Unicode.Scalar] = []
    var lineStart = 0
    var offset = 0
    var number = 1
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    /// Compiles the line read so far, which spans `lineStart..<end`.
    func finish(_ end: Int) {
      var text = String.UnicodeScalarView()
      text.append(contentsOf: scalars)
      do {
        if let pattern = try EBIgnorePattern(line: String(text), number: number) {
          patterns.append(pattern)
        }
      } catch {
        var refusal = error
        refusal.span = Span(lineStart, end)
        refusals.append(refusal)
      }
      scalars = []
    }
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
        if PythonText.isLineBreak(scalar) {
          // `\r\n` is one break: the `\r` waits for what follows.
          if scalar == "\r", offset < bytes.count, bytes[offset] == UInt8(ascii: "\n") {
            continue
          }
          finish(offset)
          lineStart = offset
          if scalar == "\n" { number += 1 }
        } else {
          scalars.append(scalar)
        }
      case .emptyInput:
        if lineStart < bytes.count { finish(bytes.count) }
        break decoding
      case .error:
        refusals.append(
          EBIgnorePattern.Refusal(
            line: number, message: "its bytes are not UTF-8",
            span: Span(lineStart, min(offset + 1, bytes.count))))
        break decoding
      }
    }
    self.patterns = patterns
    self.refusals = refusals
  }

  /// Whether the patterns match a root-relative file path: the last pattern that matches
  /// decides, a `!` one keeping the file.
  public func matches(_ path: String) -> Bool {
    let scalars = Array(path.unicodeScalars)
    for pattern in patterns.reversed() where pattern.matches(scalars) {
      return !pattern.negated
    }
    return false
  }

  /// Whether `eb deploy` leaves a root-relative file out of the bundle it zips.
  public func leavesOut(_ path: String) -> Bool {
    if path == ".ebignore" || path.hasSuffix("~") { return true }
    if let slash = path.lastIndex(of: "/"), path[..<slash].contains(".elasticbeanstalk") {
      return true
    }
    return matches(path)
  }
}
