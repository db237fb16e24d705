import EBCheckCore

/// What a Dockerfile's last stage puts into the image from its build context: each
/// `COPY`/`ADD` source (context-relative) and where it lands, and the stage's base image.
public struct DockerfileCopies: Sendable, Hashable {
  public struct Copy: Sendable, Hashable {
    /// The sources as written, relative to the build context.
    public var sources: [String]
    /// The destination, absolute (a relative one is taken from WORKDIR).
    public var destination: String
    public var location: Location
  }

  /// The last stage's `FROM` image, nil when the file has none.
  public var baseImage: String?
  public var copies: [Copy]

  /// A `RUN` instruction of the stage, after its first copy: it runs in the image at build
  /// time and may create or remove files there.
  public struct Run: Sendable, Hashable {
    public var command: String
    public var location: Location
  }

  public var runs: [Run] = []

  public static func read(_ file: SourceFile) -> DockerfileCopies {
    var result = DockerfileCopies(baseImage: nil, copies: [])
    var workdir = "/"
    var values: [String: String] = [:]
    // `FROM NAME AS stage`: a later `FROM stage` starts from what that stage holds.
    var stages: [String: (DockerfileCopies, String)] = [:]
    var stage: String?
    for instruction in DockerfileInstruction.all(in: file) {
      switch instruction.keyword {
      case "FROM":
        if let stage { stages[stage] = (result, workdir) }
        let words = instruction.argument.split(separator: " ").filter { !$0.hasPrefix("--") }
        let base = words.first.map(String.init)
        if let base, let (copies, directory) = stages[base.lowercased()] {
          result = copies
          workdir = directory
        } else {
          result = DockerfileCopies(baseImage: base, copies: [])
          workdir = "/"
        }
        values = [:]
        stage =
          words.count >= 3 && words[words.count - 2].lowercased() == "as"
          ? words[words.count - 1].lowercased() : nil
        continue
      case "RUN" where !result.copies.isEmpty:
        result.runs.append(
          Run(
            command: instruction.argument.trimmingWhitespace(),
            location: Location(file: file.path, span: instruction.argumentSpan)))
      case "ARG", "ENV":
        for (name, value) in instruction.assignments() where values[name] == nil {
          values[name] = DockerfileImage.substitute(value, values)
        }
      case "WORKDIR":
        let path = DockerfileImage.substitute(instruction.argument.trimmingWhitespace(), values)
        workdir = RelativePath.normalize(path.hasPrefix("/") ? path : workdir + "/" + path)
      case "COPY", "ADD":
        let words = instruction.argument.split(separator: " ").map(String.init)
        // A copy from another stage or image brings nothing of the repository.
        guard !words.contains(where: { $0.hasPrefix("--from") }) else { continue }
        let paths = words.filter { !$0.hasPrefix("--") }
          .map { DockerfileImage.substitute($0, values) }
        guard paths.count >= 2, let last = paths.last, !paths.contains(where: { $0.hasPrefix("[") })
        else { continue }
        let destination =
          last.hasPrefix("/") ? last : (workdir == "/" ? "/" : workdir + "/") + last
        result.copies.append(
          Copy(
            sources: Array(paths.dropLast()),
            destination: destination.hasSuffix("/") || last == "."
              ? RelativePath.normalize(destination) + "/" : RelativePath.normalize(destination),
            location: Location(file: file.path, span: instruction.argumentSpan)))
      default: continue
      }
    }
    return result
  }

  /// Where each repository path that a copy names lands in the image: `paths` are the
  /// repository's files (read or not), `context` the build context's repository folder
  /// (`""` the root); what its `.dockerignore` leaves out is never copied. Later copies
  /// come later.
  public func placements(context: String, paths: [String], ignore: DockerIgnore = .none)
    -> [(imagePath: String, repositoryPath: String, copy: Copy)]
  {
    let known = Set(paths)
    var found: [(String, String, Copy)] = []
    func inContext(_ path: String) -> String {
      context.isEmpty ? path : String(path.dropFirst(context.count + 1))
    }
    for copy in copies {
      for source in copy.sources {
        guard let repository = DockerImageBuild.inRepository(context, source) else { continue }
        let intoFolder = copy.destination.hasSuffix("/") || copy.sources.count > 1
        if known.contains(repository) {
          guard !ignore.excludes(inContext(repository)) else { continue }
          let name = repository.split(separator: "/").last.map(String.init) ?? repository
          let target = intoFolder ? copy.destination + name : copy.destination
          found.append((RelativePath.normalize(target), repository, copy))
          continue
        }
        // A folder: its files keep their paths below the destination.
        let folder = repository.isEmpty ? "" : repository + "/"
        let base = copy.destination.hasSuffix("/") ? copy.destination : copy.destination + "/"
        for path in paths where path.hasPrefix(folder) && !ignore.excludes(inContext(path)) {
          found.append((RelativePath.normalize(base + path.dropFirst(folder.count)), path, copy))
        }
      }
    }
    return found
  }

  /// The repository files the image holds under the absolute folder `prefix`, each with its
  /// path in the image: `context` is the build context's repository folder (`""` the root).
  public func files(under prefix: String, context: String, in files: SourceFiles)
    -> [(path: String, file: SourceFile, copy: Copy)]
  {
    let root = prefix.hasSuffix("/") ? prefix : prefix + "/"
    let ignore = DockerIgnore.of(context: context, in: files)
    return placements(context: context, paths: files.paths, ignore: ignore).compactMap { placed in
      guard placed.imagePath.hasPrefix(root), let file = files[placed.repositoryPath] else {
        return nil
      }
      return (placed.imagePath, file, placed.copy)
    }
  }
}
