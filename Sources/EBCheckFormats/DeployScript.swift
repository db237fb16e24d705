import EBCheckCore

/// The copies a deploy script makes into the source bundle before it runs `eb deploy`
/// (`cp "environments/$ENV_NAME/Dockerrun.aws.json" .`): what the uploaded bundle holds
/// besides the repository's own files. Read, never run.
public struct DeployScript: Sendable, Hashable {
  /// One `cp` or `mv` of a repository file to a place in the bundle.
  public struct Copy: Sendable, Hashable {
    /// The source as written, relative to the repository root; `$NAME` or `${NAME}` may stand
    /// for one path component.
    public var source: String
    /// Where the file lands in the bundle, relative to its root.
    public var destination: String
    /// The `cp` line.
    public var location: Location
  }

  /// A path the script force-adds to git's index before `eb deploy --staged` uploads the
  /// index (`git add -f .secrets`): a git-ignored path the bundle holds although the
  /// repository does not.
  public struct Staged: Sendable, Hashable {
    /// Relative to the repository root.
    public var path: String
    /// The `git add` line.
    public var location: Location
  }

  /// The copies written before the script's last `eb deploy`, in order.
  public var copies: [Copy]
  /// The paths force-staged before an `eb deploy --staged`.
  public var staged: [Staged] = []
  /// The `eb deploy` line.
  public var deploy: Location

  /// nil when the file runs no `eb deploy`, or copies or stages nothing into the bundle before it.
  /// A Makefile's `$(NAME)` is a variable like the shell's `${NAME}`, and each recipe line
  /// runs in a shell of its own; a `cd DIR` moves the paths of the commands after it (for
  /// the rest of the script, or of the recipe line), and an unreadable `cd` stops reading
  /// copies until the working directory is known again.
  public static func read(_ file: SourceFile) -> DeployScript? {
    let makefile =
      file.path.split(separator: "/").last.map {
        $0 == "Makefile" || $0.hasSuffix(".mk")
      } ?? false
    var copies: [Copy] = []
    var deploy: Location?
    var pending: [Copy] = []
    var staged: [Staged] = []
    var pendingStaged: [Staged] = []
    var folder: String? = ""
    for line in 1...max(1, file.lineIndex.lineCount) {
      let range = file.lineIndex.lineContentRange(line: line)
      var text = file.text(Span(range.lowerBound, range.upperBound))
      if makefile {
        text = Self.makeVariablesAsShell(text)
        folder = ""
      }
      for segment in Self.segments(text) {
        let words = Self.words(segment.text).map {
          Word(text: $0.text, offset: $0.offset + segment.offset, end: $0.end + segment.offset)
        }
        guard var first = words.first?.text else { continue }
        if makefile { first = String(first.drop { $0 == "@" || $0 == "-" }) }
        if first == "cd" {
          folder = folder.flatMap { Self.moved($0, words.count == 2 ? words[1].text : nil) }
          continue
        }
        if let index = words.firstIndex(where: { $0.text == "eb" }),
          index + 1 < words.count, words[index + 1].text == "deploy"
        {
          deploy = Location(
            file: file.path,
            span: Span(
              range.lowerBound + words[index].offset, range.lowerBound + words[index + 1].end))
          copies += pending
          pending = []
          if words[(index + 2)...].contains(where: { $0.text == "--staged" }) {
            staged += pendingStaged
          }
          pendingStaged = []
          continue
        }
        if first == "git", words.count >= 3, words[1].text == "add",
          words.contains(where: { $0.text == "-f" || $0.text == "--force" }), let folder
        {
          for operand in words.dropFirst(2) where !operand.text.hasPrefix("-") {
            guard !operand.text.contains("$"), !operand.text.contains("*"),
              let path = Self.joined(folder, operand.text).map(Self.normalized), path != ".",
              !path.hasPrefix("/")
            else { continue }
            let span = Span(range.lowerBound + words[0].offset, range.lowerBound + operand.end)
            pendingStaged.append(
              Staged(path: path, location: Location(file: file.path, span: span)))
          }
          continue
        }
        guard first == "cp" || first == "mv", let folder else { continue }
        let operands = words.dropFirst().filter { !$0.text.hasPrefix("-") }
        guard operands.count == 2 else { continue }
        var from = operands[operands.startIndex]
        var to = operands[operands.startIndex + 1]
        if !folder.isEmpty {
          guard let source = Self.joined(folder, from.text),
            let destination = Self.joined(folder, to.text)
          else { continue }
          from.text = source
          to.text = destination
        }
        guard let copy = copy(from, to, line: range, file: file) else { continue }
        pending.append(copy)
      }
    }
    guard let deploy, !copies.isEmpty || !staged.isEmpty else { return nil }
    return DeployScript(copies: copies, staged: staged, deploy: deploy)
  }

  /// `cd DIR` from `folder` (relative to the repository root): nil when DIR is absolute, has
  /// a variable, is missing (`cd` alone goes home) or climbs out of the repository.
  static func moved(_ folder: String, _ target: String?) -> String? {
    guard let target, !target.hasPrefix("/"), !target.contains("$"), !target.hasPrefix("~"),
      target != "-"
    else { return nil }
    var parts = folder.split(separator: "/").map(String.init)
    for part in target.split(separator: "/") where part != "." {
      if part == ".." {
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      } else {
        parts.append(String(part))
      }
    }
    return parts.joined(separator: "/")
  }

