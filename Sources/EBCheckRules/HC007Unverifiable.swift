import EBCheckCore

/// HC007: the prediction depends on values ebcheck cannot see.
public struct UnverifiableRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC007", name: "health-check-unverifiable", severity: .info,
    summary:
      "The health check's answer depends on values ebcheck cannot see; it says which and how to supply them.",
    rationale: """
      Settings often come from environment variables set outside the repository. ebcheck never \
      guesses: it names the variable so you can supply it and get a real prediction.
      """,
    fix: """
      Supply the value: `ebcheck check --env NAME=value`, `env:` in `.ebcheck.yml`, or set it in \
      `aws:elasticbeanstalk:application:environment` option settings (Beanstalk injects those).
      """,
    fixable: false,
    triggering: [
      ExampleRepo.django(
        settings:
          "import os\nALLOWED_HOSTS = ['*']\nSECURE_SSL_REDIRECT = ↓os.environ['FORCE_HTTPS']\n"
      )
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings:
          "import os\nALLOWED_HOSTS = ['*']\nSECURE_SSL_REDIRECT = os.environ['FORCE_HTTPS'] == '1'\n",
        env: ["FORCE_HTTPS": "0"]),
      // Tested against a value: each answer with its condition (HC014), not unverifiable.
      ExampleRepo.django(
        settings:
          "import os\nALLOWED_HOSTS = ['*']\nSECURE_SSL_REDIRECT = os.environ['FORCE_HTTPS'] == '1'\n"
      ),
      ExampleRepo.django(
        settings:
          "import os\r\n# 환경 변수\r\nALLOWED_HOSTS = ['*']\r\nSECURE_SSL_REDIRECT = os.environ['FORCE_HTTPS']  # ebcheck: ignore[HC007]\r\n"
      ),
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      guard case .unverifiable(let reasons) = prediction.verdict,
        let location = reasons.lazy.compactMap(\.location).first
          ?? prediction.fallbackLocation(context)
      else { return nil }
      let variables = Array(Set(reasons.flatMap(\.variables))).sorted()
      let what = reasons.map(\.reason).joined(separator: "; ")
      var message = "cannot predict \(prediction.subject): \(what)"
      var help = "tell ebcheck what production uses"
      if !variables.isEmpty {
        let names = variables.joined(separator: ", ")
        message += " (depends on \(names))"
        help =
          "supply \(names): `--env \(variables[0])=...`, `env:` in .ebcheck.yml, or aws:elasticbeanstalk:application:environment"
      }
      return diagnostic(message, at: location, help: help, trace: prediction.trace)
    }
  }
}
