import EBCheckCore

/// `ebcheck fix` over one or more paths: the fixes of the findings each path reports, as
/// one patch (`--diff`) or written all or nothing.
public struct FixRun: Sendable {
  /// One lint root and what fixing it gives.
  public struct Root: Sendable {
    public var workspace: Workspace
    public var outcome: FixOutcome
    /// The options of the root's first path: what its report selects.
    public var options: LintOptions
  }

  public var roots: [Root]

  /// Plans the fixes. Paths sharing a lint root are fixed together: a fix is applied when any
  /// of them reports its finding.
  public static func plan(
    _ workspaces: [Workspace], options: [LintOptions], includeUnsafe: Bool
  ) -> FixRun {
    var order: [String] = []
    var groups: [String: [(Workspace, LintOptions)]] = [:]
    for (workspace, options) in zip(workspaces, options) {
      if groups[workspace.root] == nil { order.append(workspace.root) }
      groups[workspace.root, default: []].append((workspace, options))
    }
    let roots = order.map { root -> Root in
      let members = groups[root]!
      let (workspace, options) = members[0]
      let outcome = FixSession.run(
        workspace.files, options: options, includeUnsafe: includeUnsafe,
        shouldFix: { diagnostic in members.contains { $0.0.isReported(diagnostic) } })
      return Root(workspace: workspace, outcome: outcome, options: options)
    }
    return FixRun(roots: roots)
  }

  public var applied: [AppliedFix] { roots.flatMap(\.outcome.applied) }
  public var changedFileCount: Int { roots.map(\.outcome.changed.count).reduce(0, +) }

  /// The patch, paths relative to the repository root (as `git diff` writes them, so
  /// `git apply` at the root accepts it); empty when nothing changes.
  public func diff(bases: PathBases) throws(UsageError) -> [UInt8] {
    var out: [UInt8] = []
    for root in roots {
      let outcome = root.outcome
      for path in outcome.changed.keys.sorted() {
        let shown = RelativePath.from(
          bases.repositoryRoot, to: RelativePath.join(root.workspace.root, path))
        let (new, old) = try outcome.stored(path, originals: root.workspace.files)
        out += UnifiedDiff.makeBytes(path: shown, old: old, new: new)
      }
    }
    return out
  }

  /// Removes the temporaries earlier runs left, then writes every change (all or nothing).
  /// Returns the temporaries removed (root-relative).
  public func write(fileSystem: any FileSystemSeam = POSIXFileSystem()) throws(UsageError)
    -> [String]
  {
    var removed: [String] = []
    var groups: [(FileWriter, [FileChange])] = []
    for root in roots {
      let writer = FileWriter(root: root.workspace.root, fileSystem: fileSystem)
      removed += writer.removeTemporaries(root.workspace.temporaries)
      groups.append((writer, try root.outcome.changes(from: root.workspace.files)))
    }
    try FileWriter.commit(groups.filter { !$0.1.isEmpty })
    return removed
  }

  /// What `workspace` reports once the fixes of its lint root are in place (the lint of the
  /// last fix round, not run again).
  public func remaining(_ workspace: Workspace) -> LintResult? {
    guard let root = roots.first(where: { $0.workspace.root == workspace.root }) else {
      return nil
    }
    return fixed(workspace).reported(root.outcome.remaining, options: root.options)
  }

  /// `workspace` as it is once the fixes of its lint root are in place.
  public func fixed(_ workspace: Workspace) -> Workspace {
    guard let root = roots.first(where: { $0.workspace.root == workspace.root }) else {
      return workspace
    }
    var copy = workspace
    for (path, bytes) in root.outcome.changed.sorted(by: { $0.key < $1.key }) {
      copy.files.insert(
        copy.files[path]?.replacingBytes(bytes) ?? SourceFile(path: path, bytes: bytes))
    }
    copy.temporaries = []
    return copy
  }
}
