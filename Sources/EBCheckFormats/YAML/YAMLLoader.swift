import CYAML
import EBCheckCore

/// Bounds that keep hostile input cheap: any bytes in, a prompt answer out.
public struct YAMLLimits: Sendable, Hashable {
  /// Larger files are not parsed (Y001).
  public var maxBytes: Int
  /// Deeper nesting stops the parse (Y001).
  public var maxDepth: Int
  /// Total nodes that aliases may add by expansion; past it aliases stay unexpanded (Y001).
  public var maxAliasExpansion: Int

  public init(maxBytes: Int = 8 << 20, maxDepth: Int = 512, maxAliasExpansion: Int = 100_000) {
    self.maxBytes = maxBytes
    self.maxDepth = maxDepth
    self.maxAliasExpansion = maxAliasExpansion
  }
}

/// The documents of one YAML or JSON file, plus every problem met while reading it.
public struct YAMLFile: Sendable {
  public enum Format: String, Sendable { case yaml, json }

  public var path: String
  public var documents: [YAMLNode]
  public var diagnostics: [Diagnostic]
  public var format: Format
  /// `#` comments (YAML only), found by `YAMLComments` since libyaml drops them.
  public var comments: [Span] = []

  /// Whether reading stopped on an error (documents may be partial or empty).
  public var failed: Bool { diagnostics.contains { $0.severity == .error } }
  public var root: YAMLNode? { documents.first }
}

/// Reads YAML through libyaml's event API, building node trees iteratively with byte spans.
/// JSON files that libyaml rejects (tab indentation) are read by `JSONReader` into the same nodes.
public enum YAMLLoader {

  public static func load(_ file: SourceFile, limits: YAMLLimits = YAMLLimits()) -> YAMLFile {
    if file.bytes.count > limits.maxBytes {
      let diagnostic = Diagnostic(
        problem: .configurationSyntax, severity: .error,
        message:
          "\(file.path) is \(file.bytes.count) bytes, over the \(limits.maxBytes)-byte limit for YAML files; not read",
        location: Location(file: file.path, span: Span(at: 0)))
      return YAMLFile(path: file.path, documents: [], diagnostics: [diagnostic], format: .yaml)
    }
    if file.bytes.starts(with: [0xFF, 0xFE]) || file.bytes.starts(with: [0xFE, 0xFF]) {
      let diagnostic = Diagnostic(
        problem: .configurationSyntax, severity: .error,
        message:
          "\(file.path) is UTF-16 text; save it as UTF-8 (Beanstalk and ebcheck expect UTF-8)",
        location: Location(file: file.path, span: Span(0, 2)))
      return YAMLFile(path: file.path, documents: [], diagnostics: [diagnostic], format: .yaml)
    }
    let looksLikeJSON = JSONReader.looksLikeJSON(file.bytes)
    if looksLikeJSON {
      let json = JSONReader.read(file, limits: limits)
      if !json.failed { return json }
      let yaml = parse(file, limits: limits)
      guard yaml.failed else { return yaml }
      // Both failed: the reader that got further understood the file better.
      let reach: (YAMLFile) -> Int = { file in
        file.diagnostics.filter { $0.severity == .error }.map(\.location.span.start).max() ?? 0
      }
      return reach(yaml) > reach(json) ? yaml : json
    }
    return parse(file, limits: limits)
  }

  /// Parses YAML text directly (used by tests).
  public static func load(
    _ text: String, path: String = "input.yaml", limits: YAMLLimits = YAMLLimits()
  )
    -> YAMLFile
  {
    load(SourceFile(path: path, text: text, kind: .other), limits: limits)
  }

  /// An open collection while events stream in; mutated in place on the stack.
  private struct Frame {
    package var isMapping: Bool
    package var start: Int
    package var tag: String?
    package var anchor: String?
    package var flow: Bool
    package var items: [YAMLNode] = []
    package var pairs: [YAMLPair] = []
    package var key: YAMLNode?
    package var size = 1
    /// Scalar keys seen so far → byte offset of the first occurrence.
    package var seen: [String: Int] = [:]
  }

  package static func parse(_ file: SourceFile, limits: YAMLLimits) -> YAMLFile {
    var result = YAMLFile(path: file.path, documents: [], diagnostics: [], format: .yaml)
    var offsets = ScalarOffsetMap(file.bytes)
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) != 0 else {
      result.diagnostics.append(error("libyaml could not start", at: 0, file: file))
      return result
    }
    defer { yaml_parser_delete(parser) }

