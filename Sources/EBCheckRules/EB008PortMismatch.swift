import EBCheckCore

/// EB008: the Procfile binds a port nginx does not proxy to.
public struct PortMismatchRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "EB008", name: "procfile-port-mismatch", severity: .error,
    summary: "The Procfile binds a port nginx does not proxy to, so nginx answers 502.",
    rationale: """
      Beanstalk's nginx proxies to 127.0.0.1:8000, or to the PORT environment property when it \
      is set. A Procfile binding another port (on its command line, or through `bind` in the \
      gunicorn configuration file it reads) leaves nginx talking to nothing.
      """,
    fix:
      "Bind the port nginx proxies to, or set the PORT environment property to the Procfile's port.",
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: ["Procfile": "web: gunicorn --bind :↓5000 mysite.wsgi:application\n"]
      ).saying("gunicorn binds :5000 but nginx proxies to :8000"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          "Procfile": "web: gunicorn mysite.wsgi:application\n",
          "gunicorn.conf.py": "workers = 3\nbind = '0.0.0.0:↓5000'\n",
        ]),
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: ["Procfile": "web: gunicorn --bind :8000 mysite.wsgi:application  # 기본 포트\r\n"]),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          "Procfile":
            "web: gunicorn --bind :5000 mysite.wsgi:application  # ebcheck: ignore[EB008]\n"
        ]),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/python-configuration-procfile.html"
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.environments.compactMap { environment in
      guard let bound = environment.appServer.port, let location = bound.location,
        bound.value != environment.upstreamPort.value
      else { return nil }
      let upstream = environment.upstreamPort
      let origin = upstream.isDefault ? " (Beanstalk's default; PORT is not set)" : ""
      return diagnostic(
        "\(environment.appServer.kind) binds :\(bound.value) but nginx proxies to :\(upstream.value)\(origin): every request gets 502",
        at: location,
        related: upstream.location.map { [RelatedLocation($0, "PORT set here")] } ?? [],
        fix: environment.appServer.portIsEditable
          ? Fix(
            title: "bind :\(upstream.value)", applicability: .safe,
            edits: [
              Edit(file: location.file, span: location.span, replacement: String(upstream.value))
            ]) : nil,
        help: "bind :\(upstream.value), or set the PORT environment property to \(bound.value)")
    }
  }
}
