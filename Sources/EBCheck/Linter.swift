import Dispatch
import EBCheckCore
import EBCheckFormats
import EBCheckModel
import EBCheckRules
import EBCheckSimulation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The pipeline: files → model → simulation → rules → suppressions. A repository holding
/// several Beanstalk application folders (a monorepo, or an app in a subfolder) is linted
/// folder by folder, in parallel, and the results are put back in the root's coordinates.
public enum Linter {
  public static func lint(
    _ files: SourceFiles, options: LintOptions = LintOptions(),
    rules: [any Rule] = RuleRegistry.all
  ) -> LintResult {
    let infrastructure = InfrastructureCatalog.read(files)
    // A folder a deploy script copies its bundle files from holds a stage's configuration,
    // not an application of its own.
    let copiedFrom = Set(
      files.bundleCandidates.flatMap(\.copies).map { Discovery.parent(of: $0.file.path) + "/" })
    // So does a folder whose marker Terraform zips file by file into a bundle.
    let marked = BeanstalkConfiguration.appRoots(in: files)
    let zipped = infrastructure.zippedMaterial(marked)
    var found = marked.filter { !copiedFrom.contains($0) && !zipped.contains($0) }
    for folder in infrastructure.appFolders where !found.contains(folder) { found.append(folder) }
    let roots = found.sorted {
      ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1)
    }
    guard roots.count > 1 || (roots.first.map { !$0.isEmpty } ?? false) else {
      return lintApplication(
        files, options: options.forFolder(""), rules: rules, infrastructure: infrastructure)
    }
    let parts = ResultSlots(count: roots.count)
    let applications = files.split(by: roots)
    DispatchQueue.concurrentPerform(iterations: roots.count) { index in
      let root = roots[index]
      // The folder's environments in its own coordinates, with the code that defines them
      // carried in (`../infra/main.tf`); the readers' problems are reported once, below.
      // Thousands of environments can name the same few files: each is re-rooted once.
      var relative = PathMemo { RepositoryPath.relative($0, from: root) }
      let deployed = infrastructure.environments(deploying: root)
      var scoped = InfrastructureCatalog(
        environments: deployed.map { $0.mappingPaths { relative.map($0) } })
      var folderFiles = applications[index]
      var carried = Set<String>()
      for environment in deployed {
        for path in environment.paths.sorted() where carried.insert(path).inserted {
          guard let file = files[path], !path.hasPrefix(root) else { continue }
          folderFiles.insert(file.relocated(to: relative.map(path)))
        }
      }
      scoped.filesRead = infrastructure.filesRead
      let result = lintApplication(
        folderFiles, options: options.forFolder(root), rules: rules, infrastructure: scoped)
      parts.store(
        index,
        (
          result.diagnostics.map { $0.prefixed(root) },
          result.predictions.map { $0.prefixed(root) }
        ))
    }
    let all = parts.values
    var seen = SeenDiagnostics()
    var diagnostics = all.flatMap(\.0).filter { seen.insert($0) }
    let problems = infrastructure.diagnostics.filter { options.isEnabled($0.rule) }
    diagnostics += Suppressions.apply(problems, files: files, isEnabled: { _ in false })
    return LintResult(
      files: files.withBundleSources, diagnostics: diagnostics, predictions: all.flatMap(\.1))
  }

  package static func lintApplication(
    _ files: SourceFiles, options: LintOptions, rules: [any Rule],
    infrastructure: InfrastructureCatalog? = nil
  ) -> LintResult {
    if let bundles = lintBundles(
      files, options: options, rules: rules, infrastructure: infrastructure)
    {
      return bundles
    }
    let model = ProjectBuilder.build(files, options: options.model, infrastructure: infrastructure)
    let context = LintContext(simulating: model)
    var diagnostics: [Diagnostic] = []
    for rule in rules where options.isEnabled(rule.id) {
      diagnostics += rule.check(context)
    }
    diagnostics = diagnostics.filter { options.isEnabled($0.rule) }
    // A file the infrastructure code writes into the bundle is shown where it is written.
    var written: [String: Location] = [:]
    for environment in model.environments {
      written.merge(environment.infrastructure?.writtenFiles ?? [:]) { first, _ in first }
    }
    diagnostics = diagnostics.map { $0.mappingWrittenFiles(written) }
    diagnostics = Suppressions.apply(diagnostics, files: files, isEnabled: options.isEnabled)
    let predictions = context.predictions.map { prediction in
      var moved = prediction
      moved.trace = prediction.trace.mappingWrittenFiles(written)
      return moved
    }
    return LintResult(files: files, diagnostics: diagnostics, predictions: predictions)
  }
}

/// Fixed slots written once each from concurrent iterations, read after they all finish.
private final class ResultSlots: @unchecked Sendable {
  private var slots: [([Diagnostic], [HealthCheckPrediction])?]
  private let lock = PosixLock()

  package init(count: Int) { slots = Array(repeating: nil, count: count) }

  package func store(_ index: Int, _ value: ([Diagnostic], [HealthCheckPrediction])) {
    lock.withLock { slots[index] = value }
  }

  package var values: [([Diagnostic], [HealthCheckPrediction])] {
    lock.withLock { slots.compactMap { $0 } }
  }
}
