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

  public static func read(_ file: SourceFile) -> DockerfileCopies {
    var result = DockerfileCopies(baseImage: nil, copies: [])
    var workdir = "/"
    var values: [String: String] = [:]
    for instruction in DockerfileInstruction.all(in: file) {
      switch instruction.keyword {
      case "FROM":
        let words = instruction.argument.split(separator: " ").filter { !$0.hasPrefix("--") }
        result = DockerfileCopies(baseImage: words.first.map(String.init), copies: [])
        workdir = "/"
        values = [:]
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

  /// The repository files the image holds under the absolute folder `prefix`, each with its
  /// path in the image: `context` is the build context's repository folder (`""` the root).
  public func files(under prefix: String, context: String, in files: SourceFiles)
    -> [(path: String, file: SourceFile, copy: Copy)]
  {
    var found: [(String, SourceFile, Copy)] = []
    for copy in copies {
      for source in copy.sources {
        guard let repository = DockerImageBuild.inRepository(context, source) else { continue }
        let intoFolder = copy.destination.hasSuffix("/") || copy.sources.count > 1
        if let file = files[repository] {
          let name = repository.split(separator: "/").last.map(String.init) ?? repository
          let target = intoFolder ? copy.destination + name : copy.destination
          found.append((RelativePath.normalize(target), file, copy))
          continue
        }
        // A folder: its files keep their paths below the destination.
        let folder = repository.isEmpty ? "" : repository + "/"
        let base = copy.destination.hasSuffix("/") ? copy.destination : copy.destination + "/"
        for file in files.all where file.path.hasPrefix(folder) {
          found.append(
            (RelativePath.normalize(base + file.path.dropFirst(folder.count)), file, copy))
        }
      }
    }
    let root = prefix.hasSuffix("/") ? prefix : prefix + "/"
    return found.filter { $0.0.hasPrefix(root) }
  }
}
