import EBCheckCore
import EBCheckSimulation

/// The outcome of `check`: findings plus the simulated health checks.
public struct LintResult: Sendable {
  public var files: SourceFiles
  public var diagnostics: [Diagnostic]
  public var predictions: [HealthCheckPrediction]

  public init(files: SourceFiles, diagnostics: [Diagnostic], predictions: [HealthCheckPrediction]) {
    self.files = files
    self.diagnostics = diagnostics.sorted(by: Diagnostic.reportOrder)
    self.predictions = predictions
  }

  public func count(_ severity: Severity) -> Int {
    diagnostics.lazy.filter { $0.severity == severity }.count
  }

  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
