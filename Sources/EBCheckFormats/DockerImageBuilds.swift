import EBCheckCore

/// Where the repository builds a named image: a `docker build -t NAME [-f FILE] DIR` in a CI
/// file, Makefile or script (run from the repository root), or a compose service with both
/// `image:` and `build:`. Names with a variable are not read (they name no image by themselves).
public struct DockerImageBuild: Sendable, Hashable {
  /// The image name as built, normalized (`nginx` → `nginx:latest`).
  public var image: String
  /// The build context, repository-relative (`""` for the root).
  public var context: String
  /// The Dockerfile, repository-relative.
  public var dockerfile: String
  /// The command or compose entry that builds it.
  public var location: Location

  /// Every build the repository's files state.
  public static func all(in files: SourceFiles) -> [DockerImageBuild] {
    var builds: [DockerImageBuild] = []
    for file in files.all {
      switch file.kind {
      case .dockerCompose: builds += compose(file)
      case .deployScript, .ciConfig, .infrastructureTemplate: builds += commands(file)
      default: continue
      }
    }
    return builds
  }

  /// The builds of `image` (compared normalized), one per Dockerfile.
  public static func builds(of image: String, in files: SourceFiles) -> [DockerImageBuild] {
    let wanted = normalized(image)
    var seen: Set<String> = []
    return all(in: files).filter { $0.image == wanted && seen.insert($0.dockerfile).inserted }
  }

  /// `docker.io/library/nginx` and `nginx` are one image; no tag means `latest`.
  public static func normalized(_ image: String) -> String {
    var name = image.trimmingWhitespace()
    for prefix in ["docker.io/", "index.docker.io/"] where name.hasPrefix(prefix) {
      name = String(name.dropFirst(prefix.count))
    }
    if name.hasPrefix("library/") { name = String(name.dropFirst(8)) }
    let last = name.split(separator: "/").last ?? Substring(name)
    if !last.contains(":") && !last.contains("@") { name += ":latest" }
    return name
  }

  static let optionsWithValues: Set<String> = [
    "-t", "--tag", "-f", "--file", "--build-arg", "--target", "--platform", "--label",
    "--cache-from", "--cache-to", "--network", "--secret", "--ssh", "-o", "--output",
    "--progress", "--iidfile", "--add-host", "-m", "--memory", "--shm-size", "--ulimit",
    "--build-context", "--metadata-file", "--isolation", "--cpuset-cpus",
  ]

  /// The `docker build` commands of a script or CI file, a line at a time (a trailing `\`
  /// joins the next line).
  static func commands(_ file: SourceFile) -> [DockerImageBuild] {
    guard file.lineIndex.lineCount > 0 else { return [] }
    var builds: [DockerImageBuild] = []
    var line = 1
    while line <= file.lineIndex.lineCount {
      let first = file.lineIndex.lineContentRange(line: line)
      var text = file.text(Span(first.lowerBound, first.upperBound))
      while text.trimmingWhitespace().hasSuffix("\\"), line < file.lineIndex.lineCount {
        line += 1
        let next = file.lineIndex.lineContentRange(line: line)
        text =
          String(text.trimmingWhitespace().dropLast()) + " "
          + file.text(Span(next.lowerBound, next.upperBound))
      }
      line += 1
      let location = Location(file: file.path, span: Span(first.lowerBound, first.upperBound))
      for segment in segments(text) {
        if let build = read(segment, at: location, from: checkout(of: file.path)) {
          builds.append(build)
        }
      }
    }
    return builds
  }

