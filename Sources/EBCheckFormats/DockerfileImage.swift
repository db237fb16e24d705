import EBCheckCore

/// What a Dockerfile's last stage says about the container Beanstalk starts from it: the
/// working directory, where the repository is copied, the first exposed port and the command
/// (`ENTRYPOINT` + `CMD`). Values may use `${NAME}`, `$NAME` and `${NAME:-default}` from
/// earlier `ARG` defaults and `ENV` lines of the stage, as Docker substitutes them.
public struct DockerfileImage: Sendable, Hashable {
  /// `WORKDIR`, made absolute against the previous one.
  public var workdir: String?
  /// The destination of `COPY . DEST` (or `ADD . DEST`): where the repository lands.
  public var copyDestination: String?
  /// The first port of the stage's first `EXPOSE`, with the digits' place.
  public var exposedPort: Sourced<Int>?
  /// The command the container runs, nil when the stage has neither CMD nor ENTRYPOINT.
  public var command: ContainerCommand?

  /// The working directory inside the repository (`""` for the root), nil when the image's
  /// working directory is not under the copied repository.
  public var repositoryWorkdir: String? {
    guard let copy = copyDestination.map(Self.normalized) else {
      return workdir == nil ? "" : nil
    }
    let work = Self.normalized(workdir ?? "/")
    if work == copy { return "" }
    let prefix = copy == "/" ? "/" : copy + "/"
    return work.hasPrefix(prefix) ? String(work.dropFirst(prefix.count)) : nil
  }

  static func normalized(_ path: String) -> String {
    var text = path
    while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
    return text.hasPrefix("/") ? text : "/" + text
  }

  public static func read(_ file: SourceFile) -> DockerfileImage {
    var image = DockerfileImage()
    var values: [String: String] = [:]
    var cmd: ContainerCommand.Part?
    var entrypoint: ContainerCommand.Part?
    // `FROM stage`: a stage built on an earlier one starts with all it set (ENV, WORKDIR, CMD).
    typealias Stage = (
      DockerfileImage, [String: String], ContainerCommand.Part?, ContainerCommand.Part?
    )
    var stages: [String: Stage] = [:]
    var stage: String?
    for instruction in DockerfileInstruction.all(in: file) {
      switch instruction.keyword {
      case "FROM":
        if let stage { stages[stage] = (image, values, cmd, entrypoint) }
        let words = instruction.argument.split(separator: " ").filter { !$0.hasPrefix("--") }
        if let base = words.first, let earlier = stages[base.lowercased()] {
          (image, values, cmd, entrypoint) = earlier
        } else {
          image = DockerfileImage()
          values = [:]
          cmd = nil
          entrypoint = nil
        }
        stage =
          words.count >= 3 && words[words.count - 2].lowercased() == "as"
          ? words[words.count - 1].lowercased() : nil
      case "ARG":
        for (name, value) in instruction.assignments() where values[name] == nil {
          values[name] = substitute(value, values)
        }
      case "ENV":
        for (name, value) in instruction.assignments() { values[name] = substitute(value, values) }
      case "WORKDIR":
        let path = substitute(instruction.argument.trimmingWhitespace(), values)
        if path.hasPrefix("/") || image.workdir == nil {
          image.workdir = normalized(path)
        } else if let current = image.workdir {
          image.workdir = normalized(current + "/" + path)
        }
      case "COPY", "ADD":
        let words = instruction.argument.split(separator: " ").filter { !$0.hasPrefix("--") }
        if words.count >= 2, let last = words.last,
          words.dropLast().contains(where: { [".", "./"].contains($0) })
        {
          var destination = substitute(String(last), values)
          if !destination.hasPrefix("/") {
            destination = (image.workdir ?? "/") + "/" + destination
          }
          image.copyDestination = normalized(destination)
        }
      case "EXPOSE":
        if image.exposedPort == nil, let port = instruction.firstNumber() {
          image.exposedPort = Sourced(
            port.0, at: Location(file: file.path, span: port.1), origin: "Dockerfile EXPOSE")
        }
      case "CMD": cmd = instruction.commandPart()
      case "ENTRYPOINT":
        entrypoint = instruction.commandPart()
        cmd = nil  // Docker resets CMD inherited before an ENTRYPOINT of the same stage.
      default: break
      }
    }
    image.command = ContainerCommand(file: file, entrypoint: entrypoint, cmd: cmd)
    return image
  }

