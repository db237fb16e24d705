import EBCheckCore
import EBCheckFormats

/// An environment defined in infrastructure code, with the configuration template it is
/// created from and the application folder it deploys.
public struct InfrastructureEnvironment: Sendable, Hashable {
  public var definition: InfrastructureDefinition
  public var template: InfrastructureDefinition?
  /// The application folder it deploys, root-relative (`""` or ending in `/`).
  public var appFolder: String
  /// Why that folder, for the trace.
  public var appFolderReason: String
  /// Where the code names the folder, when it does.
  public var appFolderLocation: Location?
  /// The image the bundle's `Dockerrun.aws.json` runs, when the code writes one.
  public var image: BundleImage?

  public init(
    definition: InfrastructureDefinition, template: InfrastructureDefinition? = nil,
    appFolder: String, appFolderReason: String, appFolderLocation: Location? = nil
  ) {
    self.definition = definition
    self.template = template
    self.appFolder = appFolder
    self.appFolderReason = appFolderReason
    self.appFolderLocation = appFolderLocation
  }

  /// Template settings first (a saved configuration), then the environment's own (applied
  /// directly, so they win).
  public var settings: [OptionSetting] { (template?.settings ?? []) + definition.settings }

  /// The environment's name for reports: its `name` when known, else the resource.
  public var name: String { definition.name ?? definition.resource }

  /// Every file it was read from (for carrying the files into an application folder's run).
  public var paths: Set<String> {
    var all: Set<String> = [definition.location.file]
    if let template { all.insert(template.location.file) }
    for setting in settings {
      all.insert(setting.location.file)
      all.insert(setting.keyLocation.file)
      if let namespace = setting.namespaceLocation { all.insert(namespace.file) }
    }
    if let appFolderLocation { all.insert(appFolderLocation.file) }
    for step in definition.bundle?.steps ?? [] {
      if let location = step.location { all.insert(location.file) }
    }
    if case .files(let files)? = definition.bundle?.content {
      for file in files {
        all.insert(file.location.file)
        if let path = file.repositoryPath { all.insert(path) }
      }
    }
    return all
  }

  /// The same environment with every path mapped (into or out of an application folder).
  public func mappingPaths(_ transform: (String) -> String) -> InfrastructureEnvironment {
    var copy = self
    copy.definition = definition.mappingPaths(transform)
    copy.template = template?.mappingPaths(transform)
    copy.appFolderLocation = appFolderLocation.map {
      Location(file: transform($0.file), span: $0.span)
    }
    if let image {
      copy.image?.location = Location(
        file: transform(image.location.file), span: image.location.span)
    }
    return copy
  }
}

/// The image a bundle's `Dockerrun.aws.json` v1 names, and where the repository builds it.
public struct BundleImage: Sendable, Hashable {
  public var name: String
  /// Where the Dockerrun's contents are written.
  public var location: Location
  /// The repository's one build of that name; nil when no step builds it (or several do).
  public var build: DockerImageBuild?
}

extension InfrastructureDefinition {
  public func mappingPaths(_ transform: (String) -> String) -> InfrastructureDefinition {
    var copy = self
    func move(_ location: Location) -> Location {
      Location(file: transform(location.file), span: location.span)
    }
    copy.location = move(location)
    copy.settings = settings.map { setting in
      var moved = setting
      moved.location = move(setting.location)
      moved.keyLocation = move(setting.keyLocation)
      moved.namespaceLocation = setting.namespaceLocation.map(move)
      if case .infrastructure(let tool, let kind, let path) = setting.source {
        moved.source = .infrastructure(tool, kind, transform(path))
      }
      return moved
    }
    if var bundle {
      bundle.steps = bundle.steps.map {
        Sourced($0.value, at: $0.location.map(move), origin: $0.origin)
      }
      bundle.location = bundle.location.map(move)
      if case .files(let files) = bundle.content {
        bundle.content = .files(
          files.map { file in
            var moved = file
            moved.location = move(file.location)
            moved.repositoryPath = file.repositoryPath.map(transform)
            return moved
          })
      }
      copy.bundle = bundle
    }
    copy.sourceHints = sourceHints.map { hint in
      Sourced(hint.value, at: hint.location.map(move), origin: hint.origin)
    }
    return copy
  }
}
