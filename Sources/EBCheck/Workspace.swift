import EBCheckCore
import EBCheckModel
import EBCheckSimulation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A lint root with its discovered files and configuration.
public struct Workspace: Sendable {
  /// Absolute, symlink-free path of the lint root.
  public var root: String
  /// The path given, relative to the root ("" for the root itself): findings are limited to it.
  public var focus: String
  /// Whether the path given is a file.
  public var focusIsFile: Bool
  public var files: SourceFiles
  /// The configuration of the path given, and how it was found.
  public var configuration: ConfigResolution
  /// Application folders below the path given with a configuration file nearer to them.
  public var folderConfigurations: [String: ConfigResolution] = [:]
  /// Problems met while discovering (unreadable or oversized files, ...).
  public var diagnostics: [Diagnostic]
  /// `.ebcheck-XXXXXX` temporaries an interrupted `fix` left (root-relative).
  public var temporaries: [String] = []

  public var config: EBCheckConfig { configuration.config }

  public init(
    root: String, focus: String = "", files: SourceFiles, config: EBCheckConfig = EBCheckConfig(),
    diagnostics: [Diagnostic] = []
  ) {
    self.root = root
    self.focus = focus
    self.focusIsFile = false
    self.files = files
    self.configuration = ConfigResolution(config: config, choice: .discover)
    self.diagnostics = diagnostics
  }

  /// Loads the repository at `path` (a repo root, a subfolder or a single file). A relative
  /// path is taken from `bases.currentDirectory` (the process's without bases); messages
  /// name files relative to it.
  public static func load(
    path: String, bases: PathBases? = nil, config choice: ConfigChoice = .discover
  ) throws(UsageError) -> Workspace {
    let absolute = bases.map { RelativePath.join($0.currentDirectory, path) } ?? path
    do {
      let lintRoot = try Discovery.lintRoot(for: absolute)
      let name = { (file: String) -> String in
        bases?.display(file) ?? RelativePath.from(lintRoot.root, to: file)
      }
      let given = RelativePath.join(lintRoot.root, lintRoot.focus)
      let start = lintRoot.isFile ? Discovery.parent(of: given) : given
      let stop = RepositoryRoot.gitTopLevel(above: lintRoot.root) ?? lintRoot.root
      let configuration: ConfigResolution
      switch choice {
      case .discover:
        configuration = try ConfigSearch.nearest(from: start, upTo: stop, name: name)
      case .file(let file):
        let absoluteFile = bases.map { RelativePath.join($0.currentDirectory, file) } ?? file
        configuration = ConfigResolution(
          config: try ConfigSearch.explicit(absoluteFile, name: file), choice: choice)
      case .isolated:
        configuration = ConfigResolution(config: EBCheckConfig(), choice: choice)
      }
      var limits = DiscoveryLimits()
      if let size = configuration.config.maxFileSize { limits.maxFileSize = size }
      let found = try Discovery.discover(root: lintRoot.root, limits: limits)
      // With an `.ebignore`, what it leaves out is never deployed: Beanstalk never sees it.
      // The EB CLI's own folder is never uploaded either, but the CLI reads it in place.
      var files = found.files
      var occupied = found.occupied
      if found.ebignore != nil {
        var kept: [SourceFile] = []
        var leftOut: [SourceFile] = []
        for file in files.all {
          if file.kind == .ebignore || file.path.hasPrefix(".elasticbeanstalk/")
            || !found.deployExcluded(file.path)
          {
            kept.append(file)
          } else {
            occupied.insert(file.path)
            leftOut.append(file)
          }
        }
        files = SourceFiles(kept)
        files.leftOutOfBundle = leftOut
      }
      files.occupied = occupied
      files.bundleCandidates = found.bundleCandidates(limit: limits.maxFileSize)
      files.unexplored = found.unexplored
      files.unreadFiles = found.unreadFiles.filter { !found.deployExcluded($0) }
      var workspace = Workspace(
        root: found.root, focus: lintRoot.focus, files: files,
        config: configuration.config, diagnostics: found.diagnostics)
      workspace.configuration = configuration
      workspace.focusIsFile = lintRoot.isFile
      workspace.temporaries = found.temporaries
      if choice == .discover {
        workspace.folderConfigurations = try folderConfigurations(
          workspace, start: start, main: configuration, name: name)
      }
      return workspace
    } catch let error as UsageError {
      throw error
    } catch let error as DiscoveryError {
      throw UsageError(error.description)
    } catch {
      throw UsageError("\(path): \(error)")
    }
  }

