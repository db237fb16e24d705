import EBCheckCore
import EBCheckFormats

/// What an environment whose bundle infrastructure code builds file by file really runs:
/// the bundle's files at its root (a `Dockerrun.aws.json` written by `jsonencode`), over the
/// application folder's code, which reaches the container through the image built from it.
/// The folder's own Beanstalk files (`.ebextensions`, `.platform`, a Dockerrun, a Procfile)
/// are not in that bundle, so they do not apply.
extension InfrastructureEnvironment {
  /// Paths of the folder that only a bundle's root gives meaning to.
  static func isBundleConfiguration(_ path: String) -> Bool {
    let first = path.split(separator: "/").first.map(String.init) ?? path
    return [".ebextensions", ".platform", ".elasticbeanstalk"].contains(first)
      || [
        "Dockerrun.aws.json", "Procfile", ".ebignore", "docker-compose.yml",
        "docker-compose.yaml", "compose.yml", "compose.yaml",
      ].contains(path)
  }

  /// The files the environment deploys, in the folder's coordinates; nil when the bundle is
  /// the folder itself (or not known).
  public func deployedFiles(over folder: SourceFiles) -> SourceFiles? {
    guard case .files(let list)? = definition.bundle?.content else { return nil }
    var result = SourceFiles(folder.all.filter { !Self.isBundleConfiguration($0.path) })
    result.occupied = folder.occupied
    result.unexplored = folder.unexplored
    result.unreadFiles = folder.unreadFiles.filter { !Self.isBundleConfiguration($0) }
    for file in list {
      if let bytes = file.bytes {
        result.insert(SourceFile(path: file.path, bytes: bytes))
      } else if let path = file.repositoryPath, let found = folder[path] {
        result.insert(found.relocated(to: file.path))
      }
    }
    return result
  }

  /// Where each file the code writes into the bundle is written (the expression), by its
  /// path in the bundle: findings about it belong there.
  public var writtenFiles: [String: Location] {
    guard case .files(let list)? = definition.bundle?.content else { return [:] }
    var found: [String: Location] = [:]
    for file in list where file.bytes != nil { found[file.path] = file.location }
    return found
  }

  /// What leaves the health check unknown about the bundle: a piece of it that cannot be
  /// followed, or an image no step of the repository builds.
  public var bundleUnknowns: [Unverifiable] {
    guard let bundle = definition.bundle else { return [] }
    if case .unknown(let reason) = bundle.content {
      return [
        Unverifiable(
          "the bundle \(definition.title) deploys is not known: \(reason)", at: bundle.location)
      ]
    }
    if let image, image.build == nil {
      return [
        Unverifiable(
          "the bundle's Dockerrun.aws.json runs the image \(image.name), which no docker build, compose build: or CI step of the repository builds: whether it runs this repository's code is not known",
          at: image.location)
      ]
    }
    return []
  }
}
