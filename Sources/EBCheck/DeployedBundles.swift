import EBCheckCore
import EBCheckFormats

/// The bundles the repository's deploy scripts assemble at its root: a script that copies
/// files into place and then runs `eb deploy` uploads the repository with those copies. A
/// source path with a variable (`environments/$ENV_NAME/Dockerrun.aws.json`) gives one bundle
/// per value the repository has a file for, each named by its condition; nothing is run.
extension DiscoveryResult {
  /// At most this many bundles per script are modelled.
  package static let bundleCandidateLimit = 8

  package func bundleCandidates(limit: Int) -> [BundleCandidate] {
    var known = Set(files.paths)
    known.formUnion(occupied)
    known.formUnion(unreadFiles)
    var result: [BundleCandidate] = []
    for script in files.all where script.kind == .deployScript {
      guard let read = DeployScript.read(script) else { continue }
      for binding in bindings(of: read.copies, among: known).prefix(Self.bundleCandidateLimit) {
        let copies = read.copies.compactMap { copy -> BundleCandidate.Copy? in
          let source = Self.substituted(copy.source, binding)
          // A copy the bundle's ignore rules leave out is never uploaded.
          guard !source.contains("$"), known.contains(source),
            !deployExcluded(copy.destination), let bytes = contents(of: source, limit: limit)
          else { return nil }
          return BundleCandidate.Copy(
            file: Discovery.sourceFile(path: source, bytes: bytes), destination: copy.destination)
        }
        guard !copies.isEmpty else { continue }
        let values = binding.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let condition =
          "if \(script.path) deploys it"
          + (values.isEmpty ? "" : " with " + values.joined(separator: ", "))
        result.append(
          BundleCandidate(
            condition: condition, location: read.copies[0].location, copies: copies,
            script: script))
      }
    }
    return result
  }

  /// The values the sources' variables can take: each a whole path component, matched
  /// against the repository's paths. One empty binding when no source has a variable.
  func bindings(of copies: [DeployScript.Copy], among known: Set<String>) -> [[String: String]] {
    var found: [[String: String]] = []
    var any = false
    for copy in copies where copy.source.contains("$") {
      any = true
      let pattern = copy.source.split(separator: "/").map(String.init)
      for path in known.sorted() {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == pattern.count else { continue }
        var binding: [String: String] = [:]
        var matches = true
        for (want, have) in zip(pattern, parts) {
          if let name = Self.variableName(want) {
            if let bound = binding[name], bound != have { matches = false }
            binding[name] = have
          } else if want != have {
            matches = false
          }
          if !matches { break }
        }
        if matches, !found.contains(binding) { found.append(binding) }
      }
    }
    return any ? found : [[:]]
  }

  /// `$ENV_NAME`, `${ENV_NAME}` as a whole component; nil for anything else.
  static func variableName(_ component: String) -> String? {
    var text = Substring(component)
    guard text.hasPrefix("$") else { return nil }
    text = text.dropFirst()
    if text.hasPrefix("{") {
      guard text.hasSuffix("}") else { return nil }
      text = text.dropFirst().dropLast()
    }
    guard !text.isEmpty, text.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
      return nil
    }
    return String(text)
  }

  static func substituted(_ source: String, _ binding: [String: String]) -> String {
    source.split(separator: "/").map { component in
      variableName(String(component)).flatMap { binding[$0] } ?? String(component)
    }.joined(separator: "/")
  }

  /// A file's bytes: as discovery read it, or read now (a file of no kind ebcheck reads).
  func contents(of path: String, limit: Int) -> [UInt8]? {
    if let file = files[path] { return file.bytes }
    // Only a file inside the repository, whatever a link in the path points at.
    guard let real = Discovery.realPath(Discovery.join(root, path)),
      RelativePath.isInside(real, root),
      case .bytes(let bytes) = Discovery.readFile(real, limit: limit)
    else { return nil }
    return bytes
  }
}
