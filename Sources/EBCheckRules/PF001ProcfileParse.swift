import EBCheckCore

/// PF001: a Procfile line Beanstalk cannot run.
public struct ProcfileParseRule: ReaderProblemRule {
  public init() {}

  public let problem = ReaderProblem.procfileSyntax

  public let description = RuleDescription(
    id: ReaderProblem.procfileSyntax.id, name: "procfile-parse-error", severity: .error,
    summary: "A Procfile line is not `name: command`.",
    rationale: """
      Beanstalk starts one process per Procfile line; a line it cannot read means the web \
      process may not start, and nginx answers 502 to the health check.
      """,
    fix: "Write each process as `name: command`, e.g. `web: gunicorn --bind :8000 mysite.wsgi`.",
    fixable: false,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: ["Procfile": "↓gunicorn --bind :8000 mysite.wsgi:application\n"]
      ).saying("expected `name: command`")
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: ["Procfile": "web: gunicorn --bind :8000 mysite.wsgi:application  # 웹\r\n"])
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/python-configuration-procfile.html"
    ])
}
