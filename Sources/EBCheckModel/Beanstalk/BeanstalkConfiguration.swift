import EBCheckCore
import EBCheckFormats

/// Every option setting of one Beanstalk application folder, in the order Beanstalk applies them:
/// `.ebextensions/*.config` in alphabetical order, then saved configurations (which take
/// precedence over configuration files). Settings applied through the console/API are invisible.
public struct BeanstalkConfiguration: Sendable {
  /// The application folder relative to the lint root (`""` for the root, else ending in `/`).
  public var appRoot: String
  public var settings: [OptionSetting] = []
  /// Y001 findings: files that do not parse, limits hit, malformed `option_settings`.
  public var diagnostics: [Diagnostic] = []
  /// The parsed configuration files (ebextensions, then saved configurations).
  public var files: [YAMLFile] = []
  public var cli: EBCLIConfig?
  /// Whether the folder has any Beanstalk marker (`.ebextensions/`, `.elasticbeanstalk/`,
  /// `.platform/`, `.ebignore`, `Dockerrun.aws.json`).
  public var isBeanstalkProject: Bool
  /// `environment`, computed once when the configuration is loaded.
  package var cachedEnvironment: BeanstalkEnvironment?
  /// The infrastructure tool that creates the environment through the Elastic Beanstalk API
  /// (nil: the console or the EB CLI). It decides the defaults the API applies.
  public var createdThrough: InfrastructureTool?
  /// The platform the infrastructure code creates the environment with (its solution stack
  /// name or platform ARN): it decides the platform over `default_platform`.
  public var infrastructurePlatform: Sourced<String>?

  public init(
    settings: [OptionSetting] = [], diagnostics: [Diagnostic] = [], appRoot: String = "",
    files: [YAMLFile] = [], cli: EBCLIConfig? = nil, isBeanstalkProject: Bool = false
  ) {
    self.settings = settings
    self.diagnostics = diagnostics
    self.appRoot = appRoot
    self.files = files
    self.cli = cli
    self.isBeanstalkProject = isBeanstalkProject || !settings.isEmpty
  }

  /// The configuration of the shallowest application folder (the lint root when it is one);
  /// the linter gives each application folder of a monorepo its own files.
  public static func load(from files: SourceFiles, limits: YAMLLimits = YAMLLimits())
    -> BeanstalkConfiguration
  {
    guard let root = appRoots(in: files).first else { return BeanstalkConfiguration(appRoot: "") }
    return load(from: files, appRoot: root, limits: limits)
  }

  /// Files at the root of a Beanstalk marker that are themselves markers.
  package static let markerFiles: Set<Substring> = [".ebignore", "Dockerrun.aws.json"]

  /// Whether the folder `root` holds something to deploy (Python code, a Procfile,
  /// requirements or a container definition) outside its Beanstalk folders: a stray
  /// `.ebextensions` in an infrastructure module or a docs folder is configuration to lint,
  /// not an application whose health check can be simulated.
  package static func holdsApplication(_ root: String, _ files: SourceFiles) -> Bool {
    files.paths.contains { path in
      guard path.hasPrefix(root) else { return false }
      let inner = path.dropFirst(root.count)
      if inner.hasPrefix(".ebextensions/") || inner.hasPrefix(".elasticbeanstalk/")
        || inner.hasPrefix(".platform/")
      {
        return false
      }
      let name = inner.split(separator: "/").last ?? inner[...]
      return name.hasSuffix(".py") || markerFiles.contains(name)
        || ["Procfile", "Dockerfile", "docker-compose.yml", "requirements.txt", "Pipfile"]
          .contains(name)
    }
  }

  /// Folders holding a Beanstalk marker, shallowest first, then by name.
  public static func appRoots(in files: SourceFiles) -> [String] {
    var roots = Set<String>()
    for path in files.paths {
      if let root = appRoot(holding: path) { roots.insert(root) }
    }
    // A marked Python package inside another application folder is part of that bundle
    // (`connect/.ebextensions` beside `connect/__init__.py` under a marked root): Beanstalk
    // reads configuration only at the bundle's root, so it is no application of its own.
    let nestedPackages = roots.filter { root in
      !root.isEmpty && files[root + "__init__.py"] != nil
        && roots.contains { other in other != root && root.hasPrefix(other) }
    }
    // Shallowest first, then by name; each root's depth is counted once.
    return roots.subtracting(nestedPackages).map { ($0.split(separator: "/").count, $0) }
      .sorted { $0 < $1 }.map(\.1)
  }

