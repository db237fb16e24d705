import EBCheckCore

/// One argument of an Apache httpd directive, unquoted, with where it was written.
public struct HttpdArgument: Sendable, Hashable {
  public var value: String
  public var span: Span
  public var quoted: Bool

  public init(value: String, span: Span, quoted: Bool = false) {
    self.value = value
    self.span = span
    self.quoted = quoted
  }
}

/// `Name arg...` on one logical line, or a section `<Name args>` ... `</Name>`.
public struct HttpdDirective: Sendable, Hashable {
  /// As written (`RewriteRule`, `Location`); httpd compares names case-insensitively.
  public var name: String
  public var arguments: [HttpdArgument]
  public var nameSpan: Span
  /// The file the directive is reported in (an `.ebextensions` config for a `files:` entry).
  public var file: String
  /// The children of a section; nil for a simple directive.
  public var block: [HttpdDirective]?

  public var location: Location { Location(file: file, span: nameSpan) }
  public var values: [String] { arguments.map(\.value) }
  public var key: String { name.lowercased() }
  public var isSection: Bool { block != nil }
}

/// A parsed httpd configuration file.
public struct HttpdFile: Sendable {
  public var path: String
  public var directives: [HttpdDirective]
  /// What `apachectl configtest` refuses: a section left open, closed twice or mismatched.
  public var diagnostics: [Diagnostic]
}

/// Reads httpd syntax as `ap_cfg_getline` and `ap_getword_conf` do: one directive per line, a
/// `\` ending a line continues it, `#` starts a comment only as a line's first word, words are
/// split at whitespace unless quoted with `"` or `'` (a backslash escapes the quote), and
/// `<Name args>` opens a section that `</Name>` closes.
public enum HttpdParser {
  /// `offset` maps a byte offset of `bytes` to one in the reported file (a `files:` entry's
  /// content is read out of a YAML block scalar).
  public static func parse(bytes: [UInt8], path: String, offset: @escaping (Int) -> Int = { $0 })
    -> HttpdFile
  {
    var builder = Builder(path: path, offset: offset)
    for line in logicalLines(bytes) {
      builder.take(line)
      if builder.failed { break }
    }
    builder.finish()
    var diagnostics = builder.diagnostics
    if diagnostics.isEmpty, let misplaced = misplacedAccess(builder.done, inDirectory: false) {
      diagnostics.append(
        Diagnostic(
          problem: .httpdSyntax, severity: .error,
          message:
            "\(misplaced.name) is not allowed here (only inside <Directory>, <Location>, <Files>, <Proxy> or <If>): apachectl configtest refuses the configuration, so httpd keeps the previous one or does not start",
          location: misplaced.location))
    }
    return HttpdFile(path: path, directives: builder.done, diagnostics: diagnostics)
  }

  /// Access directives (`Require`, `Order`, `Allow`, `Deny`, `Satisfy`) take a per-directory
  /// context: at server level or directly in a `<VirtualHost>` configtest refuses them
  /// (httpd docs, each directive's "Context"; probed on httpd 2.4).
  static func misplacedAccess(_ directives: [HttpdDirective], inDirectory: Bool) -> HttpdDirective?
  {
    let access: Set<String> = ["require", "order", "allow", "deny", "satisfy"]
    let perDirectory: Set<String> = [
      "directory", "directorymatch", "files", "filesmatch", "location", "locationmatch", "if",
      "elseif", "else", "proxy", "proxymatch", "limit", "limitexcept", "requireall", "requireany",
      "requirenone",
    ]
    let transparent: Set<String> = [
      "ifmodule", "ifdefine", "ifversion", "ifdirective", "ifsection", "iffile",
    ]
    for directive in directives {
      if !inDirectory, access.contains(directive.key) { return directive }
      guard let block = directive.block else { continue }
      let inner =
        perDirectory.contains(directive.key)
        ? true : transparent.contains(directive.key) ? inDirectory : false
      if let found = misplacedAccess(block, inDirectory: inner) { return found }
    }
    return nil
  }

  /// A line with continuations joined: each byte with its offset.
  package typealias Line = [(byte: UInt8, offset: Int)]

