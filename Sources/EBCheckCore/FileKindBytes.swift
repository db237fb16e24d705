/// `FileClassifier`'s rules on a path's UTF-8 bytes. Names are compared byte for byte, as the
/// file system and the platform compare them (no Unicode equivalence: a `Procfile` spelled
/// with other code points is not the platform's `Procfile`).
package enum FileKindBytes {
  typealias Bytes = UnsafeBufferPointer<UInt8>

  static func kind(of path: Bytes) -> FileKind {
    var components: [Range<Int>] = []
    var start = 0
    for (offset, byte) in path.enumerated() {
      if byte == UInt8(ascii: "/") {
        if offset > start { components.append(start..<offset) }
        start = offset + 1
      }
    }
    if path.count > start { components.append(start..<path.count) }
    guard let last = components.last else { return .other }
    let name = Name(bytes: path, range: last)
    let parent =
      components.count >= 2
      ? Name(bytes: path, range: components[components.count - 2]) : Name(bytes: path, range: 0..<0)
    func component(_ index: Int) -> Name { Name(bytes: path, range: components[index]) }
    func anyComponent(_ literal: StaticString) -> Bool {
      components.contains { Name(bytes: path, range: $0) == literal }
    }
    if name.hasSuffix(".py") || name.hasSuffix(".pyi") { return .python }
    if parent == ".ebextensions" && name.hasSuffix(".config") { return .ebextension }
    if components.count >= 2 && parent == ".elasticbeanstalk" && name == "config.yml" {
      return .ebConfig
    }
    if parent == "saved_configs" && name.hasSuffix(".cfg.yml") { return .savedConfig }
    if name == "Procfile" { return .procfile }
    if anyComponent(".platform") && anyComponent("nginx")
      && (name.hasSuffix(".conf") || name == "nginx.conf")
    {
      return .nginx
    }
    if components.count >= 3, component(0) == ".platform", component(1) == "httpd",
      name.hasSuffix(".conf")
    {
      return .httpd
    }
    if components.count >= 3, component(0) == ".platform",
      component(1) == "hooks" || component(1) == "confighooks"
    {
      return .platformHook
    }
    if isRequirements(name) || (parent == "requirements" && name.hasSuffix(".txt")) {
      return .requirements
    }
    if name == "Dockerfile" || name.hasPrefix("Dockerfile.") || name.hasPrefix("Dockerfile-")
      || name.hasSuffix(".Dockerfile") || name.hasSuffix(".dockerfile")
    {
      return .dockerfile
    }
    if name == "Dockerrun.aws.json" { return .dockerrun }
    if name == "docker-compose.yml" || name == "docker-compose.yaml" || name == "compose.yml"
      || name == "compose.yaml"
    {
      return .dockerCompose
    }
    if components.count == 1 && (name == ".ebcheck.yml" || name == ".ebcheck.yaml") {
      return .ebcheckConfig
    }
    if name == ".ebignore" { return .ebignore }
    if name == ".dockerignore" { return .dockerignore }
    if name.hasSuffix(".sh") || name == "Makefile"
      || (components.count == 2 && (component(0) == "bin" || component(0) == "scripts")
        && !name.contains(UInt8(ascii: ".")))
    {
      return .deployScript
    }
    if components.count == 1 && (name == ".travis.yml" || name == ".gitlab-ci.yml") {
      return .ciConfig
    }
    if anyComponent(".terraform") || anyComponent("cdk.out") { return .other }
    if name.hasSuffix(".tf") || name.hasSuffix(".tfvars") { return .terraform }
    if isTemplateCandidate(name) { return .infrastructureTemplate }
    if name.hasSuffix(".ini") || name.hasSuffix(".cfg") { return .ini }
    if name.hasSuffix(".conf") && !anyComponent(".platform") { return .serverConfig }
    return .other
  }

  static func isRequirements(_ name: Name) -> Bool {
    if name == "Pipfile" || name == "pyproject.toml" { return true }
    guard name.hasSuffix(".txt") || name.hasSuffix(".in") else { return false }
    return name.hasPrefix("requirements") || name.hasPrefix("requirement")
  }

  static func isTemplateCandidate(_ name: Name) -> Bool {
    let extensions: [StaticString] = [".yaml", ".yml", ".json", ".template"]
    guard extensions.contains(where: { name.hasSuffix($0) }) else { return false }
    let manifests: [StaticString] = [
      "package.json", "package-lock.json", "composer.json", "composer.lock", "tsconfig.json",
      "cdk.json", "cdk.context.json", ".pre-commit-config.yaml", "mkdocs.yml", "pnpm-lock.yaml",
      "environment.yml", "Pipfile.lock", "renovate.json", ".eslintrc.json", "tslint.json",
    ]
    return !manifests.contains(where: { name == $0 }) && !name.hasPrefix(".")
  }

  /// One path component, as a range of the path's bytes.
  package struct Name {
    let bytes: Bytes
    let range: Range<Int>

    static func == (name: Name, literal: StaticString) -> Bool {
      name.range.count == literal.utf8CodeUnitCount
        && name.matches(literal, at: name.range.lowerBound)
    }

    func hasSuffix(_ literal: StaticString) -> Bool {
      let count = literal.utf8CodeUnitCount
      return range.count >= count && matches(literal, at: range.upperBound - count)
    }

    func contains(_ byte: UInt8) -> Bool { bytes[range].contains(byte) }

    func hasPrefix(_ literal: StaticString) -> Bool {
      range.count >= literal.utf8CodeUnitCount && matches(literal, at: range.lowerBound)
    }

    private func matches(_ literal: StaticString, at offset: Int) -> Bool {
      let count = literal.utf8CodeUnitCount
      let start = literal.utf8Start
      for index in 0..<count where bytes[offset + index] != start[index] { return false }
      return true
    }
  }
}
