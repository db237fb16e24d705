import EBCheckCore
import EBCheckGenerate
import EBCheckSimulation

/// HC001: the health checker's Host (the instance private IP) is rejected by ALLOWED_HOSTS.
public struct DisallowedHostRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC001", name: "health-check-host-rejected", severity: .error,
    summary:
      "The health check's Host header (the instance private IP) is not in ALLOWED_HOSTS, so Django answers 400.",
    rationale: """
      The load balancer calls every instance with `Host: <private IP>:<port>`. Django's \
      CommonMiddleware calls `get_host()`, the IP is not in ALLOWED_HOSTS, and Django answers \
      400 DisallowedHost. Real visitors use your domain and never notice, but every target is \
      unhealthy and the environment goes Severe. IPs change with every instance, so listing one \
      does not help, and `'*'` switches Host validation off for everyone.
      """,
    fix: """
      Answer the health path from a small middleware placed first in MIDDLEWARE (it never calls \
      get_host()) and point HealthCheckPath at it: `ebcheck fix`. The alternative is to \
      add the instance IP at start-up through IMDSv2 with a token.
      """,
    fixable: true,
    triggering: [
      ExampleRepo.django(settings: "↓ALLOWED_HOSTS = ['localhost', '127.0.0.1']\n"),
      ExampleRepo.django(settings: "↓ALLOWED_HOSTS = ['www.example.com']  # 서비스 도메인\n"),
      ExampleRepo.django(
        settings:
          "import os\r\n↓ALLOWED_HOSTS = os.environ.get('HOSTS', 'example.com').split(',')\r\n"),
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['www.example.com']  # ebcheck: ignore[HC001]\n"),
      ExampleRepo.django(
        settings: """
          import requests
          ALLOWED_HOSTS = ['www.example.com']
          token = requests.put('http://169.254.169.254/latest/api/token',
                               headers={'X-aws-ec2-metadata-token-ttl-seconds': '60'}, timeout=1).text
          ALLOWED_HOSTS.append(requests.get('http://169.254.169.254/latest/meta-data/local-ipv4',
                               headers={'X-aws-ec2-metadata-token': token}, timeout=1).text)

          """),
    ],
    references: [
      "https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    let fixes = HealthMiddlewareFix(context: context)
    return eachPrediction(context) { prediction in
      let (rejection, generations) = Self.rejection(prediction)
      guard let rejection,
        let location = rejection.allowedHosts ?? rejection.caller.location
          ?? prediction.fallbackLocation(context)
      else { return nil }
      var related = prediction.pathRelated
      if let caller = rejection.caller.location {
        related.append(
          RelatedLocation(caller, "\(rejection.caller.shortName) calls get_host() here"))
      }
      for lookup in rejection.failedLookups {
        if case .instanceIP(_, let at?) = lookup {
          related.append(
            RelatedLocation(
              at, "this IMDS lookup has no token: 401 where IMDSv1 is disabled (AL2023)"))
        }
      }
      var why =
        rejection.emptyList
        ? "ALLOWED_HOSTS is empty and DEBUG is False"
        : "ALLOWED_HOSTS does not contain the instance private IP the checker sends as Host"
      if !rejection.unlessWildcardIn.isEmpty {
        let names = rejection.unlessWildcardIn.joined(separator: " or ")
        why =
          "ALLOWED_HOSTS depends on \(names), whose value is set before any instance starts and so cannot hold the private IP the checker sends as Host"
      }
      let condition =
        rejection.unlessWildcardIn.isEmpty
        ? "" : " (unless the environment sets \(rejection.unlessWildcardIn[0]) to '*')"
      let fix = fixes.make(for: prediction)
      // Where nothing names the platform, the 400 is the newest generation's answer only.
      let generation = generations.map { older in
        older.hasPrefix(" ")
          ? older
          : " on Amazon Linux 2023, where IMDSv1 is disabled by default; the repository names no platform, and on an older Amazon Linux 2 or AMI environment the token-less lookup adds the IP (\(older))"
      }
      var found = diagnostic(
        "\(why): Django answers 400 to \(prediction.subject)\(condition)\(generation ?? ""), so the target is unhealthy",
        at: location, related: related, fix: fix,
        help: fix == nil
          ? "answer the health path before host validation: `ebcheck generate middleware` prints a middleware to place first in MIDDLEWARE"
          : "answer the health path before host validation: `ebcheck fix` adds a middleware, or `ebcheck generate middleware` prints one",
        trace: prediction.trace)
      found.alternatives = imdsAlternative(context, prediction).map { [$0] } ?? []
      return found
    }
  }

  /// The host rejection that answers the check, and, when it is only the Amazon Linux 2023
  /// outcome of a repository that names no platform, the older generations' answer
  /// (`200, healthy`).
  package static func rejection(_ prediction: HealthCheckPrediction) -> (HostRejection?, String?) {
    if case .hostRejected(let rejection) = prediction.verdict { return (rejection, nil) }
    if let byFamily = familyRejection(prediction) { return byFamily }
    guard case .conditional(let outcomes) = prediction.verdict,
      outcomes.allSatisfy({ $0.premise?.kind == .platformGeneration && $0.assumptions.isEmpty }),
      let newest = outcomes.first(where: { $0.premise?.holds == true }),
      case .hostRejected(let rejection) = newest.verdict,
      let older = outcomes.first(where: { $0.premise?.holds == false })
    else { return (nil, nil) }
    let health = older.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "unknown"
    return (rejection, (older.status.map { "\($0), " } ?? "") + health)
  }

  /// The host rejection on one instance family (the settings test `/sys/hypervisor`), with
  /// the family's condition and the other family's answer as the qualifier.
  package static func familyRejection(_ prediction: HealthCheckPrediction)
    -> (HostRejection?, String?)?
  {
    guard case .conditional(let outcomes) = prediction.verdict,
      outcomes.allSatisfy({ $0.premise?.kind == .instanceFamily && $0.assumptions.isEmpty }),
      let rejected = outcomes.first(where: {
        if case .hostRejected = $0.verdict { true } else { false }
      }),
      case .hostRejected(let rejection) = rejected.verdict, let premise = rejected.premise
    else { return nil }
    let others = outcomes.filter { $0.premise?.family != premise.family }.map { other in
      let health = other.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "unknown"
      return "\(other.condition): " + (other.status.map { "\($0), " } ?? "") + health
    }
    let qualifier =
      " \(premise.condition), where the settings' /sys/hypervisor test skips the IP lookup"
      + (others.isEmpty
        ? "" : " (no option names the instance type; " + others.joined(separator: "; ") + ")")
    return (rejection, qualifier)
  }

  /// The alternative: allow the instance private IP, read with an IMDSv2 token, at the end of
  /// the settings module (after every assignment to ALLOWED_HOSTS). Never `'*'`.
  package func imdsAlternative(_ context: LintContext, _ prediction: HealthCheckPrediction) -> Fix?
  {
    guard let app = context.environment(of: prediction).django,
      let file = context.files[app.settingsFile]
    else { return nil }
    let snippet = TemplateRenderer().render(.imdsAllowedHosts, [:])
    let needsNewline = !file.bytes.isEmpty && file.bytes.last != UInt8(ascii: "\n")
    let text = snippet.withLineEndings(file.lineEnding)
    return Fix(
      title:
        "allow the instance private IP read with an IMDSv2 token at the end of \(app.settingsModule) (`ebcheck generate allowed-hosts` prints the code)",
      applicability: .unsafe,
      edits: [
        .insert((needsNewline ? file.lineEnding : "") + text, in: file.path, at: file.bytes.count)
      ])
  }
}