  package static func logicalLines(_ bytes: [UInt8]) -> [Line] {
    var lines: [Line] = []
    var current: Line = []
    var index = 0
    while index <= bytes.count {
      if index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
        var end = current.count
        if end > 0, current[end - 1].byte == UInt8(ascii: "\r") { end -= 1 }
        if end > 0, current[end - 1].byte == UInt8(ascii: "\\"), index < bytes.count {
          current.removeSubrange((end - 1)...)  // continued on the next line
        } else {
          lines.append(Array(current[..<end]))
          current = []
        }
        index += 1
        continue
      }
      current.append((bytes[index], index))
      index += 1
    }
    return lines
  }

  /// The words of a line as httpd splits them.
  package static func words(_ line: Line) -> [HttpdArgument] {
    var words: [HttpdArgument] = []
    var index = 0
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
    while index < line.count {
      while index < line.count, isSpace(line[index].byte) { index += 1 }
      guard index < line.count else { break }
      let start = line[index].offset
      var value: [UInt8] = []
      let first = line[index].byte
      if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
        index += 1
        while index < line.count, line[index].byte != first {
          if line[index].byte == UInt8(ascii: "\\"), index + 1 < line.count,
            line[index + 1].byte == first
          {
            index += 1
          }
          value.append(line[index].byte)
          index += 1
        }
        let end = index < line.count ? line[index].offset + 1 : line[line.count - 1].offset + 1
        index += 1
        words.append(
          HttpdArgument(
            value: String(decoding: value, as: UTF8.self), span: Span(start, end), quoted: true))
        continue
      }
      var last = start
      while index < line.count, !isSpace(line[index].byte) {
        value.append(line[index].byte)
        last = line[index].offset
        index += 1
      }
      words.append(
        HttpdArgument(value: String(decoding: value, as: UTF8.self), span: Span(start, last + 1)))
    }
    return words
  }

  private struct Builder {
    let path: String
    let offset: (Int) -> Int
    var stack: [(HttpdDirective, [HttpdDirective])] = []
    var done: [HttpdDirective] = []
    var diagnostics: [Diagnostic] = []
    var failed = false

    init(path: String, offset: @escaping (Int) -> Int) {
      self.path = path
      self.offset = offset
    }

    mutating func append(_ directive: HttpdDirective) {
      if stack.isEmpty {
        done.append(directive)
      } else {
        stack[stack.count - 1].1.append(directive)
      }
    }

    func span(_ span: Span) -> Span {
      Span(offset(span.start), max(offset(span.start), offset(span.end)))
    }

    mutating func refuse(_ message: String, at span: Span) {
      diagnostics.append(
        Diagnostic(
          problem: .httpdSyntax, severity: .error,
          message: message
            + ": apachectl configtest refuses the configuration, so httpd keeps the previous one or does not start",
          location: Location(file: path, span: self.span(span))))
      failed = true
    }

    mutating func take(_ line: Line) {
      var words = HttpdParser.words(line)
      guard let head = words.first, !head.quoted, !head.value.hasPrefix("#") else { return }
      if head.value.hasPrefix("</") {
        let name = String(head.value.dropFirst(2).prefix { $0 != ">" })
        guard let (open, children) = stack.last else {
          refuse("</\(name)> without matching <\(name)> section", at: head.span)
          return
        }
        guard open.name.lowercased() == name.lowercased() else {
          refuse("expected </\(open.name)> but saw </\(name)>", at: head.span)
          return
        }
        stack.removeLast()
        var closed = open
        closed.block = children
        append(closed)
        return
      }
      if head.value.hasPrefix("<") {
        // `<Name args>`: the `>` ends the last word (or stands alone).
        guard let last = words.last, last.value.hasSuffix(">") else {
          refuse("\(head.value)> directive missing closing '>'", at: head.span)
          return
        }
        let name = String(head.value.dropFirst().prefix { $0 != ">" })
        if words.count == 1 {
          words = []
        } else {
          words.removeFirst()
          var tail = words[words.count - 1]
          tail.value.removeLast()
          if tail.value.isEmpty && !tail.quoted {
            words.removeLast()
          } else {
            words[words.count - 1] = tail
          }
        }
        let nameSpan = Span(head.span.start, head.span.start + 1 + name.utf8.count)
        let section = HttpdDirective(
          name: name, arguments: words.map { rebased($0) }, nameSpan: span(nameSpan), file: path,
          block: [])
        stack.append((section, []))
        return
      }
      let arguments = words.dropFirst().map { rebased($0) }
      append(
        HttpdDirective(
          name: head.value, arguments: arguments, nameSpan: span(head.span), file: path))
    }

    func rebased(_ argument: HttpdArgument) -> HttpdArgument {
      var copy = argument
      copy.span = span(argument.span)
      return copy
    }

    mutating func finish() {
      guard !failed, let (open, _) = stack.last else { return }
      diagnostics.append(
        Diagnostic(
          problem: .httpdSyntax, severity: .error,
          message:
            "<\(open.name)> was not closed: apachectl configtest refuses the configuration, so httpd keeps the previous one or does not start",
          location: open.location))
      failed = true
    }
  }
}
