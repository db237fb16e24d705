/// Applies non-overlapping edits to one file's bytes.
public enum EditApplier {
  /// Applies `edits` (same file) back to front. Overlapping edits are a programming
  /// error upstream: `FixPlanner` never lets them through.
  public static func apply(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8] {
    var result = bytes
    for edit in edits.sorted(by: { $0.span > $1.span }) {
      let start = min(edit.span.start, result.count)
      let end = min(max(edit.span.end, start), result.count)
      result.replaceSubrange(start..<end, with: Array(edit.replacement.utf8))
    }
    return result
  }
}

/// Picks which fixes to apply in one round: wanted applicability, no two touching the same bytes.
public enum FixPlanner {
  public static func select(_ diagnostics: [Diagnostic], includeUnsafe: Bool) -> [Fix] {
    selectFindings(diagnostics, includeUnsafe: includeUnsafe).compactMap(\.fix)
  }

  /// The findings whose fixes are applied this round, in order.
  public static func selectFindings(_ diagnostics: [Diagnostic], includeUnsafe: Bool)
    -> [Diagnostic]
  {
    var chosen: [Diagnostic] = []
    var chosenFixes = Set<Fix>()
    var taken: [String: [Span]] = [:]
    var createdFiles = Set<String>()
    for diagnostic in diagnostics {
      guard let fix = diagnostic.fix, !fix.edits.isEmpty else { continue }
      switch fix.applicability {
      case .safe: break
      case .unsafe: if !includeUnsafe { continue }
      case .display: continue
      }
      if chosenFixes.contains(fix) { continue }
      let clashes = fix.edits.contains { edit in
        if edit.createsFile { return createdFiles.contains(edit.file) }
        return (taken[edit.file] ?? []).contains { $0.overlaps(edit.span) || $0 == edit.span }
      }
      if clashes { continue }
      for edit in fix.edits {
        if edit.createsFile {
          createdFiles.insert(edit.file)
        } else {
          taken[edit.file, default: []].append(edit.span)
        }
      }
      chosen.append(diagnostic)
      chosenFixes.insert(fix)
    }
    return chosen
  }
}
