import EBCheckCore
import EBCheckModel
import EBCheckSimulation

/// DJ003: the instance IP is fetched from IMDS without a token.
public struct IMDSWithoutTokenRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "DJ003", name: "imds-without-token", severity: .error,
    summary: "The instance IP is fetched from the metadata service without an IMDSv2 token.",
    rationale: """
      Amazon Linux 2023 platforms disable IMDSv1 by default: a GET without a token gets 401, \
      the IP never reaches ALLOWED_HOSTS, and the health check gets 400. The failure is usually \
      swallowed by a try/except, so nothing shows until the environment goes Severe.
      """,
    fix: """
      PUT /latest/api/token first (header X-aws-ec2-metadata-token-ttl-seconds), then send the \
      token in X-aws-ec2-metadata-token; or answer the health path from a middleware instead.
      """,
    fixable: false,
    triggering: [
      ExampleRepo.django(
        settings: """
          import requests
          ALLOWED_HOSTS = ['www.example.com']
          try:
              ALLOWED_HOSTS.append(↓requests.get('http://169.254.169.254/latest/meta-data/local-ipv4', timeout=0.5).text)
          except requests.exceptions.RequestException:
              pass

          """,
        files: [
          ".elasticbeanstalk/config.yml":
            "global:\n  default_platform: Python 3.12 running on 64bit Amazon Linux 2023\n"
        ])
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: """
          import requests
          ALLOWED_HOSTS = ['www.example.com']  # 인스턴스 IP
          token = requests.put('http://169.254.169.254/latest/api/token',
                               headers={'X-aws-ec2-metadata-token-ttl-seconds': '60'}, timeout=1).text
          ALLOWED_HOSTS.append(requests.get('http://169.254.169.254/latest/meta-data/local-ipv4',
                               headers={'X-aws-ec2-metadata-token': token}, timeout=1).text)

          """)
    ],
    references: [
      "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environments-cfg-ec2-imds.html",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    var seen = Set<Location>()
    var found: [Diagnostic] = []
    for environment in context.environments {
      // With '*' in ALLOWED_HOSTS the looked-up IP changes nothing.
      guard let app = environment.django, !app.allowsEveryHost else { continue }
      let disabled = environment.imdsV1Disabled
      for lookup in app.ipLookups where lookup.value == .imdsWithoutToken {
        guard let location = lookup.location, seen.insert(location).inserted else { continue }
        let why = disabled.origin.isEmpty ? "" : " (\(disabled.origin))"
        let assumed = disabled.isDefault && environment.djangoWhereIMDSv1Answers != nil
        let text =
          assumed
          ? "the repository names no platform: on Amazon Linux 2023, the only generation new environments get, IMDSv1 is disabled by default and this gets 401; on an older Amazon Linux 2 or AMI environment it answers unless DisableIMDSv1 is true"
            + Self.checkAnswers(environment, context)
          : disabled.value
            ? "IMDSv1 is disabled here\(why), so it gets 401"
            : "IMDSv1 is enabled here\(why), but the lookup fails once it is disabled (the Amazon Linux 2023 default)"
        var finding = diagnostic(
          "the instance IP is fetched from IMDS without a token: " + text, at: location,
          help: "PUT /latest/api/token first and send X-aws-ec2-metadata-token with the GET")
        // Where IMDSv1 answers, the check passes today: a warning about tomorrow, not an error.
        // Where the platform is not known, the lookup fails on the only generation a new
        // environment gets (Amazon Linux 2 is past its end of support): an error.
        if !disabled.value && !assumed { finding.severity = .warning }
        found.append(finding)
      }
    }
    return found
  }

  /// `; the health check of /: on Amazon Linux 2023 …: 400; on Amazon Linux 2 …: 200`, when
  /// the generation changes the answer.
  static func checkAnswers(_ environment: Environment, _ context: LintContext) -> String {
    for prediction in context.predictions
    where context.environment(of: prediction).name == environment.name {
      guard case .conditional(let outcomes) = prediction.verdict,
        outcomes.contains(where: { $0.premise?.kind == .platformGeneration })
      else { continue }
      let answers = outcomes.map { outcome in
        "\(outcome.condition): \(outcome.answer)"
      }
      return "; \(prediction.subject): " + answers.joined(separator: "; ")
    }
    return ""
  }
}
