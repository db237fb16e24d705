import EBCheckCore
import EBCheckFormats

/// Chooses the application folder an environment defined in infrastructure code deploys:
/// the folder the code names (`source_dir`, an asset path), else the only one, else the one
/// nearest to the code.
struct AppFolderChooser {
  /// Candidate folders (`""` or ending in `/`): Beanstalk bundles, then Django projects
  /// (`manage.py`) and Procfile folders outside them.
  let candidates: [String]

  init(files: SourceFiles) {
    let bundles = BeanstalkConfiguration.appRoots(in: files)
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
    return InfrastructureEnvironment(
      definition: definition, template: template, appFolder: folder, appFolderReason: reason,
      appFolderLocation: location)
  }

  func choose(for definition: InfrastructureDefinition) -> (String, String, Location?) {
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
