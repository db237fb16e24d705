import EBCheckCore

/// Bounds that keep the HCL reader fast and safe on any bytes.
public struct HCLLimits: Sendable, Hashable {
  /// Files larger than this are not read.
  public var maxFileSize: Int
  /// Nesting of blocks, brackets, templates and operators.
  public var maxDepth: Int

  public init(maxFileSize: Int = 4 * 1024 * 1024, maxDepth: Int = 64) {
    self.maxFileSize = maxFileSize
    self.maxDepth = maxDepth
  }
}

/// Reads HCL2's native syntax (Terraform's `.tf` and `.tfvars` files) into an `HCLFile`.
public enum HCLReader {
  public static func read(_ file: SourceFile, limits: HCLLimits = HCLLimits()) -> HCLFile {
    guard file.bytes.count <= limits.maxFileSize else {
      return HCLFile(
        path: file.path, bytes: file.bytes, body: HCLBody(span: Span(at: 0)),
        errors: [
          HCLSyntaxError(
            "file is \(file.bytes.count) bytes, more than the \(limits.maxFileSize)-byte limit for HCL files",
            at: Span(at: 0))
        ])
    }
    var parser = HCLParser(bytes: file.bytes, limits: limits)
    let (body, error) = parser.parseFile()
    return HCLFile(path: file.path, bytes: file.bytes, body: body, errors: error.map { [$0] } ?? [])
  }
}

/// A recursive-descent parser over bytes; tokens are scanned on demand so templates can
/// switch to their own rules.
struct HCLParser {
  let scanner: HCLScanner
  let limits: HCLLimits
  var position = 0
  var depth = 0
  /// Above zero inside `(`, `[` and `${`: newlines are blanks there.
  var newlinesIgnored = 0

  init(bytes: [UInt8], limits: HCLLimits) {
    self.scanner = HCLScanner(bytes: bytes)
    self.limits = limits
  }

  var bytes: [UInt8] { scanner.bytes }

  // MARK: Tokens

  func peek() -> HCLToken {
    var token = scanner.token(at: position)
    while newlinesIgnored > 0, token.kind == .newline {
      token = scanner.token(at: token.span.end)
    }
    return token
  }

  @discardableResult
  mutating func advance() -> HCLToken {
    let token = peek()
    position = token.span.end
    return token
  }

  mutating func skipNewlines() {
    while true {
      let token = scanner.token(at: position)
      guard token.kind == .newline else { return }
      position = token.span.end
    }
  }

  func text(_ span: Span) -> String {
    String(decoding: bytes[span.start..<span.end], as: UTF8.self)
  }

  func failure(_ message: String, _ token: HCLToken) -> HCLSyntaxError {
    if case .invalid(let reason) = token.kind { return HCLSyntaxError(reason, at: token.span) }
    return HCLSyntaxError(message + ", found \(describe(token))", at: token.span)
  }

  func describe(_ token: HCLToken) -> String {
    switch token.kind {
    case .identifier: "'\(text(token.span))'"
    case .number: "the number \(text(token.span))"
    case .quote: "a string"
    case .heredoc: "a heredoc"
    case .symbol(let symbol): "'\(symbol)'"
    case .newline: "the end of the line"
    case .end: "the end of the file"
    case .invalid(let reason): reason
    }
  }

  mutating func expect(_ symbol: String, _ context: String) throws(HCLSyntaxError) -> HCLToken {
    let token = peek()
    guard token.isSymbol(symbol) else { throw failure("expected '\(symbol)' \(context)", token) }
    return advance()
  }

  mutating func enter(_ token: HCLToken) throws(HCLSyntaxError) {
    depth += 1
    if depth > limits.maxDepth {
      throw HCLSyntaxError(
        "nesting deeper than \(limits.maxDepth) levels (ebcheck's limit for HCL)", at: token.span)
    }
  }

  // MARK: Bodies

  /// The whole file; on the first error, the items read before it and the error.
  mutating func parseFile() -> (HCLBody, HCLSyntaxError?) {
    var body = HCLBody(span: Span(0, bytes.count))
    do throws(HCLSyntaxError) {
      try parseItems(into: &body, closing: false)
      return (body, nil)
    } catch {
      return (body, error)
    }
  }

  /// Attributes and blocks until `}` (nested) or the end of the file.
  mutating func parseItems(into body: inout HCLBody, closing: Bool) throws(HCLSyntaxError) {
    while true {
      skipNewlines()
      let token = peek()
      if closing, token.isSymbol("}") { return }
      if token.kind == .end {
        if closing { throw failure("expected '}' to close the block", token) }
        return
      }
      guard token.kind == .identifier else {
        throw failure("expected an attribute name or a block type", token)
      }
      advance()
      let next = peek()
      if next.isSymbol("=") {
        advance()
        let expression = try parseExpression()
        body.attributes.append(
          HCLAttribute(
            name: text(token.span), nameSpan: token.span, expression: expression,
            span: token.span.union(expression.span)))
      } else {
        body.blocks.append(try parseBlock(type: token))
      }
      try expectItemEnd(closing: closing)
    }
  }

  /// An item ends at a newline, the end of the file, or the `}` of a one-line block.
  mutating func expectItemEnd(closing: Bool) throws(HCLSyntaxError) {
    let token = peek()
    switch token.kind {
    case .newline: advance()
    case .end: return
    case .symbol("}") where closing: return
    default: throw failure("expected a newline after the item", token)
    }
  }

  mutating func parseBlock(type: HCLToken) throws(HCLSyntaxError) -> HCLBlock {
    try enter(type)
    defer { depth -= 1 }
    var labels: [HCLLabel] = []
    while true {
      let token = peek()
      if token.isSymbol("{") { break }
      switch token.kind {
      case .identifier:
        advance()
        labels.append(HCLLabel(text: text(token.span), span: token.span))
      case .quote:
        let label = try parseTemplate()
        guard case .template(let parts, _) = label.kind,
          parts.allSatisfy({ if case .literal = $0 { true } else { false } })
        else { throw HCLSyntaxError("a block label cannot hold an interpolation", at: label.span) }
        let value = parts.map { if case .literal(let text, _) = $0 { text } else { "" } }.joined()
        labels.append(HCLLabel(text: value, span: label.span))
      default:
        throw failure(
          "expected '=' after the attribute name, or a label or '{' after the block type", token)
      }
    }
    let open = advance()
    var body = HCLBody(span: Span(open.span.end, open.span.end))
    let saved = newlinesIgnored
    newlinesIgnored = 0
    defer { newlinesIgnored = saved }
    try parseItems(into: &body, closing: true)
    let close = advance()
    body.span = Span(open.span.end, close.span.start)
    return HCLBlock(
      type: text(type.span), typeSpan: type.span, labels: labels, body: body,
      span: type.span.union(close.span))
  }
}