    file.bytes.withUnsafeBufferPointer { buffer in
      // libyaml reads from the pointer; an empty array may have none.
      let empty: [UInt8] = [0]
      empty.withUnsafeBufferPointer { fallback in
        let base = buffer.baseAddress ?? fallback.baseAddress!
        yaml_parser_set_input_string(parser, base, buffer.count)
        run(parser, file: file, limits: limits, offsets: &offsets, into: &result)
      }
    }
    return result
  }

  private static func run(
    _ parser: UnsafeMutablePointer<yaml_parser_t>, file: SourceFile, limits: YAMLLimits,
    offsets: inout ScalarOffsetMap, into result: inout YAMLFile
  ) {
    var stack: [Frame] = []
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var expanded = 0
    var reportedBudget = false
    var quoted: [Span] = []
    defer { result.comments = YAMLComments.locate(in: file.bytes, protected: quoted) }
    var event = yaml_event_t()

    func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      guard let pointer else { return nil }
      return String(cString: pointer)
    }

    /// Attaches a finished node to its parent, or makes it a document root.
    func attach(_ node: YAMLNode, size: Int) {
      if let anchor = node.anchor { anchors[anchor] = (node, size) }
      guard !stack.isEmpty else {
        result.documents.append(node)
        return
      }
      let top = stack.count - 1
      stack[top].size = saturatingAdd(stack[top].size, size)
      guard stack[top].isMapping else {
        stack[top].items.append(node)
        return
      }
      guard let key = stack[top].key else {
        stack[top].key = node
        return
      }
      if let name = key.scalar, let first = firstOccurrence(of: key, name: name, in: &stack[top]) {
        let line = file.location(of: first).line
        result.diagnostics.append(
          Diagnostic(
            problem: .configurationSyntax, severity: .warning,
            message:
              "duplicate key '\(name)' in this mapping (first at line \(line)); the later value wins",
            location: Location(file: file.path, span: key.span)))
      }
      stack[top].pairs.append(YAMLPair(key: key, value: node))
      stack[top].key = nil
    }

    while true {
      guard yaml_parser_parse(parser, &event) != 0 else {
        result.diagnostics.append(parserError(parser, file: file, offsets: &offsets))
        return
      }
      defer { yaml_event_delete(&event) }
      let start = offsets.byteOffset(ofScalar: Int(event.start_mark.index))
      let end = max(start, offsets.byteOffset(ofScalar: Int(event.end_mark.index)))
      switch event.type {
      case YAML_STREAM_END_EVENT:
        return
      case YAML_DOCUMENT_START_EVENT:
        anchors = [:]
      case YAML_SCALAR_EVENT:
        let data = event.data.scalar
        let value =
          data.value.map {
            String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self)
          } ?? ""
        let style: YAMLScalarStyle
        switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        if style != .plain { quoted.append(Span(start, end)) }
        attach(
          YAMLNode(
            .scalar(value, style), tag: string(data.tag), anchor: string(data.anchor),
            span: Span(start, end)), size: 1)
      case YAML_ALIAS_EVENT:
        let name = string(event.data.alias.anchor) ?? ""
        let span = Span(start, end)
        guard let target = anchors[name] else {
          result.diagnostics.append(
            error("alias *\(name) refers to no anchor defined before it", at: span, file: file))
          attach(YAMLNode(.alias(name), span: span), size: 1)
          continue
        }
        if saturatingAdd(expanded, target.size) > limits.maxAliasExpansion {
          if !reportedBudget {
            reportedBudget = true
            result.diagnostics.append(
              error(
                "aliases expand to more than \(limits.maxAliasExpansion) nodes (an alias bomb?); *\(name) and later aliases are left unexpanded",
                at: span, file: file))
          }
          attach(YAMLNode(.alias(name), span: span), size: 1)
        } else {
          expanded = saturatingAdd(expanded, target.size)
          var copy = target.node
          copy.anchor = nil
          copy.span = span
          attach(copy, size: target.size)
        }
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        if stack.count >= limits.maxDepth {
          result.diagnostics.append(
            error(
              "nesting deeper than \(limits.maxDepth) levels; the rest of the file is not read",
              at: Span(start, end), file: file))
          return
        }
        if event.type == YAML_SEQUENCE_START_EVENT {
          let data = event.data.sequence_start
          stack.append(
            Frame(
              isMapping: false, start: start, tag: string(data.tag), anchor: string(data.anchor),
              flow: data.style == YAML_FLOW_SEQUENCE_STYLE))
        } else {
          let data = event.data.mapping_start
          stack.append(
            Frame(
              isMapping: true, start: start, tag: string(data.tag), anchor: string(data.anchor),
              flow: data.style == YAML_FLOW_MAPPING_STYLE))
        }
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        guard let frame = stack.popLast() else { continue }
        let lastEnd =
          frame.isMapping ? frame.pairs.last?.value.span.end : frame.items.last?.span.end
        let to = frame.flow ? end : max(frame.start, lastEnd ?? frame.start)
        let kind: YAMLNode.Kind = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
        attach(
          YAMLNode(kind, tag: frame.tag, anchor: frame.anchor, span: Span(frame.start, to)),
          size: frame.size)
      default:
        break
      }
    }
  }

  /// The offset of an earlier equal scalar key, recording this one otherwise. Small mappings
  /// are scanned; large ones switch to a dictionary so hostile files stay linear.
  private static func firstOccurrence(of key: YAMLNode, name: String, in frame: inout Frame) -> Int?
  {
    let identity = key.tag.map { $0 + "\u{0}" + name } ?? name
    if frame.pairs.count < 16 && frame.seen.isEmpty {
      for pair in frame.pairs where pair.key.scalar == name && pair.key.tag == key.tag {
        return pair.key.span.start
      }
      if frame.pairs.count == 15 {
        for pair in frame.pairs {
          guard let earlier = pair.key.scalar else { continue }
          let earlierIdentity = pair.key.tag.map { $0 + "\u{0}" + earlier } ?? earlier
          if frame.seen[earlierIdentity] == nil {
            frame.seen[earlierIdentity] = pair.key.span.start
          }
        }
        frame.seen[identity] = key.span.start
      }
      return nil
    }
    if let first = frame.seen[identity] { return first }
    frame.seen[identity] = key.span.start
    return nil
  }

  private static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
  }

  private static func parserError(
    _ parser: UnsafeMutablePointer<yaml_parser_t>, file: SourceFile, offsets: inout ScalarOffsetMap
  ) -> Diagnostic {
    let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unknown error"
    let context = parser.pointee.context.map { String(cString: $0) }
    let offset: Int
    var message = problem
    if parser.pointee.error == YAML_READER_ERROR {
      offset = min(Int(parser.pointee.problem_offset), file.bytes.count)
      if parser.pointee.problem_value != -1 {
        message +=
          " (byte 0x\(String(UInt8(truncatingIfNeeded: parser.pointee.problem_value), radix: 16)))"
      }
      message = "not valid UTF-8 text: " + message
    } else {
      offset = offsets.byteOffset(ofScalar: Int(parser.pointee.problem_mark.index))
    }
    if let context {
      let contextOffset = offsets.byteOffset(ofScalar: Int(parser.pointee.context_mark.index))
      let line = file.location(of: contextOffset).line
      message += " (\(context) started on line \(line))"
    }
    if parser.pointee.error != YAML_READER_ERROR,
      tabIndented(file.bytes, near: offset, lineIndex: file.lineIndex)
    {
      message += "; YAML does not allow tabs for indentation, use spaces"
    }
    var end = offset
    if end < file.bytes.count { end += LineIndex.scalarLength(leadByte: file.bytes[end]) }
    return Diagnostic(
      problem: .configurationSyntax, severity: .error, message: "YAML syntax error: \(message)",
      location: Location(file: file.path, span: Span(offset, min(end, file.bytes.count))))
  }

  private static func tabIndented(_ bytes: [UInt8], near offset: Int, lineIndex: LineIndex) -> Bool
  {
    let line = lineIndex.lineNumber(at: offset)
    let start = lineIndex.lineStarts[line]
    var index = start
    while index < bytes.count,
      bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
    {
      if bytes[index] == UInt8(ascii: "\t") { return true }
      index += 1
    }
    return false
  }

  package static func error(_ message: String, at span: Span, file: SourceFile) -> Diagnostic {
    Diagnostic(
      problem: .configurationSyntax, severity: .error, message: message,
      location: Location(file: file.path, span: span))
  }

  package static func error(_ message: String, at offset: Int, file: SourceFile) -> Diagnostic {
    error(message, at: Span(at: offset), file: file)
  }
}
