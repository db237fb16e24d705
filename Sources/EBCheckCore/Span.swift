/// A half-open range of UTF-8 byte offsets inside one `SourceFile`.
public struct Span: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var start: Int
  public var end: Int

  public init(_ start: Int, _ end: Int) {
    precondition(start <= end, "span start after end")
    self.start = start
    self.end = end
  }

  public init(at offset: Int) { self.init(offset, offset) }

  public var length: Int { end - start }
  public var isEmpty: Bool { start == end }

  /// The smallest span covering both.
  public func union(_ other: Span) -> Span { Span(min(start, other.start), max(end, other.end)) }

  public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }
  public func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }

  public static func < (lhs: Span, rhs: Span) -> Bool {
    (lhs.start, lhs.end) < (rhs.start, rhs.end)
  }

  public var description: String { "\(start)..<\(end)" }
}

/// A span inside a named file; the file path is relative to the lint root.
public struct Location: Hashable, Sendable, Comparable {
  public var file: String
  public var span: Span

  public init(file: String, span: Span) {
    self.file = file
    self.span = span
  }

  public static func < (lhs: Location, rhs: Location) -> Bool {
    (lhs.file, lhs.span) < (rhs.file, rhs.span)
  }
}
