public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
  case info
  case warning
  case error

  private var rank: Int {
    switch self {
    case .info: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary place that explains a finding, e.g. the option that chose the health path.
public struct RelatedLocation: Hashable, Sendable {
  public var location: Location
  public var label: String

  public init(_ location: Location, _ label: String) {
    self.location = location
    self.label = label
  }
}

/// One finding of one rule.
public struct Diagnostic: Hashable, Sendable {
  public var rule: String
  public var severity: Severity
  public var message: String
  public var location: Location
  public var related: [RelatedLocation]
  public var fix: Fix?
  /// Other ways to fix it, shown but never applied by `fix` (e.g. HC001's IMDSv2 snippet).
  public var alternatives: [Fix] = []
  public var help: String?
  public var trace: Trace?

  public init(
    rule: String, severity: Severity, message: String, location: Location,
    related: [RelatedLocation] = [], fix: Fix? = nil, help: String? = nil, trace: Trace? = nil
  ) {
    self.rule = rule
    self.severity = severity
    self.message = message
    self.location = location
    self.related = related
    self.fix = fix
    self.help = help
    self.trace = trace
  }

  /// Order used by every reporter: file, position, then rule id.
  public static func reportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
    if lhs.location != rhs.location { return lhs.location < rhs.location }
    return lhs.rule < rhs.rule
  }
}
