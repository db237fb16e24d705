import EBCheck
import EBCheckCore
import EBCheckRules
import EBCheckSimulation

/// `--format json`: the schema of docs/architecture.md ("JSON output"), keys in that order.
///
/// Each diagnostic carries the contract keys first (`rule` … `fixable`), then additive keys
/// that are always present: `help` (string or null), `fix` (object or null), `related`
/// (array) and `trace` (array). Each health check carries the contract keys, then `process`.
/// A `summary` object follows `healthChecks`.
public struct JSONReporter: Reporter {
  public var context: ReportContext

  public init(context: ReportContext = ReportContext()) { self.context = context }

  public func report(_ result: LintResult, rules: [RuleDescription]) -> String {
    let files = result.files
    let diagnostics = result.diagnostics.sorted(by: Diagnostic.reportOrder)
    let document: JSONValue = .object([
      ("version", .string(context.version)),
      ("diagnostics", .array(diagnostics.map { diagnostic($0, files: files) })),
      ("healthChecks", .array(result.predictions.map { healthCheck($0, files: files) })),
      (
        "summary",
        .object([
          ("files", .int(context.fileCount(result))),
          ("errors", .int(result.count(.error))),
          ("warnings", .int(result.count(.warning))),
          ("info", .int(result.count(.info))),
        ])
      ),
    ])
    return document.prettyPrinted()
  }

  /// `fixable` is true when `ebcheck fix` can apply the fix: safe, or unsafe with
  /// `--unsafe-fixes`. A display-only suggestion is not fixable.
  package static func isFixable(_ diagnostic: Diagnostic) -> Bool {
    guard let fix = diagnostic.fix, !fix.edits.isEmpty else { return false }
    return fix.applicability != .display
  }

  package func diagnostic(_ diagnostic: Diagnostic, files: SourceFiles) -> JSONValue {
    let range = files.resolve(diagnostic.location)
    var members: [(String, JSONValue)] = [
      ("rule", .string(diagnostic.rule)),
      ("severity", .string(diagnostic.severity.rawValue)),
      ("message", .string(diagnostic.message)),
      ("file", .string(diagnostic.location.file)),
      ("line", .int(range.start.line)),
      ("column", .int(range.start.column)),
      ("endLine", .int(range.end.line)),
      ("endColumn", .int(range.end.column)),
      ("fixable", .bool(Self.isFixable(diagnostic))),
      ("help", .optional(diagnostic.help)),
    ]
    if let fix = diagnostic.fix {
      members.append(
        (
          "fix",
          .object([
            ("title", .string(fix.title)),
            ("applicability", .string(fix.applicability.rawValue)),
            ("reason", .optional(fix.reason)),
            ("edits", .array(fix.edits.map { edit($0, files: files) })),
          ])
        ))
    } else {
      members.append(("fix", .null))
    }
    members.append(
      (
        "related",
        .array(
          diagnostic.related.map { related in
            .object(
              Self.range(related.location, files: files) + [("message", .string(related.label))])
          })
      ))
    members.append(("trace", .array((diagnostic.trace?.hops ?? []).map { hop($0, files: files) })))
    return .object(members)
  }

  package static func range(_ location: Location, files: SourceFiles) -> [(String, JSONValue)] {
    let range = files.resolve(location)
    return [
      ("file", .string(location.file)),
      ("line", .int(range.start.line)),
      ("column", .int(range.start.column)),
      ("endLine", .int(range.end.line)),
      ("endColumn", .int(range.end.column)),
    ]
  }

  package func edit(_ edit: Edit, files: SourceFiles) -> JSONValue {
    .object(
      Self.range(Location(file: edit.file, span: edit.span), files: files) + [
        ("replacement", .string(edit.replacement)),
        ("createsFile", .bool(edit.createsFile)),
      ])
  }

  package func hop(_ hop: TraceHop, files: SourceFiles) -> JSONValue {
    let line: Int? = hop.location.flatMap { location in
      files[location.file] == nil ? nil : files.resolve(location).start.line
    }
    return .object([
      ("step", .string(hop.step)),
      ("file", .optional(hop.location?.file)),
      ("line", .optional(line)),
      ("detail", .string(hop.detail)),
    ])
  }

  package func healthCheck(_ prediction: HealthCheckPrediction, files: SourceFiles) -> JSONValue {
    var fields: [(String, JSONValue)] = [
      ("environment", .string(prediction.environment.name)),
      ("loadBalancer", .string(prediction.loadBalancer.rawValue)),
      ("protocol", .string(prediction.protocol)),
      ("port", .int(prediction.port)),
      ("path", .optional(prediction.path)),
      ("host", .optional(prediction.host)),
      ("matcher", .optional(prediction.matcher)),
      ("status", .optional(prediction.status)),
      ("healthy", .optional(prediction.healthy)),
      ("trace", .array(prediction.trace.hops.map { hop($0, files: files) })),
      ("process", .string(prediction.process)),
    ]
    let conditioned = outcomes(prediction)
    if !conditioned.isEmpty { fields.append(("outcomes", .array(conditioned))) }
    return .object(fields)
  }

  /// When the answer depends on an open environment variable: each answer with its
  /// condition (`assume` maps the variable to its value, null for unset, `tested` lists the
  /// values the settings test so "any other value" can be matched).
  package func outcomes(_ prediction: HealthCheckPrediction) -> [JSONValue] {
    guard case .conditional(let outcomes) = prediction.verdict else {
      return prediction.armOutcomes.isEmpty ? [] : self.outcomes(prediction.armOutcomes)
    }
    return self.outcomes(outcomes)
  }

  package func outcomes(_ outcomes: [ConditionedOutcome]) -> [JSONValue] {
    return outcomes.map { outcome in
      let tested =
        outcome.assumptions.first.map { first in
          outcomes.filter { $0.variable == first.name }.flatMap(\.assumptions).compactMap {
            assumption -> String? in
            if case .value(let text) = assumption.value { return text }
            return nil
          }
        } ?? []
      var fields: [(String, JSONValue)] = [
        ("condition", .string(outcome.condition)),
        ("variable", .string(outcome.variable)),
        (
          "values",
          .array(
            outcome.assumptions.map { assumption in
              switch assumption.value {
              case .unset: return .string("(unset)")
              case .value(let text): return .string(text)
              case .other, .set: return .string("(other)")
              }
            })
        ),
        ("tested", .array(tested.map { .string($0) })),
        ("status", .optional(outcome.status)),
        ("healthy", .optional(outcome.healthy)),
      ]
      if let premise = outcome.premise {
        // What the deployment must be for this answer (not an environment value).
        let kind =
          switch premise.kind {
          case .containerCommand: "containerCommand"
          case .platformGeneration: "platformGeneration"
          case .deployedBundle: "deployedBundle"
          case .consoleOption: "consoleOption"
          case .instanceFamily: "instanceFamily"
          }
        var described: [(String, JSONValue)] = [
          ("kind", .string(kind)), ("holds", .bool(premise.holds)),
        ]
        // Which bundle: the deploy script and its variables' values.
        if let bundle = premise.bundle { described.append(("bundle", .string(bundle))) }
        // Which instance family: `xen` or `nitro` (the hypervisor file differs).
        if let family = premise.family { described.append(("family", .string(family))) }
        if let option = premise.option {
          // The console's option and the value it gives it (null: left unset).
          described.append(("option", .string(option)))
          described.append(("value", premise.value.map { .string($0) } ?? .null))
        }
        fields.append(("premise", .object(described)))
      }
      return .object(fields)
    }
  }
}