  /// A relative path from `folder`, `..` resolved (nil when it climbs out of the repository);
  /// a trailing `/` is kept. Absolute paths stay as they are.
  static func joined(_ folder: String, _ path: String) -> String? {
    guard !path.hasPrefix("/") else { return path }
    var parts = folder.split(separator: "/").map(String.init)
    for part in path.split(separator: "/") where part != "." {
      if part == ".." {
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      } else {
        parts.append(String(part))
      }
    }
    let text = parts.joined(separator: "/")
    return path.hasSuffix("/") && !text.isEmpty ? text + "/" : (text.isEmpty ? "." : text)
  }

  /// A make recipe line as the shell sees it, byte for byte: `$(NAME)` becomes `${NAME}`
  /// (the same length, so offsets hold). Other `$(...)` (make functions) stay as they are,
  /// so the words reader refuses them.
  static func makeVariablesAsShell(_ line: String) -> String {
    var output = ""
    var index = line.startIndex
    while index < line.endIndex {
      let character = line[index]
      let next = line.index(after: index)
      if character == "$", next < line.endIndex, line[next] == "(",
        let close = line[next...].firstIndex(of: ")")
      {
        let name = line[line.index(after: next)..<close]
        if !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) {
          output += "${" + name + "}"
          index = line.index(after: close)
          continue
        }
      }
      output.append(character)
      index = next
    }
    return output
  }

  /// The simple commands of a line, split at `&&`, `||` and `;` outside quotes, each with its
  /// byte offset in the line.
  static func segments(_ line: String) -> [(text: String, offset: Int)] {
    let bytes = Array(line.utf8)
    var result: [(String, Int)] = []
    var start = 0
    var quote: UInt8?
    var index = 0
    func cut(_ end: Int, _ next: Int) {
      result.append((String(decoding: bytes[start..<end], as: UTF8.self), start))
      start = next
    }
    while index < bytes.count {
      let byte = bytes[index]
      if let open = quote {
        if byte == open { quote = nil }
      } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
        quote = byte
      } else if byte == UInt8(ascii: "#"), index == 0 || bytes[index - 1] == UInt8(ascii: " ") {
        break
      } else if byte == UInt8(ascii: ";") {
        cut(index, index + 1)
      } else if index + 1 < bytes.count,
        (byte == UInt8(ascii: "&") && bytes[index + 1] == UInt8(ascii: "&"))
          || (byte == UInt8(ascii: "|") && bytes[index + 1] == UInt8(ascii: "|"))
      {
        cut(index, index + 2)
        index += 1
      }
      index += 1
    }
    result.append((String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self), start))
    return result
  }

  /// A copy whose destination stays inside the bundle (no absolute path, no `..`, no
  /// variable), nil for anything else.
  static func copy(_ from: Word, _ to: Word, line: Range<Int>, file: SourceFile) -> Copy? {
    let source = normalized(from.text)
    var destination = normalized(to.text)
    guard !source.isEmpty, !source.hasPrefix("/"), !source.contains("*"),
      !source.split(separator: "/").contains(".."), !destination.hasPrefix("/"),
      !destination.contains("$"), !destination.split(separator: "/").contains("..")
    else { return nil }
    let name = String(source.split(separator: "/").last ?? "")
    guard !name.contains("$") else { return nil }
    if destination.isEmpty || destination == "." {
      destination = name
    } else if to.text.hasSuffix("/") {
      destination += "/" + name
    }
    let span = Span(line.lowerBound + from.offset, line.lowerBound + to.end)
    return Copy(
      source: source, destination: destination, location: Location(file: file.path, span: span))
  }

  /// `./a/b/` → `a/b`; `.` → `.`.
  static func normalized(_ text: String) -> String {
    var parts = text.split(separator: "/").filter { $0 != "." }.map(String.init)
    if text.hasPrefix("/") { return "/" + parts.joined(separator: "/") }
    if parts.isEmpty { return text.isEmpty ? "" : "." }
    parts = parts.filter { !$0.isEmpty }
    return parts.joined(separator: "/")
  }

  /// One shell word with its byte offsets in the line, quotes removed.
  struct Word {
    var text: String
    var offset: Int
    var end: Int
  }

  /// The words of a line up to a comment, `;`, `&&` or `|`: enough for `cp A B`; a line with
  /// command substitution or a redirection is not read as a copy (no words).
  static func words(_ line: String) -> [Word] {
    var words: [Word] = []
    var current = ""
    var start: Int?
    var quote: UInt8?
    let bytes = Array(line.utf8)
    var index = 0
    func finish(_ end: Int) {
      if let begin = start { words.append(Word(text: current, offset: begin, end: end)) }
      current = ""
      start = nil
    }
    while index < bytes.count {
      let byte = bytes[index]
      if let open = quote {
        // Command substitution runs something: not a path ebcheck reads.
        if open == UInt8(ascii: "\""),
          byte == UInt8(ascii: "`")
            || (byte == UInt8(ascii: "(") && index > 0 && bytes[index - 1] == UInt8(ascii: "$"))
        {
          return []
        }
        if byte == open {
          quote = nil
        } else {
          current.unicodeScalars.append(Unicode.Scalar(byte))
        }
        index += 1
        continue
      }
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        if start == nil { start = index }
        quote = byte
      case UInt8(ascii: " "), UInt8(ascii: "\t"):
        finish(index)
      case UInt8(ascii: "#") where start == nil:
        return words
      case UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "&"):
        finish(index)
        return words
      case UInt8(ascii: "`"), UInt8(ascii: ">"), UInt8(ascii: "<"):
        return []
      case UInt8(ascii: "("):
        if index > 0, bytes[index - 1] == UInt8(ascii: "$") { return [] }
        fallthrough
      default:
        if byte >= 0x80 { return [] }
        if start == nil { start = index }
        current.unicodeScalars.append(Unicode.Scalar(byte))
      }
      index += 1
    }
    if quote != nil { return [] }
    finish(bytes.count)
    return words
  }
}
