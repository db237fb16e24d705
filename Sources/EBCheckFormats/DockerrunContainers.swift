import EBCheckCore

/// The containers of a `Dockerrun.aws.json` v2 (the ECS-managed platforms): each one's name,
/// image, host-port mappings, links, mounted files and command, with their places in the file.
public struct DockerrunContainers: Sendable, Hashable {
  /// A `mountPoints` entry: the host path of its `sourceVolume` at `containerPath`.
  public struct Mount: Sendable, Hashable {
    public var containerPath: String
    /// The volume's `host.sourcePath`; nil when the volume names none (a Docker volume).
    public var sourcePath: String?
    public var location: Location
  }

  public struct Container: Sendable, Hashable {
    public var name: String
    public var image: String?
    /// `hostPort` → `containerPort`, each at the host port's place.
    public var hostPorts: [Sourced<Int>]
    /// The containers it links to (`"django:web"` links `django`).
    public var links: [String]
    /// The aliases of those links (`web`).
    public var linkAliases: [String] = []
    /// The host names `extraHosts` adds to the container's `/etc/hosts`.
    public var extraHosts: [String] = []
    public var mounts: [Mount] = []
    /// `command` and `entryPoint` (exec form, as ECS passes them), each at its place.
    public var command: Sourced<[String]>?
    public var entryPoint: Sourced<[String]>?
    public var location: Location
    /// Where the image name is written.
    public var imageLocation: Location?
  }

  public var containers: [Container]

  /// nil when the file is not a readable v2 definition.
  public static func read(_ file: SourceFile) -> DockerrunContainers? {
    let yaml = YAMLLoader.load(file)
    guard !yaml.failed, let root = yaml.root,
      let definitions = root["containerDefinitions"]?.sequence
    else { return nil }
    var volumes: [String: String] = [:]
    for volume in root["volumes"]?.sequence ?? [] {
      guard let name = volume["name"]?.scalar else { continue }
      if let source = volume["host"]?["sourcePath"]?.scalar { volumes[name] = source }
    }
    var containers: [Container] = []
    for definition in definitions {
      guard definition.mapping != nil else { continue }
      containers.append(container(definition, file: file, volumes: volumes))
    }
    return DockerrunContainers(containers: containers)
  }

  static func container(_ definition: YAMLNode, file: SourceFile, volumes: [String: String])
    -> Container
  {
    func at(_ node: YAMLNode) -> Location { Location(file: file.path, span: node.span) }
    var hostPorts: [Sourced<Int>] = []
    for mapping in definition["portMappings"]?.sequence ?? [] {
      guard let host = mapping["hostPort"], let text = host.scalar, let port = Int(text) else {
        continue
      }
      hostPorts.append(Sourced(port, at: at(host)))
    }
    let pairs = (definition["links"]?.sequence ?? []).compactMap(\.scalar).map {
      $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }
    let links = pairs.compactMap(\.first)
    let aliases = pairs.filter { $0.count > 1 }.map { $0[1] }
    let extraHosts = (definition["extraHosts"]?.sequence ?? []).compactMap {
      $0["hostname"]?.scalar
    }
    let mounts = (definition["mountPoints"]?.sequence ?? []).compactMap { point -> Mount? in
      guard let path = point["containerPath"], let text = path.scalar else { return nil }
      let source = point["sourceVolume"]?.scalar.flatMap { volumes[$0] }
      return Mount(containerPath: text, sourcePath: source, location: at(path))
    }
    func words(_ key: String) -> Sourced<[String]>? {
      guard let node = definition[key] else { return nil }
      if let items = node.sequence { return Sourced(items.compactMap(\.scalar), at: at(node)) }
      return node.scalar.map { Sourced([$0], at: at(node)) }
    }
    return Container(
      name: definition["name"]?.scalar ?? "", image: definition["image"]?.scalar,
      hostPorts: hostPorts, links: links, linkAliases: aliases, extraHosts: extraHosts,
      mounts: mounts,
      command: words("command"), entryPoint: words("entryPoint"),
      location: at(definition), imageLocation: definition["image"].map(at))
  }

  /// The host names a name lookup inside `container` finds: its links (name and alias) and
  /// `extraHosts`; ECS's bridge network gives containers no other names.
  public static func resolvable(in container: Container) -> Set<String> {
    Set(container.links + container.linkAliases + container.extraHosts)
  }

  /// The containers that publish `port` on the instance.
  public func publishing(_ port: Int) -> [(Container, Sourced<Int>)] {
    containers.compactMap { container in
      container.hostPorts.first { $0.value == port }.map { (container, $0) }
    }
  }
}
