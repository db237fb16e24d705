import EBCheckCore

/// One fix `ebcheck fix` applied.
public struct AppliedFix: Sendable, Hashable {
  public var rule: String
  public var title: String
  /// Where the finding was (root-relative).
  public var location: Location
  /// The files its edits touch, in order.
  public var files: [String]
}

/// Applies fixes, lints again, and repeats until nothing changes (bounded).
public struct FixOutcome: Sendable {
  /// Final contents of every file that changed or was created, by relative path.
  public var changed: [String: [UInt8]]
  /// Paths that did not exist before.
  public var created: Set<String>
  /// The fixes applied, in order.
  public var applied: [AppliedFix]
  /// The lint result after the last round.
  public var remaining: LintResult

  /// What `FileWriter` writes: every changed file in its own encoding, with the bytes it
  /// was read with. A fix whose text the file's encoding cannot hold is refused.
  public func changes(from originals: SourceFiles) throws(UsageError) -> [FileChange] {
    var result: [FileChange] = []
    for path in changed.keys.sorted() {
      let (bytes, original) = try stored(path, originals: originals)
      result.append(FileChange(path: path, bytes: bytes, original: original))
    }
    return result
  }

  /// The new and old contents of `path` as they are on disk.
  public func stored(_ path: String, originals: SourceFiles) throws(UsageError)
    -> (new: [UInt8], old: [UInt8]?)
  {
    let file = created.contains(path) ? nil : originals[path]
    let encoding = file?.encoding ?? .utf8
    guard let bytes = encoding.encode(changed[path]!) else {
      throw UsageError(
        "\(path): the fix needs characters \(encoding.rawValue) cannot hold; not written")
    }
    return (bytes, file?.storedBytes ?? file?.bytes)
  }
}

public enum FixSession {
  public static let maxRounds = 8

  /// `shouldFix` limits the fixes to some findings (those a focused run reports).
  public static func run(
    _ files: SourceFiles, options: LintOptions, includeUnsafe: Bool,
    shouldFix: (Diagnostic) -> Bool = { _ in true }
  ) -> FixOutcome {
    var current = files
    var applied: [AppliedFix] = []
    var created = Set<String>()
    var result = Linter.lint(current, options: options)
    for _ in 0..<maxRounds {
      let findings = FixPlanner.selectFindings(
        result.diagnostics.filter(shouldFix), includeUnsafe: includeUnsafe)
      guard !findings.isEmpty else { break }
      var editsByFile: [String: [Edit]] = [:]
      for fix in findings.compactMap(\.fix) {
        for edit in fix.edits { editsByFile[edit.file, default: []].append(edit) }
      }
      var changedAnything = false
      for (path, edits) in editsByFile.sorted(by: { $0.key < $1.key }) {
        let before = current[path]?.bytes ?? []
        if current[path] == nil { created.insert(path) }
        let after = EditApplier.apply(edits, to: before)
        if after != before || current[path] == nil {
          changedAnything = true
          current.insert(
            current[path]?.replacingBytes(after) ?? SourceFile(path: path, bytes: after))
        }
      }
      for finding in findings {
        guard let fix = finding.fix else { continue }
        var touched: [String] = []
        for edit in fix.edits where !touched.contains(edit.file) { touched.append(edit.file) }
        applied.append(
          AppliedFix(
            rule: finding.rule, title: fix.title, location: finding.location, files: touched))
      }
      guard changedAnything else { break }
      result = Linter.lint(current, options: options)
    }
    var changed: [String: [UInt8]] = [:]
    for path in current.paths {
      let after = current[path]!.bytes
      if files[path]?.bytes != after { changed[path] = after }
    }
    return FixOutcome(
      changed: changed, created: created.intersection(changed.keys), applied: applied,
      remaining: result)
  }
}
