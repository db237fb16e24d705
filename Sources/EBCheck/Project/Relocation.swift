/// Moving a lint run of one application folder back into the lint root's coordinates:
/// every path gains the folder's prefix.
extension SourceFiles {
  /// The files under `prefix` (which ends in `/`), re-rooted there, without the files of the
  /// nested application folders in `excluding`.
  func subtree(_ prefix: String, excluding nested: [String]) -> SourceFiles {
    SourceFiles(
      all.compactMap { file in
        guard file.path.hasPrefix(prefix),
          !nested.contains(where: { $0 != prefix && $0.hasPrefix(prefix) && file.path.hasPrefix($0) })
        else { return nil }
        return file.relocated(to: String(file.path.dropFirst(prefix.count)))
      })
  }
}

extension Location {
  func prefixed(_ prefix: String) -> Location { Location(file: prefix + file, span: span) }
}

extension Trace {
  func prefixed(_ prefix: String) -> Trace {
    Trace(hops.map { TraceHop(step: $0.step, detail: $0.detail, location: $0.location?.prefixed(prefix)) })
  }
}

extension Diagnostic {
  func prefixed(_ prefix: String) -> Diagnostic {
    var copy = self
    copy.location = location.prefixed(prefix)
    copy.related = related.map { RelatedLocation($0.location.prefixed(prefix), $0.label) }
    copy.trace = trace?.prefixed(prefix)
    copy.fix = fix.map { fix in
      Fix(
        title: fix.title, applicability: fix.applicability,
        edits: fix.edits.map {
          Edit(file: prefix + $0.file, span: $0.span, replacement: $0.replacement, createsFile: $0.createsFile)
        })
    }
    return copy
  }
}

extension HealthCheckPrediction {
  /// The prediction in root coordinates; an unnamed environment takes the folder's name.
  func prefixed(_ prefix: String) -> HealthCheckPrediction {
    var copy = self
    if environment == "default" { copy.environment = String(prefix.dropLast()) }
    copy.trace = trace.prefixed(prefix)
    copy.check = nil
    return copy
  }
}
