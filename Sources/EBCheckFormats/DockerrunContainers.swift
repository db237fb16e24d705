import EBCheckCore

/// The containers of a `Dockerrun.aws.json` v2 (the ECS-managed platforms): each one's name,
/// image, host-port mappings and links, with their places in the file.
public struct DockerrunContainers: Sendable, Hashable {
  public struct Container: Sendable, Hashable {
    public var name: String
    public var image: String?
    /// `hostPort` → `containerPort`, each at the host port's place.
    public var hostPorts: [Sourced<Int>]
    public var links: [String]
    public var location: Location
  }

  public var containers: [Container]

  /// nil when the file is not a readable v2 definition.
  public static func read(_ file: SourceFile) -> DockerrunContainers? {
    let yaml = YAMLLoader.load(file)
    guard !yaml.failed, let root = yaml.root,
      let definitions = root["containerDefinitions"]?.sequence
    else { return nil }
    var containers: [Container] = []
    for definition in definitions {
      guard definition.mapping != nil else { continue }
      var hostPorts: [Sourced<Int>] = []
      for mapping in definition["portMappings"]?.sequence ?? [] {
        guard let host = mapping["hostPort"], let text = host.scalar, let port = Int(text) else {
          continue
        }
        hostPorts.append(Sourced(port, at: Location(file: file.path, span: host.span)))
      }
      let links = (definition["links"]?.sequence ?? []).compactMap(\.scalar).map {
        String($0.split(separator: ":").first ?? Substring($0))
      }
      containers.append(
        Container(
          name: definition["name"]?.scalar ?? "", image: definition["image"]?.scalar,
          hostPorts: hostPorts, links: links,
          location: Location(file: file.path, span: definition.span)))
    }
    return DockerrunContainers(containers: containers)
  }

  /// The containers that publish `port` on the instance.
  public func publishing(_ port: Int) -> [(Container, Sourced<Int>)] {
    containers.compactMap { container in
      container.hostPorts.first { $0.value == port }.map { (container, $0) }
    }
  }
}