  /// The folder (`""` or ending in `/`) whose Beanstalk marker `path` is or lies in: the
  /// first component, from the left, that is a marker folder (not the last component) or a
  /// marker file (the last). Walks the path's bytes once: whole repositories go through here.
  package static func appRoot(holding path: String) -> String? {
    let utf8 = path.utf8
    var start = utf8.startIndex
    while true {
      let slash = utf8[start...].firstIndex(of: UInt8(ascii: "/"))
      let component = path[start..<(slash ?? utf8.endIndex)]
      if let slash {
        if component == ".ebextensions" || component == ".elasticbeanstalk"
          || component == ".platform"
        {
          return String(path[..<start])
        }
        start = utf8.index(after: slash)
      } else {
        return markerFiles.contains(component) ? String(path[..<start]) : nil
      }
    }
  }

  public static func load(
    from files: SourceFiles, appRoot: String, limits: YAMLLimits = YAMLLimits()
  )
    -> BeanstalkConfiguration
  {
    var configuration = BeanstalkConfiguration(appRoot: appRoot, isBeanstalkProject: true)
    let local = { (path: String) -> String? in
      guard path.hasPrefix(appRoot) else { return nil }
      return String(path.dropFirst(appRoot.count))
    }
    var extensions: [SourceFile] = []
    var saved: [SourceFile] = []
    var cliFile: SourceFile?
    for file in files.all {
      guard let relative = local(file.path) else { continue }
      let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
      if parts.count == 2, parts[0] == ".ebextensions", parts[1].hasSuffix(".config") {
        extensions.append(file)
      } else if parts.count == 3, parts[0] == ".elasticbeanstalk", parts[1] == "saved_configs",
        parts[2].hasSuffix(".cfg.yml")
      {
        saved.append(file)
      } else if parts.count == 2, parts[0] == ".elasticbeanstalk", parts[1] == "config.yml" {
        cliFile = file
      }
    }
    // Beanstalk applies configuration files in alphabetical order of their names.
    extensions.sort { Array($0.path.utf8).lexicographicallyPrecedes($1.path.utf8) }
    saved.sort { Array($0.path.utf8).lexicographicallyPrecedes($1.path.utf8) }
    for file in extensions {
      let yaml = YAMLLoader.load(file, limits: limits)
      configuration.files.append(yaml)
      configuration.diagnostics += yaml.diagnostics
      if yaml.documents.count > 1 {
        configuration.diagnostics.append(
          OptionSettingsReader.warning(
            "\(file.path) holds \(yaml.documents.count) YAML documents; Beanstalk reads a configuration file as one document",
            yaml.documents[1].span, file))
      }
      let read = OptionSettingsReader.ebextension(yaml, file: file)
      configuration.settings += read.settings
      configuration.diagnostics += read.diagnostics
    }
    for file in saved {
      let yaml = YAMLLoader.load(file, limits: limits)
      configuration.files.append(yaml)
      configuration.diagnostics += yaml.diagnostics
      let read = OptionSettingsReader.savedConfig(yaml, file: file)
      configuration.settings += read.settings
      configuration.diagnostics += read.diagnostics
    }
    if let cliFile {
      let yaml = YAMLLoader.load(cliFile, limits: limits)
      configuration.diagnostics += yaml.diagnostics
      configuration.cli = EBCLIConfig.read(yaml)
    }
    configuration.cachedEnvironment = configuration.computeEnvironment()
    return configuration
  }

  /// This configuration with settings applied through another channel (a configuration
  /// template, settings applied to the environment directly), ordered by Beanstalk's
  /// precedence: the stable order keeps each channel's written order.
  public func applying(
    _ more: [OptionSetting], createdThrough tool: InfrastructureTool? = nil,
    platform: Sourced<String>? = nil
  ) -> BeanstalkConfiguration {
    var copy = self
    if let tool { copy.createdThrough = tool }
    if let platform { copy.infrastructurePlatform = platform }
    let all = (settings + more).enumerated().sorted { lhs, rhs in
      let (l, r) = (lhs.element.source.precedence, rhs.element.source.precedence)
      return l != r ? l < r : lhs.offset < rhs.offset
    }
    copy.settings = all.map(\.element)
    copy.isBeanstalkProject = true
    copy.cachedEnvironment = copy.computeEnvironment()
    return copy
  }

  /// The setting that wins: the last one applied.
  public func effective(_ namespace: String, _ option: String) -> OptionSetting? {
    settings.last { $0.namespace == namespace && $0.option == option }
  }

  /// Every place an option is set, in the order Beanstalk applies them (the last one wins).
  public func all(_ namespace: String, _ option: String) -> [OptionSetting] {
    settings.filter { $0.namespace == namespace && $0.option == option }
  }

  /// Namespaces written in the configuration, in first-seen order.
  public var namespaces: [String] {
    var seen = Set<String>()
    return settings.compactMap { seen.insert($0.namespace).inserted ? $0.namespace : nil }
  }
}
