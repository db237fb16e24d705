import EBCheckCore

/// NG001: a `.platform/nginx` conf that nginx would refuse.
public struct NginxParseRule: ReaderProblemRule {
  public init() {}

  public let problem = ReaderProblem.nginxSyntax

  public let description = RuleDescription(
    id: ReaderProblem.nginxSyntax.id, name: "nginx-conf-parse-error", severity: .error,
    summary: "A `.platform/nginx` configuration file does not parse.",
    rationale: """
      Beanstalk runs `nginx -t` while deploying; a conf it refuses fails the deployment, and \
      ebcheck cannot tell what nginx does with the health check. Some files parse but stand \
      where nginx forbids them: `.platform/nginx/conf.d/*.conf` is included in `http {}`, \
      where a `location` is refused, and a directive nginx sets once per block (`gzip`, \
      `keepalive_timeout`, `client_max_body_size`...) is refused when the platform's block or \
      another file already sets it, and a second exact or prefix `location` with the same path \
      in one server is refused as a duplicate (a `location /` in \
      `conf.d/elasticbeanstalk/` beside the platform's own, unless the file is named \
      `00_application.conf` and replaces it); then none of the repository's nginx files apply.
      """,
    fix: "Fix the syntax at the reported place (a missing `;` or `}` is the usual cause).",
    fixable: false,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          ".platform/nginx/conf.d/elasticbeanstalk/health.conf":
            "location = /health/ {\n    return 200\n↓"
        ]
      ).saying("unexpected end of file"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          ".platform/nginx/conf.d/health.conf": "↓location = /health/ {\n    return 200;\n}\n"
        ]),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [".platform/nginx/conf.d/elasticbeanstalk/gzip.conf": "# 압축\n↓gzip on;\n"]),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          ".platform/nginx/conf.d/elasticbeanstalk/app.conf":
            "↓location / {\n    proxy_pass http://127.0.0.1:8000;\n}\n"
        ]),
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
    ])
}
