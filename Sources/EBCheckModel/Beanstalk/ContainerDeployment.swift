import EBCheckCore
import EBCheckFormats

/// What the Docker platform runs: the image built from the root `Dockerfile` (its working
/// directory, environment and command) behind the platform's nginx on the container port,
/// or no platform proxy at all when the deployment is a `docker-compose.yml` (facts.md §9).
package struct ContainerDeployment: Sendable {
  package var ports: DockerPlatform
  package var image: DockerfileImage?
  /// The container's command read as an app server, nil when it is not one ebcheck reads.
  package var process: ProcfileProcess?
  /// Why the app server in the container is not known, when `process` is nil.
  package var unknownReason: String?
  /// Where the command (or the file that leaves it unknown) is written.
  package var unknownLocation: Location?
  /// The file the container's command is written in (the Dockerfile, or Dockerrun v1's `Command`).
  package var dockerfile: String?
  /// Multi-container Docker: nothing can answer on port 80, and why (at the file's place).
  package var nothingOnPort80: Sourced<String>?
  /// The app server's working directory in the image (absolute): its `cd`/`--chdir`/
  /// `directory=` from WORKDIR; WORKDIR itself while the command is not read; nil when the
  /// Dockerfile sets none (the base image's is not in the repository).
  package var workingDirectory: String?
  /// Multi-container Docker: the images of the containers the port-80 container proxies to,
  /// when the repository builds none of them (at the first image's name): what they hold is
  /// not this repository's code unless they were built from it.
  package var unbuiltAppImages: Sourced<String>?

  /// Dockerrun v2: exactly one container must publish host port 80 (there is no platform proxy).
  package mutating func readContainers(_ files: SourceFiles) {
    guard let file = files["Dockerrun.aws.json"], let definition = DockerrunContainers.read(file)
    else {
      unknownReason = "multi-container Docker: Dockerrun.aws.json v2 could not be read"
      return
    }
    let publishing = definition.publishing(80)
    unknownLocation = Location(file: file.path, span: Span(at: 0))
    switch publishing.count {
    case 0:
      nothingOnPort80 = Sourced(
        "no container of Dockerrun.aws.json maps host port 80",
        at: Location(file: file.path, span: Span(at: 0)))
    case 1:
      let (container, mapping) = publishing[0]
      unknownLocation = mapping.location ?? unknownLocation
      let missing = container.links.filter { link in
        !definition.containers.contains { $0.name == link }
      }
      if !missing.isEmpty {
        unknownReason =
          "container '\(container.name)' links to \(missing.joined(separator: ", ")), which no container is named"
      } else if let nginx = ContainerNginx.read(container, in: definition, files: files) {
        switch nginx {
        case .refuses(let reason): nothingOnPort80 = reason
        case .proxies(let detail):
          unknownReason = detail
          unbuiltAppImages = Self.unbuiltImages(linkedFrom: container, in: definition, files)
        }
      } else if container.links.isEmpty {
        unknownReason =
          "container '\(container.name)' (\(container.image ?? "built image")) answers on port 80; its command is not simulated"
      } else {
        unknownReason =
          "container '\(container.name)' (\(container.image ?? "image")) answers on port 80 and proxies to \(container.links.joined(separator: ", ")); its configuration is not simulated"
      }
    default:
      let names = publishing.map { "'\($0.0.name)'" }.joined(separator: " and ")
      nothingOnPort80 = Sourced(
        "containers \(names) both map host port 80: the task cannot start",
        at: publishing[1].1.location)
    }
  }

  /// The images of `container`'s links, when no file of the repository builds any of them.
  static func unbuiltImages(
    linkedFrom container: DockerrunContainers.Container, in definition: DockerrunContainers,
    _ files: SourceFiles
  ) -> Sourced<String>? {
    let linked = container.links.compactMap { link in
      definition.containers.first { $0.name == link }
    }
    let images = linked.compactMap(\.image)
    guard !images.isEmpty, images.count == linked.count,
      images.allSatisfy({ DockerImageBuild.builds(of: $0, in: files).isEmpty })
    else { return nil }
    return Sourced(images.joined(separator: " and "), at: linked.first?.imageLocation)
  }

  package static func load(_ files: SourceFiles, runtime: Platform.Runtime) -> ContainerDeployment?
  {
    guard let ports = DockerPlatform.load(from: files) else { return nil }
    let file = files["Dockerfile"]
    let image = file.map(DockerfileImage.read)
    var deployment = ContainerDeployment(
      ports: ports, image: image, process: nil, unknownReason: nil, dockerfile: file?.path)
    deployment.workingDirectory = image?.workdir
    if runtime == .multicontainerDocker {
      deployment.readContainers(files)
      return deployment
    }
    if ports.source == .compose, let compose = DockerPlatform.composeFile(files) {
      deployment.readCompose(compose)
      return deployment
    }
    // Dockerrun v1's `Command` replaces the image's CMD (facts.md §9).
    if ports.source == .dockerrun, let dockerrun = files["Dockerrun.aws.json"],
      let command = DockerrunCommand.read(dockerrun)
    {
      guard command.entrypoint == nil else {
        deployment.unknownReason = "Dockerrun.aws.json sets an Entrypoint ebcheck does not read"
        deployment.unknownLocation = command.location
        return deployment
      }
      deployment.dockerfile = dockerrun.path
      var process = ProcfileModel.analyze(
        name: "web", bytes: command.bytes, offset: command.offset ?? 0)
      if command.offset == nil {
        process.portSpan = nil
        process.moduleSpan = nil
        process.appSpan = nil
      }
      return deployment.running(process, at: command.location, image: image, entrypoint: false)
    }
    guard let image, let command = image.command else {
      deployment.unknownReason =
        file == nil
        ? "the image is pulled from a registry: its command is not in the repository"
        : "the Dockerfile has no CMD or ENTRYPOINT of its own (the base image's runs)"
      deployment.unknownLocation = (file ?? files["Dockerrun.aws.json"]).map {
        Location(file: $0.path, span: Span(at: 0))
      }
      return deployment
    }
    var process = ProcfileModel.analyze(
      name: "web", bytes: command.bytes, offset: command.offset ?? 0)
    if command.offset == nil {
      process.portSpan = nil
      process.moduleSpan = nil
      process.appSpan = nil
    }
    if process.server == .unknown,
      let script = ContainerStartScript.read(
        process.command, image: image, dockerfile: file, files: files)
        ?? ContainerSupervisor.read(process.command, image: image, dockerfile: file, files: files)
    {
      deployment.dockerfile = script.script
      return deployment.running(
        script.process, at: script.location, image: image, entrypoint: false)
    }
    return deployment.running(
      process, at: command.location, image: image, entrypoint: command.hasEntrypoint)
  }

  /// The deployment with `process` as the container's server, or the reason it is not one.
  func running(
    _ analyzed: ProcfileProcess, at location: Location, image: DockerfileImage?, entrypoint: Bool
  ) -> ContainerDeployment {
    var deployment = self
    var process = analyzed
    process.location = location
    guard process.server != .unknown else {
      let text = process.command.trimmingWhitespace()
      let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
      deployment.unknownReason =
        "the container runs `\(shown)`, not an app server ebcheck reads"
        + (entrypoint ? " (an ENTRYPOINT script)" : "")
      deployment.unknownLocation = location
      return deployment
    }
    if let chdir = process.chdir {
      let start = image?.workdir ?? "/"
      deployment.workingDirectory = RelativePath.normalize(
        chdir.hasPrefix("/") ? chdir : start + "/" + chdir)
    }
    // The command starts in WORKDIR; where that is in the repository depends on COPY.
    if let root = image?.repositoryWorkdir, !root.isEmpty {
      process.chdir = process.chdir.map { $0.hasPrefix("/") ? $0 : root + "/" + $0 } ?? root
    }
    deployment.process = process
    return deployment
  }

  /// The command as a one-process Procfile located in the Dockerfile.
  package var procfile: ProcfileModel {
    ProcfileModel(file: dockerfile, processes: process.map { [$0] } ?? [])
  }

  /// A loopback address inside the container is not reachable from the platform's nginx,
  /// which connects to the container's own address on the docker network.
  package static func isLoopback(_ host: String?) -> Bool {
    guard let host else { return false }
    return ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
      || host.hasPrefix("127.")
  }
}

extension AppServer {
  /// What running in the container changes: the server reached on the container's address.
  package mutating func applyContainer(_ container: ContainerDeployment) {
    guard let process = container.process else {
      // Nothing on port 80 decides the answer, whatever the commands are.
      if let nothing = container.nothingOnPort80 {
        obstacle = .nothingOnPort80(nothing)
      } else if let reason = container.unknownReason {
        obstacle = .commandUnread(Sourced(reason, at: container.unknownLocation))
      }
      unbuiltImage = container.unbuiltAppImages
      return
    }
    // A bind from gunicorn's configuration file names its own host; only the command's
    // (or the server's default) host is known here.
    let fromConfigFile = port?.origin.hasPrefix("bind in") ?? false
    guard process.unixSocket == nil, !fromConfigFile, ContainerDeployment.isLoopback(process.host)
    else { return }
    let location = process.portSpan.map { Location(file: container.dockerfile ?? "", span: $0) }
    obstacle = .loopbackBind(
      Sourced(
        process.host ?? "127.0.0.1", at: location ?? process.location,
        origin: process.bindStated ? "" : "\(process.server.rawValue)'s default bind"))
  }
}
