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

  /// The copies written before the script's last `eb deploy`, in order.
  public var copies: [Copy]
  /// The `eb deploy` line.
  public var deploy: Location

  /// nil when the file runs no `eb deploy`, or copies nothing into the bundle before it.
  public static func read(_ file: SourceFile) -> DeployScript? {
    var copies: [Copy] = []
    var deploy: Location?
    var pending: [Copy] = []
    for line in 1...max(1, file.lineIndex.lineCount) {
      let range = file.lineIndex.lineContentRange(line: line)
      let text = file.text(Span(range.lowerBound, range.upperBound))
      let words = Self.words(text)
      guard let first = words.first?.text else { continue }
      if let index = words.firstIndex(where: { $0.text == "eb" }),
        index + 1 < words.count, words[index + 1].text == "deploy"
      {
        deploy = Location(
          file: file.path,
          span: Span(
            range.lowerBound + words[index].offset, range.lowerBound + words[index + 1].end))
        copies += pending
        pending = []
        continue
      }
      guard first == "cp" || first == "mv" else { continue }
      let operands = words.dropFirst().filter { !$0.text.hasPrefix("-") }
      guard operands.count == 2,
        let copy = copy(
          operands[operands.startIndex], operands[operands.startIndex + 1], line: range, file: file)
      else { continue }
      pending.append(copy)
    }
    guard let deploy, !copies.isEmpty else { return nil }
    return DeployScript(copies: copies, deploy: deploy)
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
