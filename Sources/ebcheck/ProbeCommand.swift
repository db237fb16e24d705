import ArgumentParser
import EBCheck
import EBCheckCore
import EBCheckSimulation

/// `ebcheck probe URL [PATH]`: the health checker's one request to a running server, judged
/// with the environment's matcher, beside the static prediction for the repository.
struct ProbeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract: "Send the load balancer's health check request to a running server.",
    discussion: """
      Sends exactly one `GET` to URL, as the Elastic Beanstalk load balancer's health checker \
      does: `Host:` a private-range address (or --host), `User-Agent: ELB-HealthChecker/2.0`, \
      no redirects followed, a 5 s timeout. Prints the status, any Location and the first \
      bytes of the body, judges the status with the environment's MatcherHTTPCode, and shows \
      ebcheck's prediction for the repository at PATH beside it. Exit 0 healthy, 1 unhealthy, \
      2 unreachable. Plain HTTP only.
      """)

  @Argument(help: "The server to probe, e.g. http://127.0.0.1:8000 (plain HTTP).")
  var url: String

  @Argument(
    help: "The repository whose prediction to compare with (default: the current directory).")
  var path: String = "."

  @Option(
    name: .customLong("path"),
    help: "The path to request (default: the URL's, else the predicted health check path).")
  var requestPath: String?

  @Option(
    help: "The Host header to send (default: 172.31.0.10:PORT, like the checker's private IP).")
  var host: String?

  @Option(help: "The environment whose check to compare with, when the repository defines several.")
  var environment: String?

  @Option(help: "Seconds to wait for the answer.")
  var timeout: Double = HealthProbe.defaultTimeout

  @OptionGroup var lint: LintFlags

  func run() throws {
    let target: ProbeTarget
    do { target = try ProbeTarget.parse(url) } catch { throw UsageError(error.description) }
    guard timeout > 0, timeout <= 120 else {
      throw UsageError("--timeout must be between 0 and 120 seconds")
    }
    let workspace = try Workspace.load(path: path)
    let result = workspace.lint(try lint.options(for: workspace))
    let http = result.predictions.filter { $0.protocol != "TCP" }
    if let environment, !result.predictions.contains(where: { $0.environment.name == environment })
    {
      let names = Set(result.predictions.map(\.environment.name)).sorted().joined(separator: ", ")
      throw UsageError(
        "no environment '\(environment)' in \(path) (found: \(names.isEmpty ? "none" : names))")
    }
    let prediction = http.first { candidate in
      environment.map { candidate.environment.name == $0 } ?? true
    }
    let requestPath = requestPath ?? target.path ?? prediction?.path ?? "/"
    guard requestPath.hasPrefix("/"),
      !requestPath.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" })
    else {
      throw UsageError("--path must start with '/' and hold no spaces or line breaks")
    }
    if let host, host.contains(where: { $0 == "\r" || $0 == "\n" }) || host.isEmpty {
      throw UsageError("--host must be one non-empty line")
    }
    let probe = HealthProbe(target: target, path: requestPath, hostHeader: host, timeout: timeout)
    let matcher = prediction?.matcher ?? "200"
    let origin = matcherOrigin(prediction)
    let answer: Result<ProbeResponse, ProbeError>
    do { answer = .success(try probe.send()) } catch { answer = .failure(error) }
    let report = ProbeReport(
      probe: probe, result: answer, matcher: matcher, matcherOrigin: origin,
      prediction: prediction)
    print(report.text, terminator: "")
    if case .unreachable = report.outcome {
      printError("error: \(target.host):\(target.port) is unreachable; is the server running?")
    }
    if report.outcome.exitCode != 0 { throw ExitCode(report.outcome.exitCode) }
  }

  func matcherOrigin(_ prediction: HealthCheckPrediction?) -> String {
    guard let prediction else { return "no environment found: the default" }
    if let location = prediction.check?.matcher.location
      ?? prediction.trace.hops.last(where: { $0.step == "matcher" })?.location
    {
      return "MatcherHTTPCode set in \(location.file)"
    }
    return prediction.loadBalancer == .classic
      ? "classic load balancers accept only 200" : "MatcherHTTPCode unset: Beanstalk's default"
  }
}
