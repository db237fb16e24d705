import EBCheckCore

/// One argument of an nginx directive, unescaped, with where it was written.
public struct NginxArgument: Sendable, Hashable {
  public var value: String
  /// The bytes as written, quotes included.
  public var span: Span
  public var quoted: Bool

  public init(value: String, span: Span, quoted: Bool = false) {
    self.value = value
    self.span = span
    self.quoted = quoted
  }
}

/// `name arg...;` or `name arg... { children }`.
public struct NginxDirective: Sendable, Hashable {
  public var name: String
  public var arguments: [NginxArgument]
  /// From the name to the `;` or the closing `}`.
  public var span: Span
  public var nameSpan: Span
  /// The file holding the directive (root-relative path).
  public var file: String
  /// Children of a block directive; nil for a simple one.
  public var block: [NginxDirective]?

  public var location: Location { Location(file: file, span: nameSpan) }
  public var values: [String] { arguments.map(\.value) }

  public func children(named name: String) -> [NginxDirective] {
    (block ?? []).filter { $0.name == name }
  }
}

/// A parsed nginx configuration file.
public struct NginxFile: Sendable {
  public var path: String
  public var directives: [NginxDirective]
  public var diagnostics: [Diagnostic]
}

/// Reads nginx syntax the way `ngx_conf_read_token` does: words end at whitespace,
/// `;` or `{` (a `}` inside a word is part of it), quotes may only start a word and must be
/// followed by a separator, `\` escapes, `#` starts a comment only where a word could start,
/// and `${name}` keeps its braces.
public enum NginxParser {

  package enum Token: Equatable {
    case word(NginxArgument)
    case semicolon(Int)
    case open(Int)
    case close(Int)
  }

  package struct SyntaxError: Error {
    package var message: String
    package var offset: Int
  }

  public static func parse(_ file: SourceFile) -> NginxFile {
    parse(bytes: file.bytes, path: file.path)
  }

  public static func parse(bytes: [UInt8], path: String) -> NginxFile {
    var lexer = Lexer(bytes: bytes)
    do {
      var stack: [(NginxDirective, Int)] = []
      var current: [NginxDirective] = []
      var arguments: [NginxArgument] = []
      while let token = try lexer.next() {
        switch token {
        case .word(let word):
          arguments.append(word)
        case .semicolon(let offset):
          guard let name = arguments.first else {
            throw SyntaxError(message: "unexpected \";\"", offset: offset)
          }
          current.append(
            NginxDirective(
              name: name.value, arguments: Array(arguments.dropFirst()),
              span: Span(name.span.start, offset + 1), nameSpan: name.span, file: path,
              block: nil))
          arguments = []
        case .open(let offset):
          guard let name = arguments.first else {
            throw SyntaxError(message: "unexpected \"{\"", offset: offset)
          }
          guard stack.count < 64 else {
            throw SyntaxError(message: "blocks nested too deeply", offset: offset)
          }
          let directive = NginxDirective(
            name: name.value, arguments: Array(arguments.dropFirst()),
            span: Span(name.span.start, offset + 1), nameSpan: name.span, file: path, block: [])
          stack.append((directive, current.count))
          current.append(directive)
          arguments = []
        case .close(let offset):
          guard arguments.isEmpty else {
            throw SyntaxError(message: "unexpected \"}\"", offset: offset)
          }
          guard let (open, index) = stack.popLast() else {
            throw SyntaxError(message: "unexpected \"}\"", offset: offset)
          }
          let children = Array(current[(index + 1)...])
          current.removeSubrange((index + 1)...)
          var closed = open
          closed.block = children
          closed.span = Span(open.span.start, offset + 1)
          current[index] = closed
        }
      }
      if !arguments.isEmpty {
        throw SyntaxError(
          message: "unexpected end of file, expecting \";\" or \"}\"", offset: bytes.count)
      }
      if !stack.isEmpty {
        throw SyntaxError(message: "unexpected end of file, expecting \"}\"", offset: bytes.count)
      }
      return NginxFile(path: path, directives: current, diagnostics: [])
    } catch let error as SyntaxError {
      let end = min(bytes.count, error.offset + 1)
      let diagnostic = Diagnostic(
        problem: .nginxSyntax, severity: .error,
        message: "cannot parse nginx conf \(path): \(error.message)",
        location: Location(file: path, span: Span(min(error.offset, bytes.count), end)),
        help: "nginx would refuse this file and the deployment would fail; check it with `nginx -t`"
      )
      return NginxFile(path: path, directives: [], diagnostics: [diagnostic])
    } catch {
      return NginxFile(path: path, directives: [], diagnostics: [])
    }
  }

