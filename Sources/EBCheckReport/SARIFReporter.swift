import EBCheck
import EBCheckCore
import EBCheckRules

/// `--format sarif`: one SARIF 2.1.0 run, valid against the OASIS schema.
///
/// Paths are URIs relative to the repository root, against `%SRCROOT%` (what GitHub code
/// scanning resolves from any subfolder); a file outside the repository gets an absolute
/// `file://` URI. Columns are Unicode code points
/// (`run.columnKind`), the same columns `LineIndex` counts. Fixes become `fixes` with
/// replacements, traces become `codeFlows`.
public struct SARIFReporter: Reporter {
  public var context: ReportContext

  public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
  /// The base every relative URI is resolved against: the repository root.
  public static let baseID = "%SRCROOT%"

  public init(context: ReportContext = ReportContext()) { self.context = context }

  public func report(_ result: LintResult, rules: [RuleDescription]) -> String {
    let diagnostics = result.diagnostics.sorted(by: Diagnostic.reportOrder)
    var descriptors = rules.map(Self.descriptor)
    var ruleIndex: [String: Int] = [:]
    for (index, rule) in rules.enumerated() where ruleIndex[rule.id] == nil {
      ruleIndex[rule.id] = index
    }
    // A finding of a rule the caller did not describe still gets a descriptor.
    for diagnostic in diagnostics where ruleIndex[diagnostic.rule] == nil {
      ruleIndex[diagnostic.rule] = descriptors.count
      descriptors.append(
        .object([
          ("id", .string(diagnostic.rule)),
          ("defaultConfiguration", .object([("level", .string(Self.level(diagnostic.severity)))])),
        ]))
    }
    let results = diagnostics.map { diagnostic in
      self.result(diagnostic, ruleIndex: ruleIndex[diagnostic.rule] ?? 0, files: result.files)
    }
    let driver: JSONValue = .object([
      ("name", .string("ebcheck")),
      ("version", .string(context.version)),
      ("semanticVersion", .string(context.version)),
      ("rules", .array(descriptors)),
    ])
    let run: JSONValue = .object([
      ("tool", .object([("driver", driver)])),
      ("originalUriBaseIds", .object([(Self.baseID, srcroot())])),
      ("columnKind", .string("unicodeCodePoints")),
      ("results", .array(results)),
    ])
    let log: JSONValue = .object([
      ("$schema", .string(Self.schemaURI)),
      ("version", .string("2.1.0")),
      ("runs", .array([run])),
    ])
    return log.prettyPrinted()
  }

