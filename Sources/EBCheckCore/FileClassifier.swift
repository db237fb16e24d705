/// Decides what a file is from its root-relative path.
public enum FileClassifier {
  public static func kind(of path: String) -> FileKind {
    // Discovery, the split into applications and the merge classify every path, so an ASCII
    // path (every real one) is classified on its bytes; ASCII has no combining marks or
    // canonical equivalents among these names, so the answers are the String rules' answers.
    var path = path
    if let kind = path.withUTF8({ ASCIIPathKind.kind(of: $0) }) { return kind }
    return unicodeKind(of: path)
  }

  /// The rules on `String` (Character comparisons), for paths with non-ASCII bytes.
  package static func unicodeKind(of path: String) -> FileKind {
    // Split on bytes into substrings: no per-component String allocation.
    let components = path.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
    guard let last = components.last else { return .other }
    // Most names fit a small (inline) String, whose comparisons take the fast ASCII paths.
    let name = String(last)
    let parent = components.count >= 2 ? String(components[components.count - 2]) : ""
    if name.hasSuffix(".py") || name.hasSuffix(".pyi") { return .python }
    if parent == ".ebextensions" && name.hasSuffix(".config") { return .ebextension }
    if components.count >= 2 && parent == ".elasticbeanstalk" && name == "config.yml" {
      return .ebConfig
    }
    if parent == "saved_configs" && name.hasSuffix(".cfg.yml") { return .savedConfig }
    if name == "Procfile" { return .procfile }
    if components.contains(".platform") && components.contains("nginx")
      && (name.hasSuffix(".conf") || name == "nginx.conf")
    {
      return .nginx
    }
    if components.count >= 3, components[0] == ".platform", components[1] == "httpd",
      name.hasSuffix(".conf")
    {
      return .httpd
    }
    if components.count >= 3, components[0] == ".platform",
      components[1] == "hooks" || components[1] == "confighooks"
    {
      return .platformHook
    }
    if isRequirements(name) || (parent == "requirements" && name.hasSuffix(".txt")) {
      return .requirements
    }
    if name == "Dockerfile" { return .dockerfile }
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
    if components.contains(".terraform") || components.contains("cdk.out") { return .other }
    if name.hasSuffix(".tf") || name.hasSuffix(".tfvars") { return .terraform }
    if isTemplateCandidate(name) { return .infrastructureTemplate }
    return .other
  }

  /// YAML, JSON and `.template` files that may be CloudFormation templates (the reader keeps
  /// only those that are); package manifests and editor settings are not.
  package static func isTemplateCandidate(_ name: String) -> Bool {
    let extensions = [".yaml", ".yml", ".json", ".template"]
    guard extensions.contains(where: { name.hasSuffix($0) }) else { return false }
    let manifests: Set<String> = [
      "package.json", "package-lock.json", "composer.json", "composer.lock", "tsconfig.json",
      "cdk.json", "cdk.context.json", ".pre-commit-config.yaml", "mkdocs.yml", "pnpm-lock.yaml",
      "environment.yml", "Pipfile.lock", "renovate.json", ".eslintrc.json", "tslint.json",
    ]
    return !manifests.contains(name) && !name.hasPrefix(".")
  }

  package static func isRequirements(_ name: String) -> Bool {
    if name == "Pipfile" || name == "pyproject.toml" { return true }
    guard name.hasSuffix(".txt") || name.hasSuffix(".in") else { return false }
    return name.hasPrefix("requirements") || name.hasPrefix("requirement")
  }
}
