import EBCheckCore
import EBCheckFormats

/// The nginx a multi-container definition runs in the container that publishes port 80:
/// the configuration files it loads — mounted from the bundle (`volumes` + `mountPoints`) or
/// copied into its image by the Dockerfile the repository builds that image from — and the
/// hosts those files proxy to. nginx resolves every literal upstream host when it starts;
/// on ECS's bridge network a container finds only its links and `extraHosts`, so a host
/// that is neither stops nginx ("host not found in upstream") and nothing listens on :80.
package enum ContainerNginx {
  /// What the port-80 container's nginx does with the health check.
  package enum Reading: Equatable {
    /// It does not start: why, at the upstream host's place.
    case refuses(Sourced<String>)
    /// It starts and proxies to linked containers; what follows it is not simulated.
    case proxies(String)
  }

  /// One configuration file in the container: its path there, the repository file, and how
  /// it got there (with the evidence's file and line).
  struct Loaded {
    var path: String
    var file: SourceFile
    var how: String
  }

  /// nil when the container is not an nginx whose configuration the repository holds.
  package static func read(
    _ container: DockerrunContainers.Container, in definition: DockerrunContainers,
    files: SourceFiles
  ) -> Reading? {
    let mounted = mounts(container, files)
    let image = container.image ?? ""
    let builds = image.isEmpty ? [] : DockerImageBuild.builds(of: image, in: files)
    var candidates: [(loaded: [Loaded], isNginx: Bool, via: String?)] = []
    for build in builds {
      guard let dockerfile = files[build.dockerfile] else { continue }
      let copies = DockerfileCopies.read(dockerfile)
      let via =
        "image \(image) built from \(build.dockerfile) by \(place(build.location, files))"
      let copied = copies.files(under: "/etc/nginx", context: build.context, in: files).map {
        Loaded(
          path: $0.path, file: $0.file,
          how: "copied to \($0.path) by \(place($0.copy.location, files)); \(via)")
      }
      let isNginx = copies.baseImage.map(isNginxImage) ?? false
      candidates.append((overlay(copied, with: mounted), isNginx, via))
    }
    if candidates.isEmpty, !mounted.isEmpty { candidates = [(mounted, isNginxImage(image), nil)] }
    let readings = candidates.compactMap { candidate -> Reading? in
      guard candidate.isNginx, !candidate.loaded.isEmpty else { return nil }
      return reading(container, candidate.loaded, definition: definition, files: files)
    }
    guard readings.count == candidates.count, let first = readings.first else { return nil }
    if readings.allSatisfy({ $0 == first }) || candidates.count == 1 { return first }
    let named = builds.map { "\($0.dockerfile) (\(place($0.location, files)))" }
    return .proxies(
      "container '\(container.name)' runs image \(image), which the repository builds from \(named.joined(separator: " or ")); they configure nginx differently and which one is deployed is not in the repository"
    )
  }

  /// The official image and images built on it.
  static func isNginxImage(_ image: String) -> Bool {
    let name = DockerImageBuild.normalized(image)
    let repository = name.split(separator: ":").first.map(String.init) ?? name
    return repository == "nginx" || repository.hasSuffix("/nginx")
      || repository.hasPrefix("nginxinc/")
  }

  /// Bundle files mounted under `/etc/nginx`: a volume's `sourcePath` in the unpacked bundle
  /// (`/var/app/current/…`) is that repository file.
  static func mounts(_ container: DockerrunContainers.Container, _ files: SourceFiles) -> [Loaded] {
    let bundle = "/var/app/current/"
    var loaded: [Loaded] = []
    for mount in container.mounts where mount.containerPath.hasPrefix("/etc/nginx/") {
      guard let source = mount.sourcePath, source.hasPrefix(bundle),
        let path = DockerImageBuild.inRepository("", String(source.dropFirst(bundle.count)))
      else { continue }
      let how = "mounted at \(mount.containerPath) (\(place(mount.location, files)))"
      if let file = files[path] {
        loaded.append(Loaded(path: mount.containerPath, file: file, how: how))
        continue
      }
      for file in files.all where file.path.hasPrefix(path + "/") {
        let target = mount.containerPath + "/" + file.path.dropFirst(path.count + 1)
        loaded.append(Loaded(path: RelativePath.normalize(target), file: file, how: how))
      }
    }
    return loaded
  }

  /// A mount hides what the image has at its path.
  static func overlay(_ copied: [Loaded], with mounted: [Loaded]) -> [Loaded] {
    let hidden = Set(mounted.map(\.path))
    return copied.filter { !hidden.contains($0.path) } + mounted
  }

  /// The files nginx loads: `nginx.conf` (the image's own includes `conf.d/*.conf`) and
  /// what its `include` patterns match.
  static func loadedFiles(_ loaded: [Loaded]) -> [(Loaded, NginxFile)] {
    let parsed = loaded.map { ($0, NginxParser.parse($0.file)) }
    guard let main = parsed.first(where: { $0.0.path == "/etc/nginx/nginx.conf" }) else {
      return parsed.filter { matches($0.0.path, "/etc/nginx/conf.d/*.conf") }
    }
    let patterns = includes(main.1.directives).map {
      $0.hasPrefix("/") ? $0 : "/etc/nginx/" + $0
    }
    return [main] + parsed.filter { file in patterns.contains { matches(file.0.path, $0) } }
  }

  static func includes(_ directives: [NginxDirective]) -> [String] {
    directives.flatMap { directive -> [String] in
      (directive.name == "include" ? directive.values : []) + includes(directive.block ?? [])
    }
  }

  /// A glob with `*` in its last part (what `include` takes).
  static func matches(_ path: String, _ pattern: String) -> Bool {
    guard let star = pattern.firstIndex(of: "*") else { return path == pattern }
    let prefix = String(pattern[..<star])
    let suffix = String(pattern[pattern.index(after: star)...])
    guard path.hasPrefix(prefix), path.hasSuffix(suffix),
      path.count >= prefix.count + suffix.count
    else { return false }
    return !path.dropFirst(prefix.count).dropLast(suffix.count).contains("/")
  }

  static func reading(
    _ container: DockerrunContainers.Container, _ loaded: [Loaded],
    definition: DockerrunContainers, files: SourceFiles
  ) -> Reading? {
    let active = loadedFiles(loaded)
    guard !active.isEmpty else { return nil }
    let resolvable = DockerrunContainers.resolvable(in: container)
    let upstreams = Set(
      active.flatMap { all($0.1.directives) }.filter { $0.name == "upstream" }
        .compactMap(\.values.first))
    var reached: [String] = []
    for (file, nginx) in active {
      for directive in all(nginx.directives) {
        for (argument, isServer) in targets(directive) {
          guard let host = host(of: argument.value, server: isServer),
            isServer || !upstreams.contains(host)
          else { continue }
          let place = Location(file: file.file.path, span: argument.span)
          if resolvable.contains(host) {
            reached.append(argument.value)
            continue
          }
          return .refuses(
            Sourced(
              "container '\(container.name)' runs nginx with \(file.file.path) (\(file.how)), whose \(directive.name) names the host '\(host)', which is no link of the container: nginx does not start (host not found in upstream)",
              at: place))
        }
      }
    }
    let configured = active.map { "\($0.0.file.path) (\($0.0.how))" }.joined(separator: ", ")
    let targets = reached.isEmpty ? "" : ", which proxies to \(reached.joined(separator: ", "))"
    let linked = container.links.map { link -> String in
      let target = definition.containers.first { $0.name == link }
      return "'\(link)' runs \(target?.image ?? "an image") \(imageOrigin(target?.image, files))"
    }
    return .proxies(
      "container '\(container.name)' runs nginx with \(configured)\(targets); "
        + (linked.isEmpty ? "" : "container \(linked.joined(separator: ", container ")); ")
        + "the linked container's command is not simulated")
  }

  /// Whether the repository builds `image`: the evidence, or that it does not.
  static func imageOrigin(_ image: String?, _ files: SourceFiles) -> String {
    guard let image else { return "(no image named)" }
    let builds = DockerImageBuild.builds(of: image, in: files)
    guard !builds.isEmpty else {
      return
        "(pulled from a registry: no docker build, compose build: or CI step in the repository names it)"
    }
    let named = builds.map { "\($0.dockerfile) by \(place($0.location, files))" }
    return "(built from \(named.joined(separator: " or ")))"
  }

  /// Every directive, blocks included, in file order.
  static func all(_ directives: [NginxDirective]) -> [NginxDirective] {
    directives.flatMap { [$0] + all($0.block ?? []) }
  }

  /// The upstream addresses a directive names: `proxy_pass URL`, and `server ADDRESS` in
  /// an `upstream` block (`true`: a server entry, never an upstream name itself).
  static func targets(_ directive: NginxDirective) -> [(NginxArgument, Bool)] {
    switch directive.name {
    case "proxy_pass", "uwsgi_pass", "fastcgi_pass", "scgi_pass", "grpc_pass":
      return directive.arguments.first.map { [($0, false)] } ?? []
    case "upstream":
      return (directive.block ?? []).filter { $0.name == "server" }.compactMap {
        $0.arguments.first.map { ($0, true) }
      }
    default: return []
    }
  }

  /// The host nginx resolves when it starts; nil for an address, a socket, `localhost` or
  /// a value with a variable (resolved per request, by `resolver`).
  static func host(of value: String, server: Bool) -> String? {
    guard !value.contains("$") else { return nil }
    var text = value
    for scheme in ["http://", "https://", "grpc://", "grpcs://", "uwsgi://", "suwsgi://"]
    where text.lowercased().hasPrefix(scheme) {
      text = String(text.dropFirst(scheme.count))
    }
    guard !text.hasPrefix("unix:"), !text.hasPrefix("[") else { return nil }
    let host = String(text.prefix { $0 != ":" && $0 != "/" })
    let isAddress = !host.isEmpty && host.allSatisfy { $0.isNumber || $0 == "." }
    guard !host.isEmpty, !isAddress, host.lowercased() != "localhost" else { return nil }
    return host
  }

  /// `file:line` of a location.
  package static func place(_ location: Location, _ files: SourceFiles) -> String {
    guard let file = files[location.file] else { return location.file }
    return "\(location.file):\(file.lineIndex.lineNumber(at: location.span.start) + 1)"
  }
}