  /// `${NAME}`, `${NAME:-default}`, `$NAME` replaced from `values` (an unknown name is empty).
  public static func substitute(_ text: String, _ values: [String: String]) -> String {
    guard text.contains("$") else { return text }
    var result = ""
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let next = text.index(after: index)
      guard character == "$", next < text.endIndex else {
        result.append(character)
        index = next
        continue
      }
      if text[next] == "{", let close = text[next...].firstIndex(of: "}") {
        let body = String(text[text.index(after: next)..<close])
        if let range = body.firstRange(of: ":-") {
          let value = values[String(body[..<range.lowerBound])] ?? ""
          result += value.isEmpty ? String(body[range.upperBound...]) : value
        } else {
          result += values[body] ?? ""
        }
        index = text.index(after: close)
        continue
      }
      let name = text[next...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      if name.isEmpty || name.first?.isNumber == true {
        result.append(character)
        index = next
        continue
      }
      result += values[String(name)] ?? ""
      index = name.endIndex
    }
    return result
  }
}

/// The container's command: an exec-form (`["gunicorn", "app.wsgi"]`) or shell-form
/// (`gunicorn app.wsgi`) ENTRYPOINT and CMD, joined as Docker joins them, as one shell
/// line whose bytes sit where they are in the Dockerfile (so spans point into it).
public struct ContainerCommand: Sendable, Hashable {
  /// One instruction's argument: its place in the file and whether it is a JSON array.
  public struct Part: Sendable, Hashable {
    public var span: Span
    public var isExec: Bool
  }

  /// The command with the JSON punctuation and line continuations blanked; `bytes[i]` is
  /// the file's byte at `offset + i`, except where the parts were out of order (`offset` nil).
  public var bytes: [UInt8]
  public var offset: Int?
  public var location: Location
  /// `ENTRYPOINT` runs first: a script ebcheck does not read may change what runs.
  public var hasEntrypoint: Bool