  package struct Lexer {
    package let bytes: [UInt8]
    package var position = 0
    /// After a closing quote only a separator may follow.
    package var needSpace = false

    package init(bytes: [UInt8]) { self.bytes = bytes }

    package static func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    package mutating func next() throws -> Token? {
      while position < bytes.count {
        let byte = bytes[position]
        if needSpace {
          if Self.isSpace(byte) {
            needSpace = false
            position += 1
            continue
          }
          if byte == UInt8(ascii: ";") {
            needSpace = false
            position += 1
            return .semicolon(position - 1)
          }
          if byte == UInt8(ascii: "{") {
            needSpace = false
            position += 1
            return .open(position - 1)
          }
          if byte == UInt8(ascii: ")") {
            needSpace = false
          } else {
            throw SyntaxError(
              message: "unexpected \"\(Character(Unicode.Scalar(byte)))\"", offset: position)
          }
        }
        if Self.isSpace(byte) {
          position += 1
          continue
        }
        switch byte {
        case UInt8(ascii: ";"):
          position += 1
          return .semicolon(position - 1)
        case UInt8(ascii: "{"):
          position += 1
          return .open(position - 1)
        case UInt8(ascii: "}"):
          position += 1
          return .close(position - 1)
        case UInt8(ascii: "#"):
          while position < bytes.count, bytes[position] != 0x0A { position += 1 }
          continue
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
          return .word(try quoted(byte))
        default:
          return .word(word())
        }
      }
      return nil
    }

    /// A bare word: runs to whitespace, `;` or `{` (unless `${`).
    package mutating func word() -> NginxArgument {
      let start = position
      var raw: [UInt8] = []
      var variable = false
      while position < bytes.count {
        let byte = bytes[position]
        if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
          raw.append(byte)
          raw.append(bytes[position + 1])
          position += 2
          variable = false
          continue
        }
        if byte == UInt8(ascii: "{") && variable {
          raw.append(byte)
          position += 1
          variable = false
          continue
        }
        variable = byte == UInt8(ascii: "$")
        if Self.isSpace(byte) || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "{") { break }
        raw.append(byte)
        position += 1
      }
      return NginxArgument(value: Self.unescape(raw), span: Span(start, position))
    }

    /// A quoted word; the closing quote must be followed by a separator.
    package mutating func quoted(_ quote: UInt8) throws -> NginxArgument {
      let start = position
      position += 1
      var raw: [UInt8] = []
      while position < bytes.count {
        let byte = bytes[position]
        if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
          raw.append(byte)
          raw.append(bytes[position + 1])
          position += 2
          continue
        }
        if byte == quote {
          position += 1
          needSpace = true
          return NginxArgument(value: Self.unescape(raw), span: Span(start, position), quoted: true)
        }
        raw.append(byte)
        position += 1
      }
      throw SyntaxError(message: "unexpected end of file, expecting \";\" or \"}\"", offset: start)
    }

    /// nginx unescapes `\"`, `\'`, `\\`, `\t`, `\r`, `\n`; other pairs stay as written.
    package static func unescape(_ raw: [UInt8]) -> String {
      var out: [UInt8] = []
      out.reserveCapacity(raw.count)
      var index = 0
      while index < raw.count {
        let byte = raw[index]
        if byte == UInt8(ascii: "\\"), index + 1 < raw.count {
          let next = raw[index + 1]
          switch next {
          case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"):
            out.append(next)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "n"): out.append(0x0A)
          default:
            out.append(byte)
            out.append(next)
          }
          index += 2
          continue
        }
        out.append(byte)
        index += 1
      }
      return String(decoding: out, as: UTF8.self)
    }
  }
}
