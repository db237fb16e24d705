import EBCheckCore

/// Where the platform puts the application folder on the instance, and what code running
/// there finds on disk: `__file__`, `os.getcwd()` and file tests under that folder answer
/// from the bundle; paths elsewhere on the instance are not the repository's to answer.
package struct DeployedFiles: Sendable, Hashable {
  /// The absolute path of the application folder (`/var/app/current` on Amazon Linux 2 and
  /// 2023, `/opt/python/current/app` on the Amazon Linux AMI).
  package var appRoot: String
  /// The app server's working directory (`Path.cwd()`), nil when not known.
  package var workingDirectory: String?
  /// Why a file absent from the bundle may still exist when the app starts (a deploy-time
  /// command that runs in the application folder); nil when nothing runs there.
  package var createdAtDeploy: String?
  /// Whether `appRoot` is a link to a folder whose name ebcheck does not know (the AMI's
  /// `/opt/python/current` → `/opt/python/bundle/N`): resolved paths have no known text.
  package var appRootIsLink = false
  /// The working directory's repository path ("" for the application folder), when it is
  /// inside the folder: known on the AMI although its absolute text is not.
  package var workingFolderInApp: String?
  /// `sys.argv` of the process that imports the application (the app server's command
  /// line, or mod_wsgi's own); nil when not known.
  package var arguments: ProcessArguments?
  /// A container image's file system, where the files are where its Dockerfile copies them
  /// (nil on the platforms that unpack the bundle into `appRoot`).
  package var image: ContainerImageFiles?

  package init(appRoot: String, workingDirectory: String?, createdAtDeploy: String? = nil) {
    self.appRoot = appRoot
    self.workingDirectory = workingDirectory
    self.createdAtDeploy = createdAtDeploy
    self.workingFolderInApp = workingDirectory.flatMap { bundlePath($0) }
  }

  /// Amazon Linux 2 and 2023: the bundle is unpacked to `/var/app/current`; the web process
  /// starts there (or in its `--chdir` folder).
  package static func amazonLinux(chdir: String? = nil) -> DeployedFiles {
    let root = "/var/app/current"
    return DeployedFiles(
      appRoot: root,
      workingDirectory: chdir.map { normalized($0.hasPrefix("/") ? $0 : root + "/" + $0) } ?? root)
  }

  /// The Amazon Linux AMI: `/opt/python/current/app`, mod_wsgi's daemon started with
  /// `home=` that folder; `/opt/python/current` links to the numbered bundle folder.
  package static func amazonLinuxAMI() -> DeployedFiles {
    var files = DeployedFiles(appRoot: "/opt/python/current/app", workingDirectory: nil)
    files.appRootIsLink = true
    files.workingFolderInApp = ""
    return files
  }

  /// A container: the files are the image's, the app server starts in `workingDirectory`
  /// (absolute in the image); `appRoot` names where the build context's root is copied.
  package static func container(
    _ image: ContainerImageFiles, appRoot: String, workingDirectory: String?
  ) -> DeployedFiles {
    var files = DeployedFiles(appRoot: appRoot, workingDirectory: nil)
    files.workingDirectory = workingDirectory.map(normalized)
    files.image = image
    return files
  }

  /// `os.path.normpath` of an absolute path: `.` and empty parts dropped, `..` taking the
  /// part before it (at the root it stays the root).
  package static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }

  /// The absolute form of `path` (relative paths start at the working directory); nil when
  /// the working directory is not known.
  package func absolute(_ path: String) -> String? {
    if path.hasPrefix("/") { return Self.normalized(path) }
    guard let workingDirectory else { return nil }
    return Self.normalized(workingDirectory + "/" + path)
  }

  /// The repository path of an absolute path inside the application folder ("" for the
  /// folder itself); nil outside it.
  package func bundlePath(_ absolute: String) -> String? {
    let path = Self.normalized(absolute)
    if let image {
      guard case .file(let repository) = image.lookup(path) else { return nil }
      return repository
    }
    if path == appRoot { return "" }
    guard path.hasPrefix(appRoot + "/") else { return nil }
    return String(path.dropFirst(appRoot.count + 1))
  }

  /// The deployed path of a repository file (`__file__` of a module).
  package func deployedPath(ofRepositoryPath path: String) -> String? {
    guard !path.hasPrefix("../"), !path.hasPrefix("/") else { return nil }
    if let image { return image.placed[path] }
    return appRoot + "/" + path
  }

  package enum Entry { case file, folder, missing }

  /// Every folder holding a bundled file (computed once per evaluator: file tests in a loop
  /// must not scan the bundle each time).
  package static func folders(of files: SourceFiles) -> Set<String> {
    var folders: Set<String> = []
    for path in files.paths + files.unreadFiles {
      var folder = Substring(path)
      while let slash = folder.lastIndex(of: "/") {
        folder = folder[..<slash]
        guard folders.insert(String(folder)).inserted else { break }
      }
    }
    return folders
  }

  /// What the bundle holds at the repository path `path`.
  package static func entry(_ path: String, in evaluator: SettingsEvaluator) -> Entry {
    if path.isEmpty { return .folder }
    let files = evaluator.files
    if files[path] != nil || files.unreadFiles.contains(path) { return .file }
    return evaluator.bundleFolders.contains(path) ? .folder : .missing
  }

  /// `os.path.exists` (`kinds` both), `isfile` (`.file`) or `isdir` (`.folder`) of `path`
  /// on the instance: answered from the bundle inside the application folder; unknown
  /// outside it, where the working directory is unknown, or where a deploy-time command may
  /// have created a file the bundle lacks.
  package func test(_ path: String, accepting kinds: Set<Entry>, in evaluator: SettingsEvaluator)
    -> PyValue
  {
    if let image {
      if let instanceFile = Self.instanceFileCondition(path) { return .unknown(instanceFile) }
      guard let absolute = absolute(path) else {
        return .unknown("the container's working directory")
      }
      switch image.lookup(absolute) {
      case .file: return .bool(kinds.contains(.file))
      case .folder: return .bool(kinds.contains(.folder))
      case .missing: return .bool(false)
      case .unknown(let reason): return .unknown(reason)
      }
    }
    guard let inBundle = repositoryPath(path) else {
      if let instanceFile = Self.instanceFileCondition(path) { return .unknown(instanceFile) }
      return .unknown("\(path) is outside the application folder (\(appRoot))")
    }
    return test(repositoryPath: inBundle, accepting: kinds, in: evaluator)
  }

  /// Files of the instance itself whose presence depends on what the instance is, stated as
  /// the condition rather than guessed (facts.md §5: the hypervisor UUID).
  package static func instanceFileCondition(_ path: String) -> String? {
    guard normalized(path).hasPrefix("/sys/hypervisor/") else { return nil }
    return
      "\(path) depends on the instance type: Xen-based instances can have it (its UUID starting with ec2), Nitro-based instances do not"

  }

  /// The repository path `path` names on the instance (relative paths from the working
  /// directory); nil outside the application folder or from an unknown working directory.
  package func repositoryPath(_ path: String) -> String? {
    if path.hasPrefix("/") { return bundlePath(path) }
    if image != nil { return absolute(path).flatMap(bundlePath) }
    guard let base = workingFolderInApp else { return nil }
    return Self.descend(base, path)
  }

  /// The repository path `relative` names from the repository folder `base`; nil when a
  /// `..` climbs above the application folder.
  package static func descend(_ base: String, _ relative: String) -> String? {
    var parts = base.split(separator: "/")
    for part in relative.split(separator: "/") where part != "." {
      if part == ".." {
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }

  /// The test at a repository path.
  package func test(
    repositoryPath: String, accepting kinds: Set<Entry>, in evaluator: SettingsEvaluator
  ) -> PyValue {
    let found = Self.entry(repositoryPath, in: evaluator)
    if found == .missing, let createdAtDeploy {
      return .unknown("\(repositoryPath) is not in the bundle, but \(createdAtDeploy)")
    }
    return .bool(kinds.contains(found))
  }
}
