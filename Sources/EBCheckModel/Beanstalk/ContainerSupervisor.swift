import EBCheckCore
import EBCheckFormats

/// A container whose command is supervisord: the `[program:NAME]` sections of the
/// configuration file it reads (`-c FILE`, found where the Dockerfile copies it) start the
/// programs; the one program that is an app server is the container's server, in the
/// section's `directory=`.
package enum ContainerSupervisor {
  /// The app server supervisord starts, with spans in the configuration file; nil when the
  /// command is not supervisord, the file is not the repository's, or not exactly one
  /// program is an app server.
  package static func read(
    _ command: String, image: DockerfileImage, dockerfile: SourceFile?, files: SourceFiles
  ) -> ContainerStartScript? {
    let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard let program = words.first, program.split(separator: "/").last == "supervisord",
      let flag = words.firstIndex(where: { $0 == "-c" || $0 == "--configuration" }),
      flag + 1 < words.count, let dockerfile
    else { return nil }
    let workdir = image.workdir ?? "/"
    let path = words[flag + 1]
    let inImage = RelativePath.normalize(path.hasPrefix("/") ? path : workdir + "/" + path)
    let copied = DockerfileCopies.read(dockerfile).files(under: "/", context: "", in: files)
    guard let file = copied.last(where: { $0.path == inImage })?.file else { return nil }
    let servers = programs(file).compactMap { program -> ContainerStartScript? in
      var process = ProcfileModel.analyze(
        name: program.name, bytes: Array(file.bytes[program.command]),
        offset: program.command.lowerBound)
      guard process.server != .unknown else { return nil }
      if let directory = program.directory {
        let work = RelativePath.normalize(workdir)
        let target = RelativePath.normalize(directory)
        if target != work {
          guard target.hasPrefix(work == "/" ? "/" : work + "/") else { return nil }
          let relative = String(target.dropFirst(work == "/" ? 1 : work.count + 1))
          process.chdir = process.chdir.map { relative + "/" + $0 } ?? relative
        }
      }
      return ContainerStartScript(
        process: process, script: file.path,
        location: Location(
          file: file.path, span: Span(program.command.lowerBound, program.command.upperBound)))
    }
    return servers.count == 1 ? servers[0] : nil
  }

  /// One `[program:NAME]` section: the `command=` value's byte range and `directory=`.
  struct Program {
    var name: String
    var command: Range<Int>
    var directory: String?
  }

  static func programs(_ file: SourceFile) -> [Program] {
    var found: [Program] = []
    var name: String?
    var command: Range<Int>?
    var directory: String?
    func close() {
      if let name, let command {
        found.append(Program(name: name, command: command, directory: directory))
      }
    }
    for line in 1...max(1, file.lineIndex.lineCount) {
      let range = file.lineIndex.lineContentRange(line: line)
      let text = file.text(Span(range.lowerBound, range.upperBound))
      let trimmed = text.trimmingWhitespace()
      if trimmed.hasPrefix("[") {
        close()
        let header = trimmed.dropFirst().prefix { $0 != "]" }
        name = header.hasPrefix("program:") ? String(header.dropFirst(8)) : nil
        command = nil
        directory = nil
        continue
      }
      guard name != nil, !trimmed.hasPrefix(";"), !trimmed.hasPrefix("#"),
        let equals = text.firstIndex(of: "=")
      else { continue }
      let key = text[..<equals].trimmingWhitespace()
      let rawValue = text[text.index(after: equals)...]
      let value = rawValue.trimmingWhitespace()
      // An inline comment starts at ` ;`; a `%(…)s` expansion is not read.
      guard !value.contains("%(") else {
        if key == "command" { command = nil }
        continue
      }
      if key == "command", !value.isEmpty {
        let lead = rawValue.utf8.count - rawValue.drop { $0 == " " || $0 == "\t" }.utf8.count
        let start = range.lowerBound + text[..<equals].utf8.count + 1 + lead
        let body = value.firstRange(of: " ;").map { String(value[..<$0.lowerBound]) } ?? value
        command = start..<(start + body.trimmingWhitespace().utf8.count)
      } else if key == "directory" {
        directory = value
      }
    }
    close()
    return found
  }
}
