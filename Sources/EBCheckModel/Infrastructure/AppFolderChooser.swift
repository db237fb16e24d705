import EBCheckCore
import EBCheckFormats

/// Chooses the application folder an environment defined in infrastructure code deploys:
/// the folder the code names (`source_dir`, an asset path), else the only one, else the one
/// nearest to the code.
struct AppFolderChooser {
  /// Candidate folders (`""` or ending in `/`): Beanstalk bundles, then Django projects
  /// (`manage.py`) and Procfile folders outside them.
  let candidates: [String]
  /// The repository's files (for the builds of the image a bundle's Dockerrun runs).
  let files: SourceFiles

  init(files: SourceFiles, zippedFiles: Set<String> = []) {
    self.files = files
    let marked = Set(zippedFiles.compactMap(BeanstalkConfiguration.appRoot(holding:)))
    let bundles = BeanstalkConfiguration.appRoots(in: files).filter { !marked.contains($0) }
    var found = bundles
    let markers = files.paths.filter {
      !$0.hasPrefix("../") && ($0.hasSuffix("manage.py") || $0.hasSuffix("Procfile"))
    }
    for path in markers.sorted() {
      let name = path.split(separator: "/").last.map(String.init) ?? path
      guard name == "manage.py" || name == "Procfile" else { continue }
      let folder = String(path.dropLast(name.count))
      // Inside a bundle or a shallower project already found: the same application.
      if found.contains(where: { folder.hasPrefix($0) && ($0 != "" || bundles.contains("")) }) {
        continue
      }
      if found.contains(where: { $0.hasPrefix(folder) }) { continue }
      found.append(folder)
    }
    candidates = found
  }

  func assign(_ pair: (InfrastructureDefinition, InfrastructureDefinition?))
    -> InfrastructureEnvironment
  {
    let (definition, template) = pair
    let (folder, reason, location) = choose(for: definition)
    var environment = InfrastructureEnvironment(
      definition: definition, template: template, appFolder: folder, appFolderReason: reason,
      appFolderLocation: location)
    environment.image = image(of: definition.bundle)
    if let image = environment.image, image.build == nil {
      environment.appFolderReason +=
        "; the image the bundle runs is built from it only if \(image.name) is this repository's"
    }
    return environment
  }

  /// The image a bundle's `Dockerrun.aws.json` v1 runs, with the repository's one build of
  /// that name (a `docker build -t`, a compose `build:`), when there is exactly one.
  func image(of bundle: InfrastructureBundle?) -> BundleImage? {
    guard case .files(let list)? = bundle?.content,
      let dockerrun = list.first(where: { $0.path == "Dockerrun.aws.json" }),
      let bytes = dockerrun.bytes ?? dockerrun.repositoryPath.flatMap({ files[$0]?.bytes })
    else { return nil }
    let yaml = YAMLLoader.load(SourceFile(path: "Dockerrun.aws.json", bytes: bytes))
    guard !yaml.failed, let name = yaml.root?["Image"]?["Name"]?.scalar else { return nil }
    let builds = DockerImageBuild.builds(of: name, in: files)
    return BundleImage(
      name: name, location: dockerrun.location, build: builds.count == 1 ? builds[0] : nil)
  }

  func choose(for definition: InfrastructureDefinition) -> (String, String, Location?) {
    // A version the code deploys is an application: a folder of configuration alone is not it.
    let candidates =
      definition.bundle == nil
      ? self.candidates
      : self.candidates.filter { BeanstalkConfiguration.holdsApplication($0, files) }
    if let bundle = definition.bundle {
      let chain = bundle.chainText
      if case .folder(let folder) = bundle.content {
        let shown = folder.isEmpty ? "the repository root" : folder
        return (
          folder.isEmpty ? "" : folder + "/",
          "the bundle Terraform deploys zips \(shown) (\(chain))", bundle.location
        )
      }
      if let build = image(of: bundle)?.build {
        let context = build.context.isEmpty ? "" : build.context + "/"
        return (
          context,
          "the bundle's Dockerrun.aws.json (\(chain)) runs \(build.image), built from \(build.dockerfile) at \(build.location.file)",
          build.location
        )
      }
    }
    let listed = candidates.map { $0.isEmpty ? "the repository root" : $0 }
    for hint in definition.sourceHints {
      let path = hint.value.isEmpty ? "" : hint.value + "/"
      let matching = candidates.filter { path.hasPrefix($0) || $0.hasPrefix(path) }
        .sorted { $0.count > $1.count }
      if let folder = matching.first {
        return (
          folder,
          "\(hint.origin) names \(hint.value.isEmpty ? "." : hint.value)\(at(hint.location))",
          hint.location
        )
      }
    }
    switch candidates.count {
    case 0:
      return (
        "",
        "no application folder (.ebextensions, manage.py or Procfile) found; the repository root is assumed",
        nil
      )
    case 1:
      return (candidates[0], "the only application folder in the repository", nil)
    default:
      let codeFolder = RepositoryPath.folder(of: definition.location.file)
      let ranked = candidates.sorted { lhs, rhs in
        let (l, r) = (shared(lhs, codeFolder), shared(rhs, codeFolder))
        if l != r { return l > r }
        let (ld, rd) = (lhs.split(separator: "/").count, rhs.split(separator: "/").count)
        return ld != rd ? ld < rd : lhs < rhs
      }
      let chosen = ranked[0]
      return (
        chosen,
        "\(candidates.count) application folders could match (\(listed.joined(separator: ", "))); \(chosen.isEmpty ? "the repository root" : chosen) is the nearest to \(definition.location.file), and no source_dir or asset path names one",
        nil
      )
    }
  }

  /// Leading folder names two paths share.
  func shared(_ folder: String, _ other: String) -> Int {
    let a = folder.split(separator: "/")
    let b = other.split(separator: "/")
    var count = 0
    while count < a.count, count < b.count, a[count] == b[count] { count += 1 }
    return count
  }

  func at(_ location: Location?) -> String {
    location.map { " in \($0.file)" } ?? ""
  }
}
