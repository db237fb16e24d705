import EBCheckCore

/// Renders the templates embedded from `Templates/*.mustache`.
///
/// The templates use a small part of Mustache, and this renderer reads exactly that part:
/// `{{name}}` (inserted as text, never HTML-escaped: every template declares
/// `{{% CONTENT_TYPE: TEXT}}`), `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}` (shown when the
/// value is, or is not, present, not `false` and not an empty list; a list of contexts shows the
/// section once per element), `{{! comments}}` and `{{% pragmas}}`. A section, comment or
/// pragma tag alone on its line removes that line, as the Mustache spec's standalone rule says.
/// Anything else (partials, `{{{…}}}`, dotted names) stops the parse, which the
/// template tests would show. Doing without a template library keeps Foundation, and its
/// internationalization data, out of the statically linked binary.
public struct TemplateRenderer: Sendable {
  public enum Name: String, Sendable, CaseIterable {
    case middleware = "middleware.py"
    case ebextensions = "ebextensions.config"
    case cloudFormation = "target-group.cloudformation.yaml"
    case terraform = "target-group.terraform.tf"
    case cli = "target-group.cli.sh"
    case imdsAllowedHosts = "imds-allowed-hosts.py"
    case terraformSettings = "option-settings.terraform.tf"
    case cloudFormationSettings = "option-settings.cloudformation.yaml"
  }

  public init() {}

  /// The embedded template source of each name.
  public static func source(_ name: Name) -> String {
    EmbeddedTemplates.sources[name.rawValue] ?? ""
  }

  /// The template parsed, once per run and only when a fix or generator renders it (each
  /// template is its own lazily initialized constant: a run renders one or two of them).
  package static func parsed(_ name: Name) -> [TemplateNode] {
    switch name {
    case .middleware: ParsedTemplates.middleware
    case .ebextensions: ParsedTemplates.ebextensions
    case .cloudFormation: ParsedTemplates.cloudFormation
    case .terraform: ParsedTemplates.terraform
    case .cli: ParsedTemplates.cli
    case .imdsAllowedHosts: ParsedTemplates.imdsAllowedHosts
    case .terraformSettings: ParsedTemplates.terraformSettings
    case .cloudFormationSettings: ParsedTemplates.cloudFormationSettings
    }
  }

  /// An embedded template's nodes; a template that does not parse is a build mistake the
  /// template tests show.
  fileprivate static func parseEmbedded(_ name: Name) -> [TemplateNode] {
    do {
      return try TemplateNode.parse(source(name))
    } catch {
      preconditionFailure("embedded template \(name.rawValue) does not parse: \(error)")
    }
  }

  public func render(_ name: Name, _ context: [String: Any]) -> String {
    var values = context
    values["version"] = EBCheckVersion.current
    var out = ""
    TemplateNode.render(Self.parsed(name), values, into: &out)
    return out
  }
}

/// Each embedded template parsed on first use.
private enum ParsedTemplates {
  static let middleware = TemplateRenderer.parseEmbedded(.middleware)
  static let ebextensions = TemplateRenderer.parseEmbedded(.ebextensions)
  static let cloudFormation = TemplateRenderer.parseEmbedded(.cloudFormation)
  static let terraform = TemplateRenderer.parseEmbedded(.terraform)
  static let cli = TemplateRenderer.parseEmbedded(.cli)
  static let imdsAllowedHosts = TemplateRenderer.parseEmbedded(.imdsAllowedHosts)
  static let terraformSettings = TemplateRenderer.parseEmbedded(.terraformSettings)
  static let cloudFormationSettings = TemplateRenderer.parseEmbedded(.cloudFormationSettings)
}

