import EBCheckCore
import EBCheckModel

/// What the deployment must be for an answer to hold, where the repository does not show
/// it: a container command ebcheck does not read starting the app, or the platform
/// generation (which decides whether IMDSv1 answers). Not an environment value, so no
/// `--env` decides it.
public struct DeploymentPremise: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// The container's command (supervisord, a script) may or may not start the app.
    case containerCommand
    /// The repository names no platform: the generation decides IMDSv1's default.
    case platformGeneration
    /// A deploy script assembles the bundle from one of several sets of files (a stage's
    /// `Dockerrun.aws.json`): which one the environment runs is the deployer's choice.
    case deployedBundle
    /// An option no repository file sets, which the console may (`WSGIPath`).
    case consoleOption
    /// The settings test `/sys/hypervisor`: Xen- and Nitro-based instance types differ.
    case instanceFamily
  }

  public var kind: Kind
  /// The outcome's condition: `if the container's command starts the app on :80`.
  public var condition: String
  /// What the repository leaves open (`the container runs \`supervisord -n\`, …`).
  public var reason: String
  /// Where it is written (the command), nil when nothing in the repository says it.
  public var location: Location?
  /// Whether this is the case the answer was first simulated under (the command starts the
  /// app; the generation new environments get).
  public var holds = true
  /// The container port the app must be served on (a container command's premise).
  public var port: Int?
  /// The bundle a deploy script assembles that this answer is for (its condition), also
  /// when another premise is stated beside it.
  public var bundle: String?
  /// A console option's premise: the option (`namespace:option`) and the value the console
  /// gives it, nil for the arm where it stays unset.
  public var option: String?
  public var value: String?
  /// The instance family (`xen`, `nitro`) the answer is for, also when another premise is
  /// stated beside it.
  public var family: String?

  public init(kind: Kind, condition: String, reason: String, location: Location?) {
    self.kind = kind
    self.condition = condition
    self.reason = reason
    self.location = location
  }
}

extension HealthCheckSimulator {
  /// The premise the answer rests on, when the app server's hop was reached through a
  /// container command ebcheck does not read.
  package func premise(proxiedPort: Int?) -> DeploymentPremise? {
    guard let reason = environment.appServer.containerCommandUnknown else { return nil }
    let port = proxiedPort ?? environment.appServer.port?.value
    let image = environment.appServer.unbuiltImage.map {
      "if \($0.value), which no file of the repository builds, runs this repository's code and "
    }
    var premise = DeploymentPremise(
      kind: .containerCommand,
      condition: (image ?? "if ") + "the container's command starts the app"
        + (port.map { " on :\($0)" } ?? ""),
      reason: reason.value, location: reason.location)
    premise.port = port
    return premise
  }

  /// The prediction as the two answers the premise leaves: the app's (each of its own
  /// conditions kept) when the command starts it, and no app otherwise — nginx answers 502
  /// where it proxies, and nothing answers where no platform proxy runs.
  package func resting(_ prediction: HealthCheckPrediction, on premise: DeploymentPremise)
    -> HealthCheckPrediction
  {
    let proxied = environment.platform.proxy.value != .none && !environment.platform.isModWSGI
    let nothing = "nothing in the container listens" + (premise.port.map { " on :\($0)" } ?? "")
    let otherwise = "otherwise \(nothing) → " + (proxied ? "502" : "no answer")
    var result = prediction
    result.trace.append(
      "container", "the answer above holds only if that command starts the app; \(otherwise)",
      at: premise.location)
    // Unknown either way: the reason the app's answer is unknown stays the finding.
    if case .unverifiable = prediction.verdict { return result }
    var failing = premise
    failing.holds = false
    failing.condition = "if it does not"
    let failed = ConditionedOutcome(
      assumptions: [], status: proxied ? 502 : nil, healthy: false,
      verdict: .portClosed(reason: nothing), premise: failing)
    return combined(result, premised(prediction, premise) + [failed])
  }