  /// A line's commands: split at `&&`, `||`, `;` and `|`, words unquoted; a `#` word ends it.
  static func segments(_ text: String) -> [[String]] {
    var result: [[String]] = [[]]
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
      if word.hasPrefix("#") { break }
      if ["&&", "||", ";", "|"].contains(word) {
        result.append([])
        continue
      }
      var clean = word
      let endsCommand = clean.hasSuffix(";")
      if endsCommand { clean.removeLast() }
      clean = clean.filter { $0 != "\"" && $0 != "'" }
      if !clean.isEmpty { result[result.count - 1].append(clean) }
      if endsCommand { result.append([]) }
    }
    return result
  }

  /// The folder a CI file's commands run in: a GitHub workflow runs in the checkout, the
  /// folder holding `.github` (the lint root may lie above it); anything else at the root.
  static func checkout(of path: String) -> String {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    guard let index = parts.firstIndex(of: ".github") else { return "" }
    return parts[..<index].joined(separator: "/")
  }

  /// `docker build`, `docker image build`, `docker buildx build` with a literal tag, run in
  /// the repository folder `base`.
  static func read(_ words: [String], at location: Location, from base: String = "")
    -> DockerImageBuild?
  {
    var rest = words.drop { !$0.hasSuffix("docker") }
    guard rest.first != nil else { return nil }
    rest = rest.dropFirst()
    if ["image", "buildx"].contains(rest.first) { rest = rest.dropFirst() }
    guard rest.first == "build" else { return nil }
    rest = rest.dropFirst()
    var tags: [String] = []
    var dockerfile: String?
    var context: String?
    var iterator = rest.makeIterator()
    while let word = iterator.next() {
      var option = word
      var value: String?
      if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
        option = String(word[..<equals])
        value = String(word[word.index(after: equals)...])
      } else if word.hasPrefix("-t") && word.count > 2 && !word.hasPrefix("--") {
        option = "-t"
        value = String(word.dropFirst(2))
      } else if optionsWithValues.contains(word) {
        value = iterator.next()
      } else if word.hasPrefix("-") {
        continue
      } else if context == nil {
        context = word
        continue
      }
      switch option {
      case "-t", "--tag": value.map { tags.append($0) }
      case "-f", "--file": dockerfile = value
      default: break
      }
    }
    guard let context, let tag = tags.first, !tag.contains("$"), !context.contains("$"),
      dockerfile?.contains("$") != true, !context.contains("://")
    else { return nil }
    guard let folder = inRepository(base, context),
      let path = inRepository(dockerfile == nil ? folder : base, dockerfile ?? "Dockerfile")
    else { return nil }
    return DockerImageBuild(
      image: normalized(tag), context: folder, dockerfile: path, location: location)
  }

  /// `relative` from the repository folder `base` (`""` the root), nil when it leaves the
  /// repository or is absolute.
  public static func inRepository(_ base: String, _ relative: String) -> String? {
    guard !relative.hasPrefix("/") else { return nil }
    let joined = RelativePath.normalize(base.isEmpty ? relative : base + "/" + relative)
    if joined == "." || joined.isEmpty { return "" }
    return joined == ".." || joined.hasPrefix("../") ? nil : joined
  }

  /// Compose services with `image:` and `build:` (a folder, or `context:` and `dockerfile:`),
  /// relative to the compose file's folder.
  static func compose(_ file: SourceFile) -> [DockerImageBuild] {
    let yaml = YAMLLoader.load(file)
    guard !yaml.failed, let root = yaml.root else { return [] }
    let services = root["services"]?.mapping ?? root.mapping ?? []
    let base = file.path.split(separator: "/").dropLast().joined(separator: "/")
    var builds: [DockerImageBuild] = []
    for service in services {
      guard let image = service.value["image"]?.scalar, !image.contains("$"),
        let build = service.value["build"]
      else { continue }
      let context = build.scalar ?? build["context"]?.scalar ?? "."
      guard !context.contains("$"), !context.contains("://") else { continue }
      // Compose reads `dockerfile:` relative to the build context.
      let named = build["dockerfile"]?.scalar ?? service.value["dockerfile"]?.scalar
      guard let folder = inRepository(base, context),
        let dockerfile = inRepository(folder, named ?? "Dockerfile")
      else { continue }
      builds.append(
        DockerImageBuild(
          image: normalized(image), context: folder, dockerfile: dockerfile,
          location: Location(file: file.path, span: service.key.span)))
    }
    return builds
  }
}
