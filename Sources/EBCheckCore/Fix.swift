/// Replace the bytes of `span` in `file` with `replacement`.
/// An edit with `createsFile` writes a new file (its span is empty at 0).
public struct Edit: Hashable, Sendable {
  public var file: String
  public var span: Span
  public var replacement: String
  public var createsFile: Bool

  public init(file: String, span: Span, replacement: String, createsFile: Bool = false) {
    self.file = file
    self.span = span
    self.replacement = replacement
    self.createsFile = createsFile
  }

  public static func insert(_ text: String, in file: String, at offset: Int) -> Edit {
    Edit(file: file, span: Span(at: offset), replacement: text)
  }

  public static func create(_ file: String, contents: String) -> Edit {
    Edit(file: file, span: Span(at: 0), replacement: contents, createsFile: true)
  }
}

public enum Applicability: String, Sendable, Hashable, Codable {
  /// Applied by `fix` by default: keeps behavior everyone wants.
  case safe
  /// Applied only with `--unsafe-fixes`: works, but changes more than the finding.
  case unsafe
  /// Shown to the user, never applied.
  case display
}

public struct Fix: Hashable, Sendable {
  public var title: String
  public var applicability: Applicability
  public var edits: [Edit]
  /// Why the fix is unsafe (or what it changes beyond the finding), shown beside it.
  public var reason: String?

  public init(title: String, applicability: Applicability, edits: [Edit], reason: String? = nil) {
    self.title = title
    self.applicability = applicability
    self.edits = edits
    self.reason = reason
  }
}
