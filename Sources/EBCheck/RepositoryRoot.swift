import EBCheckCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finding the git top-level above a folder, and the path bases of a run.
public enum RepositoryRoot {
  /// The nearest folder at or above the absolute `folder` holding `.git` (a folder, or the
  /// file a worktree or submodule has); nil outside a git repository.
  public static func gitTopLevel(above folder: String) -> String? {
    var current = RelativePath.normalize(folder)
    while true {
      if Discovery.exists(Discovery.join(current, ".git")) { return current }
      if current == "/" { return nil }
      current = Discovery.parent(of: current)
    }
  }

  /// The process's current directory, symlinks resolved.
  public static func currentDirectory() throws(UsageError) -> String {
    guard let path = Discovery.realPath(".") else {
      throw UsageError("cannot resolve the current directory")
    }
    return path
  }

  /// The bases for a run started in `currentDirectory`: the repository root is its git
  /// top-level, else the current directory itself.
  public static func bases(currentDirectory: String) -> PathBases {
    PathBases(
      currentDirectory: currentDirectory,
      repositoryRoot: gitTopLevel(above: currentDirectory) ?? currentDirectory)
  }
}
