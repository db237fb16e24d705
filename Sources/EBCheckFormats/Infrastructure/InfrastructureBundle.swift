import EBCheckCore

/// The source bundle infrastructure code deploys to an environment, followed from the
/// environment's version label through the application version, the S3 object and the
/// archive it uploads, down to the folder zipped or the files written.
public struct InfrastructureBundle: Sendable, Hashable {
  public enum Content: Sendable, Hashable {
    /// A folder of the repository, zipped whole (root-relative, `""` for the root, no
    /// trailing `/`).
    case folder(String)
    /// The files the archive holds, each at its place in the bundle.
    case files([InfrastructureBundleFile])
    /// A piece that cannot be followed, and why; what the bundle holds is not known.
    case unknown(String)
  }

  public var content: Content
  /// Each step followed, with where it is written (for the trace).
  public var steps: [Sourced<String>]
  /// Where the unknown piece is written (or the last step followed).
  public var location: Location?

  public init(content: Content, steps: [Sourced<String>], location: Location?) {
    self.content = content
    self.steps = steps
    self.location = location
  }

  /// The steps as one sentence: `version_label → aws_elastic_beanstalk_application_version.v → …`.
  public var chainText: String { steps.map(\.value).joined(separator: " → ") }
}

/// One file of a bundle infrastructure code builds.
public struct InfrastructureBundleFile: Sendable, Hashable {
  /// Its path in the bundle.
  public var path: String
  /// Its contents when the code writes them (`local_file` content, `jsonencode`, a `source`
  /// block); nil when it is a repository file zipped as it is.
  public var bytes: [UInt8]?
  /// The repository file it is (root-relative), when it is one.
  public var repositoryPath: String?
  /// Where its contents are written (the expression), or the repository file's path.
  public var location: Location

  public init(path: String, bytes: [UInt8]?, repositoryPath: String?, location: Location) {
    self.path = path
    self.bytes = bytes
    self.repositoryPath = repositoryPath
    self.location = location
  }
}
