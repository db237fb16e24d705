import EBCheckCore

/// Applies fixes, lints again, and repeats until nothing changes (bounded).
public struct FixOutcome: Sendable {
  /// Final contents of every file that changed or was created, by relative path.
  public var changed: [String: [UInt8]]
  /// Paths that did not exist before.
  public var created: Set<String>
  /// Titles of the fixes applied, in order.
  public var applied: [String]
  /// The lint result after the last round.
  public var remaining: LintResult
}

public enum FixSession {
  public static let maxRounds = 8

  public static func run(
    _ files: SourceFiles, options: LintOptions, includeUnsafe: Bool
  ) -> FixOutcome {
    var current = files
    var applied: [String] = []
    var created = Set<String>()
    var result = Linter.lint(current, options: options)
    for _ in 0..<maxRounds {
      let fixes = FixPlanner.select(result.diagnostics, includeUnsafe: includeUnsafe)
      guard !fixes.isEmpty else { break }
      var editsByFile: [String: [Edit]] = [:]
      for fix in fixes {
        for edit in fix.edits { editsByFile[edit.file, default: []].append(edit) }
      }
      var changedAnything = false
      for (path, edits) in editsByFile.sorted(by: { $0.key < $1.key }) {
        let before = current[path]?.bytes ?? []
        if current[path] == nil { created.insert(path) }
        let after = EditApplier.apply(edits, to: before)
        if after != before || current[path] == nil {
          changedAnything = true
          current.insert(SourceFile(path: path, bytes: after))
        }
      }
      applied += fixes.map(\.title)
      guard changedAnything else { break }
      result = Linter.lint(current, options: options)
    }
    var changed: [String: [UInt8]] = [:]
    for path in current.paths {
      let after = current[path]!.bytes
      if files[path]?.bytes != after { changed[path] = after }
    }
    return FixOutcome(changed: changed, created: created, applied: applied, remaining: result)
  }
}
