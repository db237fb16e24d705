import EBCheckCore
import EBCheckFormats

/// A container command that runs a shell script of the repository (`CMD ["/start.sh"]`,
/// `ENTRYPOINT ["./docker-entrypoint.sh"]`): the script's last command is what keeps the
/// container running, so it is the app server when it names one. The script is found where
/// the Dockerfile copies it (`COPY docker/start.sh /start.sh`) or under the copied
/// repository; a `cd` at the script's top level before that command is its working directory.
package struct ContainerStartScript {
  /// The last command, analyzed as a process whose spans point into the script.
  package var process: ProcfileProcess
  package var script: String
  package var location: Location

  static let shells: Set<String> = ["sh", "bash", "/bin/sh", "/bin/bash", "/usr/bin/env"]

  /// nil when the command runs no script of the repository, or the script's last command is
  /// not one line at its top level (inside an `if`, in the background, or `exec "$@"`).
  package static func read(
    _ command: String, image: DockerfileImage, dockerfile: SourceFile?, files: SourceFiles
  ) -> ContainerStartScript? {
    var words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    while let first = words.first, shells.contains(first) || first == "bash" { words.removeFirst() }
    guard words.count == 1, let path = words.first,
      let file = script(path, image, dockerfile, files)
    else { return nil }
    return lastCommand(file, image: image)
  }

  /// The repository file at the script's path in the image.
  static func script(
    _ path: String, _ image: DockerfileImage, _ dockerfile: SourceFile?, _ files: SourceFiles
  ) -> SourceFile? {
    let workdir = image.workdir ?? "/"
    let inImage = RelativePath.normalize(path.hasPrefix("/") ? path : workdir + "/" + path)
    guard let dockerfile else { return nil }
    let copied = DockerfileCopies.read(dockerfile).files(under: "/", context: "", in: files)
    return copied.last { $0.path == inImage }?.file
  }

  /// The script's last command line and the directory its top-level `cd`s lead to.
  static func lastCommand(_ file: SourceFile, image: DockerfileImage) -> ContainerStartScript? {
    var chdir: String?
    var last: (Range<Int>, String)?
    for line in 1...max(1, file.lineIndex.lineCount) {
      let range = file.lineIndex.lineContentRange(line: line)
      let text = file.text(Span(range.lowerBound, range.upperBound))
      let trimmed = text.trimmingWhitespace()
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      guard let first = text.first, first != " ", first != "\t" else {
        last = nil  // an indented line: the last command may sit inside a block
        continue
      }
      if trimmed.hasPrefix("cd ") {
        guard let next = directory(String(trimmed.dropFirst(3)), after: chdir, image: image)
        else { return nil }
        chdir = next
      }
      last = (range, trimmed)
    }
    guard var (range, text) = last, !text.hasSuffix("&"), !text.contains("$@"),
      !["fi", "done", "esac", "}"].contains(text), !text.hasPrefix("cd ")
    else { return nil }
    if text.hasPrefix("exec ") {
      let lead = text.utf8.count - text.dropFirst(5).drop { $0 == " " }.utf8.count
      range = (range.lowerBound + lead)..<range.upperBound
      text = String(text.dropFirst(5)).trimmingWhitespace()
    }
    let bytes = Array(file.bytes[range])
    var process = ProcfileModel.analyze(name: "web", bytes: bytes, offset: range.lowerBound)
    guard process.server != .unknown else { return nil }
    if let chdir, chdir != "." {
      process.chdir = process.chdir.map { $0.hasPrefix("/") ? $0 : chdir + "/" + $0 } ?? chdir
    }
    return ContainerStartScript(
      process: process, script: file.path,
      location: Location(file: file.path, span: Span(range.lowerBound, range.upperBound)))
  }

  /// A `cd` target relative to WORKDIR; nil (unknown) for an absolute one elsewhere.
  static func directory(_ target: String, after current: String?, image: DockerfileImage)
    -> String?
  {
    let path = target.trimmingWhitespace().filter { $0 != "\"" && $0 != "'" }
    if path.hasPrefix("/") {
      return RelativePath.normalize(path) == image.workdir.map(RelativePath.normalize) ? "." : nil
    }
    guard !path.contains("$") else { return nil }
    return RelativePath.normalize((current ?? ".") + "/" + path)
  }
}
