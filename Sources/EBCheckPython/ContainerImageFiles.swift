import EBCheckCore

/// The file system of a container image as its Dockerfile builds it from the repository:
/// every file a `COPY`/`ADD` brings in, at its path in the image. Inside a folder the copies
/// fill, a path no copy brought does not exist (opening it raises `FileNotFoundError`) unless
/// a later `RUN` names it; elsewhere the files are the base image's, which the repository
/// does not hold.
package struct ContainerImageFiles: Sendable, Hashable {
  /// A repository path (or a folder of them) the bundle holds without its text being in the
  /// repository: a git-ignored path a deploy script stages (`git add -f .secrets`), or one an
  /// `.ebignore` line puts back from the working folder (`!.config_secret`).
  package struct Unseen: Sendable, Hashable {
    package var path: String
    package var reason: String

    package init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  /// A build step that may create files: its command and `file:line`.
  package struct Step: Sendable, Hashable {
    package var command: String
    package var place: String

    package init(command: String, place: String) {
      self.command = command
      self.place = place
    }
  }

  /// Image path → repository path.
  package private(set) var files: [String: String] = [:]
  /// Repository path → image path (the last copy of it).
  package private(set) var placed: [String: String] = [:]
  /// Every image folder holding a copied file, and each copy's destination.
  package private(set) var folders: Set<String> = ["/"]
  /// A copy of a repository folder into an image folder.
  package struct Fill: Sendable, Hashable {
    package var folder: String
    package var place: String
  }

  /// Image folder → the repository folder a copy filled it from, with the copy's place (the
  /// image's root is never taken as filled: the base image's files are there).
  package private(set) var filled: [String: Fill] = [:]
  /// Where the layout comes from (`the image built from Dockerfile`).
  package var origin: String
  package var steps: [Step] = []
  /// Repository paths inside copied folders that the build context leaves out, with the
  /// file that says so (`.dockerignore`).
  package var leftOut: [String: String] = [:]
  package var unseen: [Unseen] = []

  package init(origin: String) {
    self.origin = origin
  }

  /// Records one copied file.
  package mutating func add(imagePath: String, repositoryPath: String) {
    let path = DeployedFiles.normalized(imagePath)
    files[path] = repositoryPath
    placed[repositoryPath] = path
    var folder = Substring(path)
    while let slash = folder.lastIndex(of: "/"), slash != folder.startIndex {
      folder = folder[..<slash]
      guard folders.insert(String(folder)).inserted else { break }
    }
  }

  /// Records a copy of the repository folder `repositoryFolder` (`""` the context root) into
  /// the image folder `imageFolder`.
  package mutating func fill(_ imageFolder: String, from repositoryFolder: String, at place: String)
  {
    let path = DeployedFiles.normalized(imageFolder)
    if path != "/" { filled[path] = Fill(folder: repositoryFolder, place: place) }
    add(folder: path)
  }

  private mutating func add(folder path: String) {
    var folder = Substring(path)
    folders.insert(path)
    while let slash = folder.lastIndex(of: "/"), slash != folder.startIndex {
      folder = folder[..<slash]
      guard folders.insert(String(folder)).inserted else { break }
    }
  }

  package enum Lookup: Equatable {
    case file(repositoryPath: String)
    case folder
    /// Absent from the image, and why.
    case missing(String)
    /// Not the repository's to answer, and why.
    case unknown(String)
  }

  /// What the image holds at the absolute path `path`.
  package func lookup(_ path: String) -> Lookup {
    let path = DeployedFiles.normalized(path)
    if let repository = files[path] { return .file(repositoryPath: repository) }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if let step = steps.last(where: { $0.command.contains(name) }) {
      return .unknown("`\(Self.shown(step.command))` (\(step.place)) runs when the image is built")
    }
    // Below a filled folder, by the repository path a copy of it would have brought.
    let holders = filled.keys.filter { path.hasPrefix($0 + "/") }
    if let holder = holders.max(by: { $0.count < $1.count }), let fill = filled[holder] {
      let below = String(path.dropFirst(holder.count + 1))
      let repository = fill.folder.isEmpty ? below : fill.folder + "/" + below
      if let staged = unseen.first(where: {
        repository == $0.path || repository.hasPrefix($0.path + "/")
      }) {
        return .unknown(
          "\(repository) is in the bundle (\(staged.reason)) and copied to \(path) by \(fill.place), but its text is not in the repository"
        )
      }
      if folders.contains(path) { return .folder }
      if let ignore = leftOut[repository] {
        return .missing(
          "\(ignore) leaves \(repository) out of the build context, so \(fill.place) does not copy it to \(path)"
        )
      }
      return .missing(
        "\(repository) is not in the bundle, so \(fill.place) does not copy it to \(path)")
    }
    if folders.contains(path) { return .folder }
    return .unknown("\(path) is the base image's, not a file of the repository (\(origin))")
  }

  static func shown(_ command: String) -> String {
    command.count > 60 ? String(command.prefix(57)) + "..." : command
  }
}
