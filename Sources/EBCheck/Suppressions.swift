import EBCheckCore
import EBCheckRules

/// `# ebcheck: ignore[HC001,EB003]` or `# ebcheck: ignore` on the line of a finding.
public struct Suppression: Sendable, Hashable {
  /// Rule ids named in brackets; empty means every rule.
  public var rules: [String]
  public var location: Location
  public var line: Int

  public func covers(_ rule: String) -> Bool { rules.isEmpty || rules.contains(rule) }
}

public enum Suppressions {
  package static let marker = Array("ebcheck: ignore".utf8)

  /// Every suppression comment of a file, found after a `#` on its line.
  public static func find(in file: SourceFile) -> [Suppression] {
    let bytes = file.bytes
    var found: [Suppression] = []
    var searchFrom = 0
    while let hit = firstIndex(of: marker, in: bytes, from: searchFrom) {
      searchFrom = hit + marker.count
      let line = file.lineIndex.lineNumber(at: hit) + 1
      let lineStart = file.lineIndex.lineStarts[line - 1]
      guard isComment(bytes[lineStart..<hit], in: file) else { continue }
      var end = hit + marker.count
      var rules: [String] = []
      if end < bytes.count, bytes[end] == UInt8(ascii: "[") {
        guard let close = bytes[end...].firstIndex(of: UInt8(ascii: "]")) else { continue }
        rules = String(decoding: bytes[(end + 1)..<close], as: UTF8.self)
          .split(separator: ",")
          .map { $0.trimmingWhitespace().uppercased() }
          .filter { !$0.isEmpty }
        end = close + 1
      }
      found.append(
        Suppression(
          rules: rules, location: Location(file: file.path, span: Span(hit, end)), line: line))
    }
    return found
  }

  /// Drops suppressed diagnostics and reports suppressions that matched nothing.
  public static func apply(
    _ diagnostics: [Diagnostic], files: SourceFiles, isEnabled: (String) -> Bool
  ) -> [Diagnostic] {
    var kept: [Diagnostic] = []
    var used = Set<Location>()
    var byFile: [String: [Suppression]] = [:]
    for diagnostic in diagnostics {
      let path = diagnostic.location.file
      if byFile[path] == nil { byFile[path] = files[path].map(find(in:)) ?? [] }
      guard let file = files[path] else {
        kept.append(diagnostic)
        continue
      }
      let line = file.lineIndex.lineNumber(at: diagnostic.location.span.start) + 1
      if let match = byFile[path]?.first(where: { $0.line == line && $0.covers(diagnostic.rule) }) {
        used.insert(match.location)
      } else {
        kept.append(diagnostic)
      }
    }
    guard isEnabled(UnusedSuppressionRule.id) else { return kept }
    // Files carried into an application folder's run from outside it are judged by the run
    // that owns them.
    for file in files.all where file.kind != .other && !file.path.hasPrefix("../") {
      let suppressions = byFile[file.path] ?? find(in: file)
      for suppression in suppressions {
        kept += problems(with: suppression, used: used.contains(suppression.location))
      }
    }
    return kept
  }

  /// S001 findings for one comment: each id no rule has (it can never match, so the
  /// comment is a typo waiting to hide nothing), and the comment matching no finding.
  package static func problems(with suppression: Suppression, used: Bool) -> [Diagnostic] {
    var found: [Diagnostic] = []
    let unknown = suppression.rules.filter { !RuleSelectors.isKnownID($0) }
    for id in unknown {
      found.append(
        Diagnostic(
          rule: UnusedSuppressionRule.id, severity: .warning,
          message:
            "suppression names \(RuleSelectors.unknownMessage(id, noun: "rule id")); it suppresses nothing",
          location: suppression.location,
          help: "suppressions name whole rule ids such as HC001; `ebcheck rules` lists them"))
    }
    let known = suppression.rules.filter { RuleSelectors.isKnownID($0) }
    guard !used, suppression.rules.isEmpty || !known.isEmpty else { return found }
    let names = known.isEmpty ? "every rule" : known.joined(separator: ", ")
    found.append(
      Diagnostic(
        rule: UnusedSuppressionRule.id, severity: .warning,
        message: "suppression for \(names) matches no finding on this line",
        location: suppression.location,
        help: "remove the comment, or move it to the line the finding is reported on"))
    return found
  }

  /// `#` starts a comment in YAML, Python, nginx, Procfiles and HCL; HCL (`.tf`) also has `//`.
  package static func isComment(_ before: ArraySlice<UInt8>, in file: SourceFile) -> Bool {
    if before.contains(UInt8(ascii: "#")) { return true }
    guard file.kind == .terraform else { return false }
    return zip(before, before.dropFirst()).contains {
      $0 == UInt8(ascii: "/") && $1 == UInt8(ascii: "/")
    }
  }

  package static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int?
  {
    guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
    var index = start
    while index <= haystack.count - needle.count {
      if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle {
        return index
      }
      index += 1
    }
    return nil
  }
}