  /// The outcomes of `prediction`, each resting on `premise` too.
  package func premised(_ prediction: HealthCheckPrediction, _ premise: DeploymentPremise)
    -> [ConditionedOutcome]
  {
    Self.premised(prediction, premise)
  }

  package static func premised(_ prediction: HealthCheckPrediction, _ premise: DeploymentPremise)
    -> [ConditionedOutcome]
  {
    if case .conditional(let answers) = prediction.verdict {
      return answers.map { answer in
        var premised = answer
        if var inner = answer.premise {
          // Both hold: the outer condition first, the inner one's kind kept for its rule.
          inner.condition = premise.condition + ", " + inner.condition
          inner.bundle = inner.bundle ?? premise.bundle
          inner.family = inner.family ?? premise.family
          premised.premise = inner
        } else {
          premised.premise = premise
        }
        return premised
      }
    }
    return [
      ConditionedOutcome(
        assumptions: [], status: prediction.status, healthy: prediction.healthy,
        verdict: prediction.verdict, premise: premise)
    ]
  }

  /// `prediction` answering `outcomes`: one status or health when they all agree on it.
  package func combined(_ prediction: HealthCheckPrediction, _ outcomes: [ConditionedOutcome])
    -> HealthCheckPrediction
  {
    Self.combined(prediction, outcomes)
  }

  package static func combined(
    _ prediction: HealthCheckPrediction, _ outcomes: [ConditionedOutcome]
  ) -> HealthCheckPrediction {
    var result = prediction
    let statuses = Set(outcomes.map(\.status))
    let healths = Set(outcomes.map(\.healthy))
    result.status = statuses.count == 1 ? outcomes[0].status : nil
    result.healthy = healths.count == 1 ? outcomes[0].healthy : nil
    result.verdict = .conditional(outcomes)
    return result
  }
}

extension HealthCheckSimulator {
  /// Where nothing names the platform and the settings fetch the instance IP without a
  /// token, the answer on each generation: Amazon Linux 2023 (what new environments get)
  /// disables IMDSv1 by default, Amazon Linux 2 and the AMI do not (facts.md §5). One
  /// answer when both agree.
  package func acrossGenerations(_ prediction: HealthCheckPrediction, _ check: ProcessCheck)
    -> HealthCheckPrediction
  {
    guard let older = environment.djangoWhereIMDSv1Answers else { return prediction }
    var other = environment
    other.consoleWSGIPaths = []
    other.django = older
    other.djangoScenarios = []
    other.djangoWhereIMDSv1Answers = nil
    other.imdsV1Disabled = .defaulted(false, "Amazon Linux 2 and AMI default")
    let answer = HealthCheckSimulator(environment: other, handle: handle).predict(check)
    var result = prediction
    // A platform hook (or the later virtualenv) rules the AMI out, not Amazon Linux 2.
    let hook = environment.platform.laterThanAMI
    let olderNames = hook == nil ? "Amazon Linux 2 or the AMI" : "Amazon Linux 2"
    let reason =
      "the repository names no platform"
      + (hook.map { " (\($0.file) rules out the AMI, not Amazon Linux 2)" } ?? "")
    if answer.status == prediction.status, answer.healthy == prediction.healthy,
      answer.verdict == prediction.verdict || answer.status != nil
    {
      result.trace.append(
        "platform", "\(reason); IMDSv1 answering or not gives this answer on every generation")
      return result
    }
    let newest = DeploymentPremise(
      kind: .platformGeneration,
      condition: "on Amazon Linux 2023 (IMDSv1 disabled by default)", reason: reason,
      location: nil)
    var older2 = newest
    older2.holds = false
    older2.condition = "on \(olderNames) (IMDSv1 enabled by default)"
    result.trace.append(
      "platform",
      "\(reason): on \(olderNames), where IMDSv1 answers by default, the answer is "
        + answer.verdict.checkerAnswer(status: answer.status))
    return combined(result, premised(prediction, newest) + premised(answer, older2))
  }
}
