/// The two folders reported paths are relative to, as the tools reading them expect:
/// people, editors and GitHub annotations read paths from the current directory (as ruff
/// prints them); SARIF code scanning and `git apply` read them from the repository root.
public struct PathBases: Sendable, Hashable {
  /// Absolute current directory: text, JSON and `github` paths are relative to it.
  public var currentDirectory: String
  /// Absolute repository root (the git top-level, else the current directory): SARIF URIs
  /// and `fix --diff` paths are relative to it.
  public var repositoryRoot: String

  public init(currentDirectory: String, repositoryRoot: String) {
    self.currentDirectory = RelativePath.normalize(currentDirectory)
    self.repositoryRoot = RelativePath.normalize(repositoryRoot)
  }

  /// How an absolute path is shown: relative to the current directory.
  public func display(_ absolute: String) -> String {
    RelativePath.from(currentDirectory, to: absolute)
  }

  /// The absolute path of a path shown relative to the current directory.
  public func absolute(ofDisplayed path: String) -> String {
    RelativePath.join(currentDirectory, path)
  }

  /// A path shown relative to the current directory, relative to the repository root
  /// instead; nil when it lies outside the repository.
  public func repositoryRelative(ofDisplayed path: String) -> String? {
    let absolute = absolute(ofDisplayed: path)
    guard RelativePath.isInside(absolute, repositoryRoot) else { return nil }
    return RelativePath.from(repositoryRoot, to: absolute)
  }
}
