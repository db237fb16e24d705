import EBCheckCore
import EBCheckModel
import EBCheckPython

/// What ebcheck predicts the health checker gets back from one process of one environment.
public struct HealthCheckPrediction: Sendable, Hashable {
  /// The environment of the model this prediction is for.
  public var environment: EnvironmentHandle
  public var process: String
  public var loadBalancer: LoadBalancerType
  /// `HTTP`, `HTTPS` or `TCP`.
  public var `protocol`: String
  public var port: Int
  public var path: String?
  public var host: String?
  public var matcher: String?
  /// The HTTP status the checker gets, nil for TCP checks and when unverifiable.
  public var status: Int?
  /// nil when the outcome depends on values ebcheck cannot see.
  public var healthy: Bool?
  public var trace: Trace
  /// Why: what the rules turn into findings.
  public var verdict: Verdict
  /// The health check this prediction is for, with the sources of its settings.
  public var check: ProcessCheck?
  /// The application folder of the environment, relative to the lint root: `""` or a path
  /// ending in `/` (`services/api/` in a monorepo).
  public var appRoot: String = ""
  /// What the answer holds unless (settings written under names ebcheck cannot read): each
  /// finding about this prediction states it.
  public var conditions: [RelatedLocation] = []
  /// When the settings need a variable nothing in the repository sets: the answer with it
  /// set in the console (the prediction's own) and without it (the import fails).
  public var armOutcomes: [ConditionedOutcome] = []
  /// What the deployment must do for this answer to hold, until `predict` states it as
  /// the outcomes' condition.
  package var premise: DeploymentPremise?
  /// The DRF rate throttles the view passed: each allows a number of the checker's requests
  /// per window (HC015 compares it with the checker's cadence).
  package var throttles: [ThrottleNote] = []

  public init(
    environment: EnvironmentHandle, process: String = "default", loadBalancer: LoadBalancerType,
    protocol: String, port: Int, path: String?, host: String?, matcher: String?,
    status: Int?, healthy: Bool?, trace: Trace, verdict: Verdict = .unverifiable([]),
    check: ProcessCheck? = nil
  ) {
    self.environment = environment
    self.process = process
    self.loadBalancer = loadBalancer
    self.protocol = `protocol`
    self.port = port
    self.path = path
    self.host = host
    self.matcher = matcher
    self.status = status
    self.healthy = healthy
    self.trace = trace
    self.verdict = verdict
    self.check = check
  }
}