  package static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "note"
    }
  }

  package static func descriptor(_ rule: RuleDescription) -> JSONValue {
    var markdown = "**\(rule.id)**: \(rule.summary)\n\n\(rule.rationale)\n\n**Fix:** \(rule.fix)"
    if !rule.references.isEmpty {
      markdown +=
        "\n\n**References:**\n" + rule.references.map { "- <\($0)>" }.joined(separator: "\n")
    }
    var members: [(String, JSONValue)] = [
      ("id", .string(rule.id)),
      ("name", .string(rule.name)),
      ("shortDescription", .object([("text", .string(rule.summary))])),
      ("fullDescription", .object([("text", .string(rule.rationale))])),
    ]
    if let link = rule.references.first(where: {
      $0.hasPrefix("https://") || $0.hasPrefix("http://")
    }) {
      members.append(("helpUri", .string(link)))
    }
    members += [
      ("help", .object([("text", .string(rule.fix)), ("markdown", .string(markdown))])),
      ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
      ("properties", .object([("fixable", .bool(rule.fixable))])),
    ]
    return .object(members)
  }

  package func srcroot() -> JSONValue {
    let description: JSONValue = .object([("text", .string("The repository root"))])
    guard let root = context.bases?.repositoryRoot, root.hasPrefix("/") else {
      return .object([("description", description)])
    }
    return .object([
      ("uri", .string(Self.fileURI(root, folder: true))), ("description", description),
    ])
  }

  /// `file:///abs/path` (with a final `/` for a folder).
  package static func fileURI(_ path: String, folder: Bool = false) -> String {
    let text = folder && !path.hasSuffix("/") ? path + "/" : path
    return "file://" + percentEncode(text)
  }

  package func result(_ diagnostic: Diagnostic, ruleIndex: Int, files: SourceFiles) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("ruleId", .string(diagnostic.rule)),
      ("ruleIndex", .int(ruleIndex)),
      ("level", .string(Self.level(diagnostic.severity))),
      ("message", .object([("text", .string(diagnostic.message))])),
      (
        "locations",
        .array([
          .object([("physicalLocation", physicalLocation(diagnostic.location, files: files))])
        ])
      ),
    ]
    if !diagnostic.related.isEmpty {
      let related = diagnostic.related.enumerated().map { index, related -> JSONValue in
        .object([
          ("id", .int(index)),
          ("physicalLocation", physicalLocation(related.location, files: files)),
          ("message", .object([("text", .string(related.label))])),
        ])
      }
      members.append(("relatedLocations", .array(related)))
    }
    if let trace = diagnostic.trace, !trace.hops.isEmpty {
      members.append(("codeFlows", .array([codeFlow(trace, files: files)])))
    }
    if let fix = diagnostic.fix, !fix.edits.isEmpty {
      members.append(("fixes", .array([self.fix(fix, files: files)])))
    }
    var properties: [(String, JSONValue)] = []
    if let help = diagnostic.help { properties.append(("help", .string(help))) }
    if let fix = diagnostic.fix {
      properties.append(("fixApplicability", .string(fix.applicability.rawValue)))
      if let reason = fix.reason { properties.append(("fixReason", .string(reason))) }
    }
    if !properties.isEmpty { members.append(("properties", .object(properties))) }
    return .object(members)
  }

  /// The result's paths are relative to the current directory; SARIF's to the repository.
  package func artifactLocation(_ file: String) -> JSONValue {
    guard let bases = context.bases else {
      return .object([
        ("uri", .string(Self.percentEncode(file))), ("uriBaseId", .string(Self.baseID)),
      ])
    }
    guard let relative = bases.repositoryRelative(ofDisplayed: file) else {
      return .object([("uri", .string(Self.fileURI(bases.absolute(ofDisplayed: file))))])
    }
    return .object([
      ("uri", .string(Self.percentEncode(relative))), ("uriBaseId", .string(Self.baseID)),
    ])
  }

  package func region(_ location: Location, files: SourceFiles) -> JSONValue {
    let range = files.resolve(location)
    return .object([
      ("startLine", .int(range.start.line)),
      ("startColumn", .int(range.start.column)),
      ("endLine", .int(range.end.line)),
      ("endColumn", .int(range.end.column)),
    ])
  }

  package func physicalLocation(_ location: Location, files: SourceFiles) -> JSONValue {
    .object([
      ("artifactLocation", artifactLocation(location.file)),
      ("region", region(location, files: files)),
    ])
  }

  package func codeFlow(_ trace: Trace, files: SourceFiles) -> JSONValue {
    let locations = trace.hops.map { hop -> JSONValue in
      var location: [(String, JSONValue)] = []
      if let place = hop.location {
        location.append(("physicalLocation", physicalLocation(place, files: files)))
      }
      let text = hop.detail.isEmpty ? hop.step : "\(hop.step): \(hop.detail)"
      location.append(("message", .object([("text", .string(text))])))
      return .object([("location", .object(location))])
    }
    return .object([
      ("message", .object([("text", .string("health-check request, hop by hop"))])),
      ("threadFlows", .array([.object([("locations", .array(locations))])])),
    ])
  }

  /// Edits grouped by file in first-seen order; a replacement deletes the edit's region
  /// (empty for an insertion) and inserts its text.
  package func fix(_ fix: Fix, files: SourceFiles) -> JSONValue {
    var order: [String] = []
    var byFile: [String: [Edit]] = [:]
    for edit in fix.edits {
      if byFile[edit.file] == nil { order.append(edit.file) }
      byFile[edit.file, default: []].append(edit)
    }
    let changes = order.map { file -> JSONValue in
      let replacements = (byFile[file] ?? []).map { edit -> JSONValue in
        .object([
          ("deletedRegion", region(Location(file: edit.file, span: edit.span), files: files)),
          ("insertedContent", .object([("text", .string(edit.replacement))])),
        ])
      }
      var members: [(String, JSONValue)] = [
        ("artifactLocation", artifactLocation(file)), ("replacements", .array(replacements)),
      ]
      if byFile[file]?.contains(where: \.createsFile) == true {
        members.append(("properties", .object([("createsFile", .bool(true))])))
      }
      return .object(members)
    }
    return .object([
      ("description", .object([("text", .string(fix.title))])),
      ("artifactChanges", .array(changes)),
    ])
  }

  /// Percent-encodes a path for a URI reference: keeps unreserved characters and `/`.
  package static func percentEncode(_ path: String) -> String {
    if path.utf8.allSatisfy(isUnreserved) { return path }
    var out = ""
    let hex = Array("0123456789ABCDEF")
    for byte in path.utf8 {
      if isUnreserved(byte) {
        out.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        out.append("%")
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
      }
    }
    return out
  }

  private static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
      true
    default: false
    }
  }
}
