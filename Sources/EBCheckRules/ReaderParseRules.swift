import EBCheckCore
import EBCheckFormats

/// Reports what the nginx, Procfile and requirements readers could not read: a file that
/// does not parse must never pass silently.
package struct ReaderDiagnosticsRule: Rule {
  package let description: RuleDescription

  package func check(_ context: LintContext) -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    return context.environments.flatMap(\.readerDiagnostics).filter {
      $0.rule == description.id && seen.insert($0).inserted
    }
  }
}

extension ReaderDiagnosticsRule {
  /// NG001: a `.platform/nginx` conf that nginx would refuse.
  package static let nginx = ReaderDiagnosticsRule(
    description: RuleDescription(
      id: NginxParser.parseRule, name: "nginx-conf-parse-error", severity: .error,
      summary: "A `.platform/nginx` configuration file does not parse.",
      rationale: """
        Beanstalk runs `nginx -t` while deploying; a conf it refuses fails the deployment, and \
        ebcheck cannot tell what nginx does with the health check.
        """,
      fix: "Fix the syntax at the reported place (a missing `;` or `}` is the usual cause).",
      fixable: false,
      triggering: [
        ExampleRepo.django(
          settings: "ALLOWED_HOSTS = ['*']\n",
          files: [
            ".platform/nginx/conf.d/elasticbeanstalk/health.conf":
              "location = /health/ {\n    return 200\n"
          ])
      ],
      nonTriggering: [
        ExampleRepo.django(
          settings: "ALLOWED_HOSTS = ['*']\n",
          files: [
            ".platform/nginx/conf.d/elasticbeanstalk/health.conf":
              "# 헬스체크\r\nlocation = /health/ {\r\n    return 200;\r\n}\r\n"
          ])
      ],
      references: [
        "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/platforms-linux-extend.proxy.nginx.html"
      ]))

  /// PF001: a Procfile line Beanstalk cannot run.
  package static let procfile = ReaderDiagnosticsRule(
    description: RuleDescription(
      id: ProcfileModel.parseRule, name: "procfile-parse-error", severity: .error,
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
          files: ["Procfile": "gunicorn --bind :8000 mysite.wsgi:application\n"])
      ],
      nonTriggering: [
        ExampleRepo.django(
          settings: "ALLOWED_HOSTS = ['*']\n",
          files: ["Procfile": "web: gunicorn --bind :8000 mysite.wsgi:application  # 웹\r\n"])
      ],
      references: [
        "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/python-configuration-procfile.html"
      ]))
}