  /// nil when there is nothing to run (no CMD nor ENTRYPOINT).
  public init?(file: SourceFile, entrypoint: Part?, cmd: Part?) {
    // A shell-form ENTRYPOINT ignores CMD; an exec-form one takes CMD's words as arguments.
    let parts: [Part] =
      if let entrypoint {
        entrypoint.isExec ? [entrypoint] + (cmd.map { [$0] } ?? []) : [entrypoint]
      } else { cmd.map { [$0] } ?? [] }
    guard let first = parts.first, let last = parts.last else { return nil }
    hasEntrypoint = entrypoint != nil
    let blanked = parts.map {
      Self.blank(Array(file.bytes[$0.span.start..<$0.span.end]), isExec: $0.isExec)
    }
    if parts.count == 2, first.span.end <= last.span.start {
      let gap = [UInt8](repeating: 0x20, count: last.span.start - first.span.end)
      bytes = blanked[0] + gap + blanked[1]
      offset = first.span.start
    } else {
      bytes = blanked.count == 2 ? blanked[0] + [0x20] + blanked[1] : blanked[0]
      offset = parts.count == 1 ? first.span.start : nil
    }
    location = Location(
      file: file.path,
      span: Span(
        min(first.span.start, last.span.start),
        max(first.span.end, last.span.end)))
  }

  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Same length as `bytes`: continuations (`\` + newline) and, in the exec form, the
  /// brackets, commas and quotes become blanks; a word with blanks inside keeps single quotes.
  static func blank(_ bytes: [UInt8], isExec: Bool) -> [UInt8] {
    var out = bytes
    var index = 0
    while index < out.count {
      if out[index] == UInt8(ascii: "\\"), index + 1 < out.count,
        out[index + 1] == 0x0A || out[index + 1] == 0x0D
      {
        out[index] = 0x20
        index += 1
        while index < out.count, out[index] == 0x0A || out[index] == 0x0D {
          out[index] = 0x20
          index += 1
        }
        continue
      }
      if out[index] == 0x0A || out[index] == 0x0D { out[index] = 0x20 }
      index += 1
    }
    guard isExec else { return out }
    var inString = false
    var start = 0
    index = 0
    while index < out.count {
      let byte = out[index]
      if inString {
        if byte == UInt8(ascii: "\\") {
          index += 2
          continue
        }
        if byte == UInt8(ascii: "\"") {
          inString = false
          let word = out[(start + 1)..<index]
          let needsQuotes = word.contains { [0x20, 0x09, 0x26, 0x7C, 0x3B, 0x24].contains($0) }
          let quote: UInt8 = needsQuotes ? UInt8(ascii: "'") : 0x20
          out[start] = quote
          out[index] = quote
        }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
        start = index
      } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: ",")
      {
        out[index] = 0x20
      }
      index += 1
    }
    return out
  }
}

/// One Dockerfile instruction (continuation lines joined), its keyword and argument.
struct DockerfileInstruction {
  var keyword: String
  /// The argument text with continuations blanked.
  var argument: String
  var argumentSpan: Span
  var file: SourceFile

  static func all(in file: SourceFile) -> [DockerfileInstruction] {
    var instructions: [DockerfileInstruction] = []
    var line = 1
    let count = file.lineIndex.lineCount
    while line <= count {
      let range = file.lineIndex.lineContentRange(line: line)
      let text = file.text(Span(range.lowerBound, range.upperBound))
      let lead = text.prefix { $0 == " " || $0 == "\t" }.utf8.count
      let body = text.dropFirst(lead)
      var end = range.upperBound
      var last = text
      // A trailing backslash continues the instruction on the next line.
      while last.trimmingWhitespace().hasSuffix("\\"), line < count {
        line += 1
        let next = file.lineIndex.lineContentRange(line: line)
        end = next.upperBound
        last = file.text(Span(next.lowerBound, next.upperBound))
      }
      line += 1
      guard !body.isEmpty, !body.hasPrefix("#") else { continue }
      let keyword = body.prefix { !$0.isWhitespace }
      let start = range.lowerBound + lead + keyword.utf8.count
      let raw = Array(file.bytes[start..<end])
      let argument = String(decoding: ContainerCommand.blank(raw, isExec: false), as: UTF8.self)
      instructions.append(
        DockerfileInstruction(
          keyword: keyword.uppercased(), argument: argument, argumentSpan: Span(start, end),
          file: file))
    }
    return instructions
  }

  /// `NAME=value NAME2="v"` or the legacy `NAME value` (ARG: `NAME` or `NAME=default`).
  func assignments() -> [(String, String)] {
    let words = DockerfileEnvironment.words(Substring(argument), startingAt: 0).map(\.0)
    let pairs = words.compactMap { word -> (String, String)? in
      guard let equals = word.firstIndex(of: "=") else { return nil }
      return (
        String(word[..<equals]),
        DockerfileEnvironment.unquoted(String(word[word.index(after: equals)...]))
      )
    }
    if words.first?.contains("=") == true || keyword == "ARG" { return pairs }
    guard words.count >= 2 else { return [] }
    let rest = argument.trimmingWhitespace().dropFirst(words[0].count).trimmingWhitespace()
    return [(words[0], DockerfileEnvironment.unquoted(rest))]
  }

  /// The first number of the argument (`EXPOSE 8000/tcp`) with its span.
  func firstNumber() -> (Int, Span)? {
    var offset = argumentSpan.start
    var digits = ""
    var start = 0
    for byte in Array(argument.utf8) + [0x20] {
      if byte >= 48 && byte <= 57 {
        if digits.isEmpty { start = offset }
        digits.append(Character(UnicodeScalar(byte)))
      } else if !digits.isEmpty {
        return Int(digits).map { ($0, Span(start, offset)) }
      } else if byte != 0x20 && byte != 0x09 {
        return nil
      }
      offset += 1
    }
    return nil
  }

  func commandPart() -> ContainerCommand.Part {
    let lead = argument.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
    let trimmedEnd = argument.utf8.reversed().prefix { $0 == 0x20 || $0 == 0x09 }.count
    let start = argumentSpan.start + lead
    let end = max(start, argumentSpan.end - trimmedEnd)
    let text = argument.trimmingWhitespace()
    return ContainerCommand.Part(
      span: Span(start, end), isExec: text.hasPrefix("[") && text.hasSuffix("]"))
  }
}

extension ProcfileModel {
  /// A process that is not a Procfile's (the container's command), located in `file`.
  package init(file: String?, processes: [ProcfileProcess]) {
    self.init(file: file, processes: processes, diagnostics: [])
  }
}
