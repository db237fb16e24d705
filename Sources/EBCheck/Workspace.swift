#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import EBCheckCore

/// A lint root with its discovered files and configuration.
public struct Workspace: Sendable {
  /// Absolute, symlink-free path of the lint root.
  public var root: String
  /// The path given, relative to the root ("" for the root itself): findings are limited to it.
  public var focus: String
  public var files: SourceFiles
  public var config: EBCheckConfig
  /// Problems met while discovering (unreadable or oversized files, ...).
  public var diagnostics: [Diagnostic]

  public init(
    root: String, focus: String = "", files: SourceFiles, config: EBCheckConfig = EBCheckConfig(),
    diagnostics: [Diagnostic] = []
  ) {
    self.root = root
    self.focus = focus
    self.files = files
    self.config = config
    self.diagnostics = diagnostics
  }

  /// Loads the repository at `path` (a repo root, a subfolder or a single file).
  public static func load(path: String) throws(UsageError) -> Workspace {
    do {
      let lintRoot = try Discovery.lintRoot(for: path)
      var configFile: SourceFile?
      for name in EBCheckConfig.fileNames where configFile == nil {
        configFile = try readConfigFile(root: lintRoot.root, name: name)
          .map { SourceFile(path: name, bytes: $0) }
      }
      let config = try EBCheckConfig.load(from: configFile)
      var limits = DiscoveryLimits()
      if let size = config.maxFileSize { limits.maxFileSize = size }
      let found = try Discovery.discover(
        root: lintRoot.root, limits: limits, exclude: config.exclude)
      // With an `.ebignore`, what it excludes is never deployed: Beanstalk never sees it.
      var files = found.files
      if found.ebignore != nil {
        files = SourceFiles(
          files.all.filter { $0.kind == .ebignore || !found.deployExcluded($0.path) })
      }
      return Workspace(
        root: found.root, focus: lintRoot.focus, files: files, config: config,
        diagnostics: found.diagnostics)
    } catch let error as UsageError {
      throw error
    } catch let error as DiscoveryError {
      throw UsageError(error.description)
    } catch {
      throw UsageError("\(path): \(error)")
    }
  }

  /// Options from the config, with command-line values layered on top.
  public func options(env: [String: String], select: [String], ignore: [String]) -> LintOptions {
    var options = LintOptions(
      env: config.env.merging(env) { $1 },
      select: select.isEmpty ? config.select : select,
      ignore: config.ignore + ignore)
    options.environments = config.environments
    options.assumedHealthCheckPath = config.healthCheckPath
    return options
  }

  /// Lints the workspace; findings are limited to the focus path.
  public func lint(_ options: LintOptions) -> LintResult {
    var result = Linter.lint(files, options: options)
    let discovered = diagnostics.filter { options.isEnabled($0.rule) }
    result.diagnostics = (discovered + result.diagnostics).filter { isInFocus($0.location.file) }
      .sorted(by: Diagnostic.reportOrder)
    return result
  }

  public func isInFocus(_ path: String) -> Bool {
    focus.isEmpty || path == focus || path.hasPrefix(focus + "/")
  }

  /// Reads the root's config file, nil when there is none. Like discovery, it reads only a
  /// regular file that stays inside the root, up to the default size limit: a FIFO, a device
  /// or a link out of the root is an error naming the file, never a hang or an endless read.
  package static func readConfigFile(root: String, name: String) throws(UsageError) -> [UInt8]? {
    let path = Discovery.join(root, name)
    guard Discovery.exists(path), let real = Discovery.realPath(path) else { return nil }
    guard root == "/" || real.hasPrefix(root + "/") else {
      throw UsageError("\(name): links to \(real), outside the lint root; not read")
    }
    let limit = DiscoveryLimits().maxFileSize
    switch Discovery.readFile(real, limit: limit) {
    case .bytes(let bytes): return bytes
    case .tooLarge(let size):
      throw UsageError("\(name) is \(size) bytes, over the \(limit)-byte limit; not read")
    case .failed(let reason): throw UsageError("\(name): cannot read (\(reason))")
    }
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