/// One piece of a parsed template.
package indirect enum TemplateNode: Sendable {
  case text(String)
  case variable(String)
  case section(String, inverted: Bool, [TemplateNode])

  package struct ParseError: Error, CustomStringConvertible {
    package let line: Int
    package let message: String
    package var description: String { "line \(line): \(message)" }
  }

  private enum Tag {
    case variable(String)
    case open(String, inverted: Bool)
    case close(String)
    case ignored  // comment or pragma

    /// Section, closing, comment and pragma tags may stand alone on a line.
    package var canStandAlone: Bool {
      if case .variable = self { return false }
      return true
    }
  }

  private enum Token {
    case text(String)
    case tag(Tag)
  }

  package static func parse(_ source: String) throws -> [TemplateNode] {
    var tokens: [(Token, line: Int)] = []
    // Byte-level scanning: the templates are parsed on the first fix of every run.
    let bytes = Array(source.utf8)
    var lineStart = 0
    var number = 1
    while true {
      let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n"))
      let lineTokens = try tokenize(bytes[lineStart..<(newline ?? bytes.count)], line: number)
      if let standalone = standaloneTag(lineTokens) {
        tokens.append((.tag(standalone), number))
      } else {
        tokens += lineTokens.map { ($0, number) }
        if newline != nil { tokens.append((.text("\n"), number)) }
      }
      guard let newline else { break }
      lineStart = newline + 1
      number += 1
    }

    var stack: [(name: String, inverted: Bool, children: [TemplateNode], line: Int)] = [
      ("", false, [], 0)
    ]
    for (token, line) in tokens {
      switch token {
      case .text(let text):
        stack[stack.count - 1].children.append(.text(text))
      case .tag(.variable(let name)):
        stack[stack.count - 1].children.append(.variable(name))
      case .tag(.open(let name, let inverted)):
        stack.append((name, inverted, [], line))
      case .tag(.close(let name)):
        guard stack.count > 1, let open = stack.last, open.name == name else {
          throw ParseError(line: line, message: "{{/\(name)}} closes no open section")
        }
        stack.removeLast()
        stack[stack.count - 1].children.append(
          .section(name, inverted: open.inverted, open.children))
      case .tag(.ignored):
        break
      }
    }
    if stack.count > 1, let open = stack.last {
      throw ParseError(line: open.line, message: "{{#\(open.name)}} is never closed")
    }
    return stack[0].children
  }

  /// A line's text and tags; a tag must open and close on the same line.
  private static func tokenize(_ line: ArraySlice<UInt8>, line number: Int) throws -> [Token] {
    let brace = UInt8(ascii: "{")
    let closing = UInt8(ascii: "}")
    var tokens: [Token] = []
    var textStart = line.startIndex
    var index = line.startIndex
    while index + 1 < line.endIndex {
      guard line[index] == brace, line[index + 1] == brace else {
        index += 1
        continue
      }
      if index > textStart {
        tokens.append(.text(String(decoding: line[textStart..<index], as: UTF8.self)))
      }
      var close = index + 2
      while close + 1 < line.endIndex, !(line[close] == closing && line[close + 1] == closing) {
        close += 1
      }
      guard close + 1 < line.endIndex else {
        throw ParseError(line: number, message: "a tag opens with {{ and does not close")
      }
      let body = String(decoding: line[(index + 2)..<close], as: UTF8.self)
      tokens.append(.tag(try tag(body[...], line: number)))
      index = close + 2
      textStart = index
    }
    if textStart < line.endIndex {
      tokens.append(.text(String(decoding: line[textStart...], as: UTF8.self)))
    }
    return tokens
  }

  private static func tag(_ body: Substring, line: Int) throws -> Tag {
    guard let sigil = body.first else {
      throw ParseError(line: line, message: "an empty tag {{}}")
    }
    let name = { (text: Substring) throws -> String in
      let trimmed = String(text).trimmingWhitespace()
      guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
      else {
        throw ParseError(line: line, message: "'\(text)' is not a plain name")
      }
      return trimmed
    }
    switch sigil {
    case "!", "%": return .ignored
    case "#": return .open(try name(body.dropFirst()), inverted: false)
    case "^": return .open(try name(body.dropFirst()), inverted: true)
    case "/": return .close(try name(body.dropFirst()))
    case "{", "&", ">", "<", "=", "$":
      throw ParseError(line: line, message: "{{\(sigil)…}} is not supported by this renderer")
    default: return .variable(try name(body))
    }
  }

  /// The tag of a line that holds one standalone-capable tag and only blanks besides it.
  private static func standaloneTag(_ tokens: [Token]) -> Tag? {
    var found: Tag?
    for token in tokens {
      switch token {
      case .text(let text) where text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }):
        continue
      case .tag(let tag) where found == nil && tag.canStandAlone:
        found = tag
      default:
        return nil
      }
    }
    return found
  }

  package static func render(
    _ nodes: [TemplateNode], _ values: [String: Any], into out: inout String
  ) {
    for node in nodes {
      switch node {
      case .text(let text):
        out += text
      case .variable(let name):
        if let value = values[name] { out += String(describing: value) }
      case .section(let name, let inverted, let children):
        // A list of contexts renders the section once per element, each element's names
        // over the enclosing ones; an empty list counts as false.
        if !inverted, let items = values[name] as? [[String: Any]] {
          for item in items { render(children, values.merging(item) { $1 }, into: &out) }
        } else if isShown(values[name]) != inverted {
          render(children, values, into: &out)
        }
      }
    }
  }

  /// Mustache's truthiness for the values the generators pass: absent and `false` hide a
  /// section, anything else shows it once.
  private static func isShown(_ value: Any?) -> Bool {
    guard let value else { return false }
    if let flag = value as? Bool { return flag }
    if let items = value as? [Any] { return !items.isEmpty }
    return true
  }
}
