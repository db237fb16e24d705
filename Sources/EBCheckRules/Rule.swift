import EBCheckCore

/// A small repository used to show and test a rule: relative path → contents.
///
/// A `↓` written in a file marks where a finding of the rule must start (as in SwiftLint's
/// examples); the marks are taken out of the text, and `expected` keeps their positions.
public struct RuleExample: Sendable, Hashable {
  public static let marker: Character = "↓"

  public var files: [String: String]
  /// Extra environment values assumed while linting the example (`--env`).
  public var env: [String: String]
  /// Where the rule's findings must start, one per `↓`; empty when the example marks none.
  public var expected: [ExpectedPosition]
  /// Words every finding of the rule on this example must say; nil when not stated.
  public var expectedMessage: String?

  public init(_ files: [String: String], env: [String: String] = [:]) {
    var plain: [String: String] = [:]
    var expected: [ExpectedPosition] = []
    for (path, text) in files {
      let (stripped, marks) = Self.removingMarkers(text)
      plain[path] = stripped
      expected += marks.map { ExpectedPosition(file: path, line: $0.line, column: $0.column) }
    }
    self.files = plain
    self.env = env
    self.expected = expected.sorted()
  }

  /// `text` without its markers, and the 1-based line and column (in Unicode scalars, as
  /// `LineIndex` counts them) each marker stood at. Read as UTF-8 bytes: the docs and the
  /// tests build every rule's examples, so this stays cheap.
  package static func removingMarkers(_ text: String) -> (String, [(line: Int, column: Int)]) {
    // U+2193 in UTF-8.
    let (first, second, third): (UInt8, UInt8, UInt8) = (0xE2, 0x86, 0x93)
    var marks: [(line: Int, column: Int)] = []
    var text = text
    let out = text.withUTF8 { bytes -> [UInt8]? in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var (line, column) = (1, 1)
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == first, index + 2 < bytes.count, bytes[index + 1] == second,
          bytes[index + 2] == third
        {
          marks.append((line, column))
          index += 3
          continue
        }
        out.append(byte)
        index += 1
        if byte == UInt8(ascii: "\n") {
          line += 1
          column = 1
        } else if byte & 0xC0 != 0x80 {
          // A scalar starts at every byte that is not a continuation byte.
          column += 1
        }
      }
      return marks.isEmpty ? nil : out
    }
    guard let out else { return (text, []) }
    return (String(decoding: out, as: UTF8.self), marks)
  }

  /// An example made of a single file.
  public init(path: String, _ contents: String, env: [String: String] = [:]) {
    self.init([path: contents], env: env)
  }

  /// The example, stating words its findings' messages must contain.
  public func saying(_ message: String) -> RuleExample {
    var copy = self
    copy.expectedMessage = message
    return copy
  }
}

/// The place an example's finding must start.
public struct ExpectedPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public static func < (lhs: ExpectedPosition, rhs: ExpectedPosition) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }

  public var description: String { "\(file):\(line):\(column)" }
}

/// Everything a user (and the docs generator) needs to know about a rule.
///
/// The examples are built only when read (`explain`, `rules`, `write-docs`, the tests): a
/// check reads the id, severity and words of every rule, never their example repositories.
public struct RuleDescription: Sendable, Hashable {
  public var id: String
  public var name: String
  public var severity: Severity
  /// One line: what the rule finds.
  public var summary: String
  /// Why it breaks health checks or deployments.
  public var rationale: String
  /// How to fix it, in words.
  public var fix: String
  public var fixable: Bool
  /// Its fixes change more than the finding, so `ebcheck fix` applies them only with
  /// `--unsafe-fixes`.
  public var fixIsUnsafe: Bool = false
  /// Links to the AWS and Django documentation behind the rule.
  public var references: [String]
  private let makeTriggering: @Sendable () -> [RuleExample]
  private let makeNonTriggering: @Sendable () -> [RuleExample]

  /// Repositories the rule must find something in (built on each read).
  public var triggering: [RuleExample] { makeTriggering() }
  /// Repositories the rule must find nothing in (built on each read).
  public var nonTriggering: [RuleExample] { makeNonTriggering() }

  public init(
    id: String, name: String, severity: Severity, summary: String, rationale: String,
    fix: String, fixable: Bool, fixIsUnsafe: Bool = false,
    triggering: @escaping @autoclosure @Sendable () -> [RuleExample],
    nonTriggering: @escaping @autoclosure @Sendable () -> [RuleExample],
    references: [String] = []
  ) {
    self.fixIsUnsafe = fixIsUnsafe
    self.id = id
    self.name = name
    self.severity = severity
    self.summary = summary
    self.rationale = rationale
    self.fix = fix
    self.fixable = fixable
    self.makeTriggering = triggering
    self.makeNonTriggering = nonTriggering
    self.references = references
  }

  public static func == (lhs: RuleDescription, rhs: RuleDescription) -> Bool {
    lhs.id == rhs.id && lhs.name == rhs.name && lhs.severity == rhs.severity
      && lhs.summary == rhs.summary && lhs.rationale == rhs.rationale && lhs.fix == rhs.fix
      && lhs.fixable == rhs.fixable && lhs.fixIsUnsafe == rhs.fixIsUnsafe
      && lhs.references == rhs.references && lhs.triggering == rhs.triggering
      && lhs.nonTriggering == rhs.nonTriggering
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(name)
    hasher.combine(summary)
  }

  /// How the docs say it can be fixed: `yes, with `ebcheck fix``, or `no`.
  public var fixableText: String {
    guard fixable else { return "no" }
    return fixIsUnsafe ? "yes, with `ebcheck fix --unsafe-fixes`" : "yes, with `ebcheck fix`"
  }
}

/// A rule reads the whole model once built and returns its findings.
public protocol Rule: Sendable {
  var description: RuleDescription { get }
  func check(_ context: LintContext) -> [Diagnostic]
}

extension Rule {
  public var id: String { description.id }

  /// A diagnostic of this rule with its default severity.
  public func diagnostic(
    _ message: String, at location: Location, related: [RelatedLocation] = [],
    fix: Fix? = nil, help: String? = nil, trace: Trace? = nil
  ) -> Diagnostic {
    Diagnostic(
      rule: description.id, severity: description.severity, message: message,
      location: location, related: related, fix: fix, help: help, trace: trace)
  }
}
