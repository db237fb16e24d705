import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// The deployed file system of code that runs in a container: the image its Dockerfile
/// builds from a build context of the bundle. Each `COPY`/`ADD` of the last stage (and of
/// the stages it starts from) puts context files at their image paths, leaving out what the
/// context's `.dockerignore` excludes; the bundle itself lacks what git ignores. So
/// `__file__`, file tests and `open()` answer from where the image has each file, and a file
/// no copy brings does not exist there.
package enum ContainerImageLayout {
  /// `workingDirectory`: the app server's, absolute in the image (nil when not known).
  package static func files(
    dockerfile: SourceFile, context: String, workingDirectory: String?, source: SourceFiles
  ) -> DeployedFiles {
    let copies = DockerfileCopies.read(dockerfile)
    let ignore = DockerIgnore.of(context: context, in: source)
    var image = ContainerImageFiles(origin: "the image built from \(dockerfile.path)")
    let paths = source.paths + source.unreadFiles.sorted()
    for placed in copies.placements(context: context, paths: paths, ignore: ignore) {
      image.add(imagePath: placed.imagePath, repositoryPath: placed.repositoryPath)
    }
    var appRoot: String?
    for copy in copies.copies {
      let place = ContainerNginx.place(copy.location, source)
      for written in copy.sources {
        guard let folder = DockerImageBuild.inRepository(context, written),
          !written.contains(where: { "*?[".contains($0) }),
          folder.isEmpty || paths.contains(where: { $0.hasPrefix(folder + "/") })
        else { continue }
        image.fill(copy.destination, from: folder, at: place)
        if let ignoreFile = ignore.file {
          let prefix = folder.isEmpty ? "" : folder + "/"
          for path in paths where path.hasPrefix(prefix) {
            let inContext = context.isEmpty ? path : String(path.dropFirst(context.count + 1))
            if ignore.excludes(inContext) { image.leftOut[path] = ignoreFile }
          }
        }
        if folder == context { appRoot = DeployedFiles.normalized(copy.destination) }
      }
    }
    image.unseen = staged(source) + reincluded(source)
    image.steps = copies.runs.map {
      ContainerImageFiles.Step(
        command: $0.command, place: ContainerNginx.place($0.location, source))
    }
    return DeployedFiles.container(
      image, appRoot: appRoot ?? workingDirectory ?? "/", workingDirectory: workingDirectory)
  }

  /// The git-ignored paths a deploy script stages into the bundle (`git add -f`, then
  /// `eb deploy --staged`): there at run time, with text the repository does not hold.
  static func staged(_ source: SourceFiles) -> [ContainerImageFiles.Unseen] {
    source.all.filter { $0.kind == .deployScript }.compactMap(DeployScript.read).flatMap {
      $0.staged.map {
        ContainerImageFiles.Unseen(
          path: $0.path,
          reason:
            "\(ContainerNginx.place($0.location, source)) stages it with `git add -f` before `eb deploy --staged`"
        )
      }
    }
  }

  /// With an `.ebignore` the EB CLI zips the working folder, committed or not: a `!PATH` line
  /// (a literal path, no wildcard) puts back a file or folder the author keeps there. Where
  /// the repository holds nothing at that path (it is git-ignored, a secret never committed),
  /// it is deployed all the same, with text the repository does not show.
  static func reincluded(_ source: SourceFiles) -> [ContainerImageFiles.Unseen] {
    guard let file = source[".ebignore"], file.kind == .ebignore else { return [] }
    let wildcards: Set<Character> = ["*", "?", "[", "\\"]
    return EBIgnore(bytes: file.bytes).patterns.compactMap { pattern in
      var path = pattern.text.dropFirst()  // the `!`
      while path.hasPrefix("/") { path = path.dropFirst() }
      while path.hasSuffix("/") { path = path.dropLast() }
      guard pattern.negated, !path.isEmpty, !path.contains(where: wildcards.contains) else {
        return nil
      }
      let folder = String(path)
      let held = source.all.contains { $0.path == folder || $0.path.hasPrefix(folder + "/") }
      guard !held else { return nil }
      return ContainerImageFiles.Unseen(
        path: folder,
        reason:
          ".ebignore:\(pattern.line) puts it back in the bundle `eb deploy` zips from the working folder"
      )
    }
  }
}
