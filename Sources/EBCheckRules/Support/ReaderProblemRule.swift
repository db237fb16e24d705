import EBCheckCore

/// A rule that reports one kind of reader problem. The model collects what every reader
/// could not read; each such rule reports the problems of its kind, once each.
public protocol ReaderProblemRule: Rule {
  var problem: ReaderProblem { get }
}

extension ReaderProblemRule {
  public func check(_ context: LintContext) -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    return context.model.readerProblems.filter { $0.isProblem(problem) && seen.insert($0).inserted }
  }
}

/// A rule for problems discovery meets while walking the lint root (unreadable files, sizes,
/// limits): the pipeline reports them before any model exists, under the same `--select`,
/// `--ignore` and configuration as every finding. Their examples need a real file system, so
/// `DiscoveryTests` proves them instead of in-memory examples.
public protocol DiscoveryProblemRule: Rule {
  var problem: ReaderProblem { get }
}

extension DiscoveryProblemRule {
  public func check(_ context: LintContext) -> [Diagnostic] { [] }
}
