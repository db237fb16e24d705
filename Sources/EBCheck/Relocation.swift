import EBCheckCore
import EBCheckSimulation

/// Moving a lint run of one application folder back into the lint root's coordinates:
/// every path gains the folder's prefix.
extension SourceFiles {
  /// The files of each application folder, re-rooted there: a file belongs to the deepest
  /// folder (in `roots`, each `""` or ending in `/`) that holds it; files under none are dropped.
  package func split(by roots: [String]) -> [SourceFiles] {
    let index = Dictionary(uniqueKeysWithValues: roots.enumerated().map { ($1, $0) })
    var groups = [[SourceFile]](repeating: [], count: roots.count)
    for file in all {
      var owner = index[""]
      var slash = file.path.startIndex
      while let next = file.path[slash...].firstIndex(of: "/") {
        let folder = String(file.path[...next])
        if let found = index[folder] { owner = found }
        slash = file.path.index(after: next)
      }
      guard let owner else { continue }
      groups[owner].append(file.relocated(to: String(file.path.dropFirst(roots[owner].count))))
    }
    return groups.map(SourceFiles.init)
  }
}

extension Location {
  /// In the root's coordinates; a file carried in from outside the folder (`../infra/main.tf`)
  /// gets its own path back.
  package func prefixed(_ prefix: String) -> Location {
    Location(file: RepositoryPath.prefixed(file, with: prefix), span: span)
  }
}

extension Trace {
  package func prefixed(_ prefix: String) -> Trace {
    Trace(
      hops.map {
        TraceHop(step: $0.step, detail: $0.detail, location: $0.location?.prefixed(prefix))
      })
  }
}

extension Diagnostic {
  package func prefixed(_ prefix: String) -> Diagnostic {
    var copy = self
    copy.location = location.prefixed(prefix)
    copy.related = related.map { RelatedLocation($0.location.prefixed(prefix), $0.label) }
    copy.trace = trace?.prefixed(prefix)
    copy.fix = fix.map { fix in
      Fix(
        title: fix.title, applicability: fix.applicability,
        edits: fix.edits.map {
          Edit(
            file: RepositoryPath.prefixed($0.file, with: prefix), span: $0.span,
            replacement: $0.replacement,
            createsFile: $0.createsFile)
        })
    }
    return copy
  }
}

extension HealthCheckPrediction {
  /// The prediction in root coordinates; an unnamed environment takes the folder's name.
  package func prefixed(_ prefix: String) -> HealthCheckPrediction {
    var copy = self
    if environment.name == "default" { copy.environment.name = String(prefix.dropLast()) }
    copy.trace = trace.prefixed(prefix)
    copy.check = nil
    return copy
  }
}
