import EBCheckCore
import EBCheckSimulation

/// The probe's answer judged with the environment's matcher, beside ebcheck's prediction.
public struct ProbeReport: Sendable {
  public enum Outcome: Sendable, Hashable {
    case healthy
    case unhealthy
    case unreachable(String)

    /// 0 healthy, 1 unhealthy, 2 unreachable.
    public var exitCode: Int32 {
      switch self {
      case .healthy: 0
      case .unhealthy: 1
      case .unreachable: 2
      }
    }
  }

  public var probe: HealthProbe
  public var response: ProbeResponse?
  public var matcher: String
  /// Where the matcher comes from, e.g. `MatcherHTTPCode set in infra/main.tf:25`.
  public var matcherOrigin: String
  public var prediction: HealthCheckPrediction?
  public var outcome: Outcome

  public init(
    probe: HealthProbe, result: Result<ProbeResponse, ProbeError>, matcher: String,
    matcherOrigin: String, prediction: HealthCheckPrediction?
  ) {
    self.probe = probe
    self.matcher = matcher
    self.matcherOrigin = matcherOrigin
    self.prediction = prediction
    switch result {
    case .success(let response):
      self.response = response
      let accepts = StatusMatcher(matcher)?.accepts(response.status) ?? (response.status == 200)
      outcome = accepts ? .healthy : .unhealthy
    case .failure(let error):
      self.response = nil
      outcome = .unreachable(error.description)
    }
  }

  /// The lines `ebcheck probe` prints.
  public var text: String {
    var lines: [String] = []
    let target = probe.target
    lines.append(
      "GET \(probe.path) → \(target.host):\(target.port) (Host: \(probe.hostHeader), User-Agent: \(HealthProbe.userAgent), redirects not followed, \(HealthProbe.seconds(probe.timeout)) timeout)"
    )
    if let response {
      lines.append(
        "status: \(response.status)\(response.reason.isEmpty ? "" : " " + response.reason)")
      if let location = response.location { lines.append("location: \(location)") }
      lines.append("body: \(Self.preview(response.bodyPrefix))")
    }
    switch outcome {
    case .healthy:
      lines.append("matcher: \(matcher) (\(matcherOrigin)) → healthy")
    case .unhealthy:
      lines.append("matcher: \(matcher) (\(matcherOrigin)) → unhealthy")
    case .unreachable(let reason):
      lines.append("unreachable: \(reason)")
    }
    lines.append(comparison)
    return lines.joined(separator: "\n") + "\n"
  }

  /// "predicted 400, got 400 (the prediction holds)".
  public var comparison: String {
    guard let prediction else {
      return "prediction: none (the repository has no load balancer health check to predict)"
    }
    var predicted: String
    if let status = prediction.status {
      predicted = "predicted \(status)"
    } else if prediction.healthy == nil {
      predicted = "predicted nothing certain (see `ebcheck check` for what is unverifiable)"
    } else {
      predicted = "predicted no HTTP answer"
    }
    let got = response.map { "got \($0.status)" } ?? "got no answer"
    var line = "\(predicted), got \(got.dropFirst(4))"
    if prediction.path != probe.path {
      line +=
        " (the prediction is for GET \(prediction.path ?? "/"); this probe sent \(probe.path))"
    } else if let status = prediction.status, let response {
      line +=
        status == response.status
        ? " (the prediction holds)"
        : " (the running server differs from the repository's prediction)"
    }
    return "prediction for \(prediction.environment.name)/\(prediction.process): " + line
  }

  /// The body's first bytes as one printable line.
  static func preview(_ bytes: [UInt8]) -> String {
    guard !bytes.isEmpty else { return "(empty)" }
    let limit = 160
    var text = ""
    for scalar in String(decoding: bytes.prefix(limit), as: UTF8.self).unicodeScalars {
      switch scalar {
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: text += "·"
      default: text.unicodeScalars.append(scalar)
      }
    }
    return "\"" + text + "\"" + (bytes.count > limit ? " …" : "")
  }
}