  /// Application folders below `start` whose nearest configuration is not `main`'s.
  package static func folderConfigurations(
    _ workspace: Workspace, start: String, main: ConfigResolution, name: (String) -> String
  ) throws(UsageError) -> [String: ConfigResolution] {
    var result: [String: ConfigResolution] = [:]
    for appRoot in BeanstalkConfiguration.appRoots(in: workspace.files) where !appRoot.isEmpty {
      let folder = RelativePath.join(workspace.root, appRoot)
      guard folder != start, RelativePath.isInside(folder, start) else { continue }
      let own = try ConfigSearch.nearest(from: folder, upTo: start, name: name)
      if let file = own.config.file, file != main.config.file { result[appRoot] = own }
    }
    return result
  }

  /// Options from the configuration, with command-line values layered on top: `select`
  /// replaces the configuration's, `ignore` and `env` add to it.
  public func options(env: [String: String], select: [String], ignore: [String]) -> LintOptions {
    var options = Self.options(config, env: env, select: select, ignore: ignore)
    for (folder, resolution) in folderConfigurations {
      options.byFolder[folder] = Self.options(
        resolution.config, env: env, select: select, ignore: ignore)
    }
    return options
  }

  package static func options(
    _ config: EBCheckConfig, env: [String: String], select: [String], ignore: [String]
  ) -> LintOptions {
    var options = LintOptions(
      env: config.env.merging(env) { $1 },
      select: select.isEmpty ? config.select : select,
      ignore: config.ignore + ignore)
    options.environments = config.environments
    options.assumedHealthCheckPath = config.healthCheckPath
    return options
  }

  /// Lints the workspace; what is reported is limited to the focus path and what `exclude`
  /// leaves (the model always holds every file).
  public func lint(_ options: LintOptions) -> LintResult {
    reported(Linter.lint(files, options: options), options: options)
  }

  /// What of a lint result of these files is shown: discovery problems added, then limited
  /// to the focus and what `exclude` leaves.
  public func reported(_ linted: LintResult, options: LintOptions) -> LintResult {
    var result = linted
    // Discovery's problems are findings of registered rules: select and ignore apply.
    let discovered = diagnostics.filter { options.isEnabled($0.rule) }
    result.diagnostics = (discovered + result.diagnostics).filter(isReported)
      .sorted(by: Diagnostic.reportOrder)
    result.predictions = result.predictions.filter(isReported)
    return result
  }

  /// Whether a finding is shown: not in an excluded file, and in the focus, or decided by it
  /// (a health-check finding whose trace passes through the focus counts for it).
  public func isReported(_ diagnostic: Diagnostic) -> Bool {
    guard !isExcluded(diagnostic.location.file) else { return false }
    if isInFocus(diagnostic.location.file) { return true }
    return diagnostic.trace?.hops.contains { $0.location.map { isInFocus($0.file) } ?? false }
      ?? false
  }

  /// Whether a health check is shown: its application folder holds the focus or lies in it,
  /// and is not excluded.
  public func isReported(_ prediction: HealthCheckPrediction) -> Bool {
    let appRoot = prediction.appRoot
    if !appRoot.isEmpty, isExcluded(String(appRoot.dropLast()), isDirectory: true) {
      return false
    }
    if focus.isEmpty || appRoot.isEmpty { return true }
    return focus.hasPrefix(appRoot) || appRoot.hasPrefix(focus + "/")
  }

  public func isInFocus(_ path: String) -> Bool {
    focus.isEmpty || path == focus || path.hasPrefix(focus + "/")
  }

  /// Whether the configuration governing `path` (its application folder's, else the
  /// workspace's) excludes it from reports.
  public func isExcluded(_ path: String, isDirectory: Bool = false) -> Bool {
    governingConfig(of: path).excludes(path, lintRoot: root, isDirectory: isDirectory)
  }

  package func governingConfig(of path: String) -> EBCheckConfig {
    var best: (String, EBCheckConfig)?
    for (folder, resolution) in folderConfigurations where path.hasPrefix(folder) {
      if best == nil || folder.count > best!.0.count { best = (folder, resolution.config) }
    }
    return best?.1 ?? config
  }

  /// Reads a whole file, or nil when it cannot be opened.
  public static func readFile(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 65536) }
      if count < 0 { return nil }
      if count == 0 { break }
      bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
  }

  package static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let parent = String(path[..<slash])
    return parent.isEmpty ? "/" : parent
  }
}
