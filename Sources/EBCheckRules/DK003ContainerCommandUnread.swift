import EBCheckCore
import EBCheckModel
import EBCheckSimulation

/// DK003: the container runs a command ebcheck does not read, so the app's answer holds only
/// if that command starts the app where the proxy connects.
public struct ContainerCommandUnreadRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "DK003", name: "container-command-unread", severity: .warning,
    summary:
      "The container's command is not an app server ebcheck reads (supervisord, a shell or entrypoint script): the app's answer holds only if that command starts it on the proxied port.",
    rationale: """
      On the Docker platforms the image's command is the app server. When it is a process \
      manager or a script, ebcheck cannot see whether it starts gunicorn (or anything) on the \
      port the platform's proxy connects to. It still simulates the app, and reports the \
      answer as two outcomes: the app's, if the command starts it there, and no app (nginx \
      answers 502, or nothing answers without a proxy) otherwise. An error when the check \
      fails either way (the app's own answer fails too), a warning when some other outcome \
      of the app fails, and otherwise a note that the answer rests on the command.
      """,
    fix: """
      Run the app server as the image's command (`CMD ["gunicorn", "--bind", "0.0.0.0:8000", \
      "mysite.wsgi"]`), or make sure the script or supervisord program starts it on the \
      container port the Dockerfile's first `EXPOSE` names.
      """,
    fixable: false,
    triggering: [
      hostsRepo(dockerfile: "FROM python:3.12-slim\nEXPOSE 8000\nCMD ↓supervisord -n\n")
        .saying("if the container's command starts the app on :8000: 400"),
      hostsRepo(
        dockerfile:
          "FROM python:3.12-slim\r\n# 한국어 주석\r\nEXPOSE 8000\r\nENTRYPOINT ↓[\"/start.sh\"]\r\n"),
    ],
    nonTriggering: [
      hostsRepo(
        dockerfile:
          "FROM python:3.12-slim\nEXPOSE 8000\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"mysite.wsgi\"]\n"
      ),
      hostsRepo(
        dockerfile:
          "FROM python:3.12-slim\nEXPOSE 8000\nCMD supervisord -n  # ebcheck: ignore[DK003]\n"),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/single-container-docker-configuration.html"
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      guard case .conditional(let outcomes) = prediction.verdict,
        let premise = outcomes.lazy.compactMap(\.premise).first(where: {
          $0.kind == .containerCommand
        }), let location = premise.location
      else { return nil }
      let answers = outcomes.map { "\($0.condition): \(answer($0, context))" }
      var finding = diagnostic(
        "\(premise.reason): \(prediction.subject) depends on it — "
          + answers.joined(separator: "; "),
        at: location,
        related: outcomes.compactMap { outcome in
          guard outcome.premise?.holds == true,
            let at = DependsOnEnvironmentRule.location(of: outcome.verdict)
          else { return nil }
          return RelatedLocation(at, "\(outcome.condition): \(answer(outcome, context))")
        },
        help:
          "run the app server as the image's command, or make sure this command starts it on the proxied port",
        trace: prediction.trace)
      // Unhealthy whatever the command does: an error, like any failing check. Else a
      // warning where the app itself fails, and a note where only the command can.
      let appFails = outcomes.contains { $0.premise?.holds == true && $0.healthy == false }
      if prediction.healthy == false {
        finding.severity = .error
      } else if !appFails {
        finding.severity = .info
      }
      return finding
    }
  }

  /// A Docker repository whose hosts reject the checker, with `dockerfile` as its Dockerfile.
  package static func hostsRepo(dockerfile: String) -> RuleExample {
    var files = DockerExample.repo(dockerfile: "").files
    files["mysite/settings.py"] =
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['www.example.com']\n").files[
        "mysite/settings.py"]
    files["Dockerfile"] = dockerfile
    return RuleExample(files)
  }

  /// `400, unhealthy (the instance IP is not in ALLOWED_HOSTS, mysite/settings.py:1)`.
  private func answer(_ outcome: ConditionedOutcome, _ context: LintContext) -> String {
    let status = outcome.answer
    let health = outcome.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "unknown"
    var why = DependsOnEnvironmentRule.reason(of: outcome.verdict)
    if let at = DependsOnEnvironmentRule.location(of: outcome.verdict),
      let file = context.files[at.file]
    {
      why += ", \(at.file):\(file.location(of: at.span.start).line)"
    }
    return "\(status), \(health) (\(why))"
  }
}
