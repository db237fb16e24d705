import EBCheckCore
import EBCheckSimulation

/// One `check` over one or more paths, reported as one document: every path's findings and
/// health checks together, each path shown relative to the current directory.
public struct CheckRun: Sendable {
  public var bases: PathBases
  public var workspaces: [Workspace]
  /// Paths in `result` are relative to `bases.currentDirectory`.
  public var result: LintResult
  /// Files the report covers, each counted once.
  public var filesChecked: Int

  /// Lints each workspace with its options and merges the results; a finding or health
  /// check that two overlapping paths both report appears once.
  public static func lint(
    _ workspaces: [Workspace], options: [LintOptions], bases: PathBases
  ) -> CheckRun {
    merge(zip(workspaces, options).map { ($0, $0.lint($1)) }, bases: bases)
  }

  /// Merges each workspace's reported result (from `Workspace.lint` or `reported`).
  public static func merge(_ results: [(Workspace, LintResult)], bases: PathBases) -> CheckRun {
    let workspaces = results.map(\.0)
    var files = SourceFiles()
    var diagnostics: [Diagnostic] = []
    var predictions: [HealthCheckPrediction] = []
    var seenDiagnostics = SeenDiagnostics()
    var seenPredictions = Set<HealthCheckPrediction>()
    var reported = Set<String>()
    for (workspace, result) in results {
      // Findings and traces name the same few files over and over: each is shown once.
      var display = PathMemo(bases.displayer(root: workspace.root))
      // Only the files the report points into are carried over (a monorepo has thousands).
      for path in Self.referencedPaths(result) where files[display.map(path)] == nil {
        if let file = result.files[path] { files.insert(file.relocated(to: display.map(path))) }
      }
      for file in workspace.files.all
      where workspace.isInFocus(file.path) && !workspace.isExcluded(file.path) {
        reported.insert(display.map(file.path))
      }
      for diagnostic in result.diagnostics {
        let shown = diagnostic.mappingPaths { display.map($0) }
        if seenDiagnostics.insert(shown) { diagnostics.append(shown) }
      }
      for prediction in result.predictions {
        let shown = prediction.mappingPaths { display.map($0) }
        if seenPredictions.insert(shown).inserted { predictions.append(shown) }
      }
    }
    return CheckRun(
      bases: bases, workspaces: workspaces,
      result: LintResult(files: files, diagnostics: diagnostics, predictions: predictions),
      filesChecked: reported.count)
  }
}

extension CheckRun {
  /// Every file a finding or health check of `result` names.
  package static func referencedPaths(_ result: LintResult) -> Set<String> {
    var paths = Set<String>()
    for diagnostic in result.diagnostics {
      paths.insert(diagnostic.location.file)
      for related in diagnostic.related { paths.insert(related.location.file) }
      for hop in diagnostic.trace?.hops ?? [] {
        if let location = hop.location { paths.insert(location.file) }
      }
      for fix in [diagnostic.fix].compactMap({ $0 }) + diagnostic.alternatives {
        for edit in fix.edits { paths.insert(edit.file) }
      }
    }
    for prediction in result.predictions {
      for hop in prediction.trace.hops {
        if let location = hop.location { paths.insert(location.file) }
      }
    }
    return paths
  }
}

/// A path transformation that computes each distinct path once.
package struct PathMemo {
  private let transform: (String) -> String
  private var known: [String: String] = [:]

  package init(_ transform: @escaping (String) -> String) { self.transform = transform }

  package mutating func map(_ path: String) -> String {
    if let done = known[path] { return done }
    let done = transform(path)
    known[path] = done
    return done
  }
}

extension PathBases {
  /// Turns paths relative to the lint root `root` into paths shown to the user.
  public func displayer(root: String) -> @Sendable (String) -> String {
    let copy = self
    // When the root is the current directory or lies below it, a plain relative path is
    // shown as the root's shown path followed by it: no path arithmetic for each of the
    // thousands of files a monorepo reports on.
    let shownRoot = display(root)
    let inside: String? =
      shownRoot == "."
      ? "" : shownRoot.hasPrefix("..") || shownRoot.hasPrefix("/") ? nil : shownRoot + "/"
    // A root beside the current directory (`../../tmp/mono`: up, then down into folders the
    // current directory is not in) shows a file below it as its shown path followed by the
    // file's: every path below the root leaves the current directory's branch at the same
    // folder. Byte-exact for ASCII paths, so only those take it.
    let besideASCII =
      inside == nil && root.hasPrefix("/") && Self.isASCII(root)
      && Self.isASCII(currentDirectory) && Self.goesUpThenDown(shownRoot)
    let prefix = besideASCII ? shownRoot + "/" : inside
    return { path in
      if let prefix, Self.isPlainRelative(path), !besideASCII || Self.isASCII(path) {
        return prefix + path
      }
      return copy.display(RelativePath.join(root, path))
    }
  }

  package static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

  /// A shown path of one or more `..` followed by at least one other component.
  package static func goesUpThenDown(_ shown: String) -> Bool {
    let parts = shown.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    let dots = Array("..".utf8)
    guard let first = parts.first, first.elementsEqual(dots) else { return false }
    return parts.contains { !$0.isEmpty && !$0.elementsEqual(dots) }
      && !parts.contains { $0.isEmpty }
  }

  /// A relative path with no empty, `.` or `..` component (so joining it changes nothing).
  package static func isPlainRelative(_ path: String) -> Bool {
    var length = 0
    var dots = 0
    for byte in path.utf8 {
      if byte == UInt8(ascii: "/") {
        guard length > 0, dots != length || length > 2 else { return false }
        (length, dots) = (0, 0)
      } else {
        length += 1
        if byte == UInt8(ascii: ".") { dots += 1 }
      }
    }
    return length > 0 && (dots != length || length > 2)
  }
}
