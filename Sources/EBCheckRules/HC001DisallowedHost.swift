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
      get_host()) and point HealthCheckPath at it: `ebcheck fix --write`. The alternative is to \
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
      guard case .hostRejected(let rejection) = prediction.verdict,
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
      let why =
        rejection.emptyList
        ? "ALLOWED_HOSTS is empty and DEBUG is False"
        : "ALLOWED_HOSTS does not contain the instance private IP the checker sends as Host"
      var found = diagnostic(
        "\(why): Django answers 400 to \(prediction.subject), so the target is unhealthy",
        at: location, related: related, fix: fixes.make(for: prediction),
        help:
          "answer the health path before host validation: `ebcheck fix --write`, or `ebcheck generate middleware`",
        trace: prediction.trace)
      found.alternatives = imdsAlternative(context, prediction).map { [$0] } ?? []
      return found
    }
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
        "allow the instance private IP read with an IMDSv2 token: `ebcheck generate allowed-hosts >> \(file.path)`",
      applicability: .unsafe,
      edits: [
        .insert((needsNewline ? file.lineEnding : "") + text, in: file.path, at: file.bytes.count)
      ])
  }
}
