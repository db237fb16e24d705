import EBCheckCore

/// EB005: the WSGI module the app server loads (WSGIPath or the Procfile) is not in the repo.
public struct AppModuleNotFoundRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "EB005", name: "wsgi-module-not-found", severity: .error,
    summary:
      "The module WSGIPath or the Procfile names is not in the repository, so the app never starts (502).",
    rationale: """
      Without a Procfile Beanstalk runs `gunicorn ... <WSGIPath>`; WSGIPath defaults to \
      `application`, which a Django project does not have. gunicorn exits, nginx answers 502 to \
      every request and the health check fails.
      """,
    fix: "Set WSGIPath to your project's WSGI module, e.g. `mysite.wsgi:application`.",
    fixable: true,
    triggering: [
      RuleExample([
        "mysite/wsgi.py": ExampleRepo.wsgi, "mysite/__init__.py": "",
        ".ebextensions/django.config":
          "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: ↓mysite.wsgy:application\n",
      ]).saying("gunicorn loads mysite.wsgy, which is not in the repository")
    ],
    nonTriggering: [
      RuleExample([
        "mysite/wsgi.py": ExampleRepo.wsgi, "mysite/__init__.py": "",
        ".ebextensions/django.config":
          "option_settings:\r\n  aws:elasticbeanstalk:container:python:\r\n    WSGIPath: mysite.wsgi:application  # 진입점\r\n",
      ]),
      RuleExample([
        "mysite/wsgi.py": ExampleRepo.wsgi, "mysite/__init__.py": "",
        ".ebextensions/django.config":
          "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: mysite.wsgy:application  # ebcheck: ignore[EB005]\n",
      ]),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/create-deploy-python-container.html",
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/python-configuration-procfile.html",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.environments.compactMap { environment in
      let server = environment.appServer
      guard server.moduleMissing, let module = server.module else { return nil }
      let candidates = context.files.paths.filter { $0.hasSuffix("/wsgi.py") }.sorted {
        ($0.count, $0) < ($1.count, $1)
      }
      let suggestion = candidates.first.map {
        String($0.dropLast(3)).split(separator: "/").joined(separator: ".") + ":application"
      }
      guard
        let location = module.location
          ?? context.files.ofKind(.ebextension).first.map({
            Location(file: $0.path, span: Span(at: 0))
          })
      else { return nil }
      var fix: Fix?
      let setByProcfile = module.location.map { !$0.file.hasPrefix(".ebextensions/") } ?? false
      if let suggestion, !setByProcfile {
        let edits = OptionEdits.set(
          "aws:elasticbeanstalk:container:python", "WSGIPath", to: suggestion, context: context,
          configuration: context.configuration(of: environment))
        fix =
          edits.isEmpty
          ? nil : Fix(title: "set WSGIPath to \(suggestion)", applicability: .safe, edits: edits)
      }
      let origin = module.isDefault ? " (WSGIPath unset: Beanstalk's default)" : ""
      return diagnostic(
        "\(server.kind) loads \(module.value)\(origin), which is not in the repository: the app never starts and nginx answers 502",
        at: location, fix: fix,
        help: suggestion.map { "set WSGIPath: \($0)" }
          ?? "point WSGIPath at your project's wsgi module")
    }
  }
}
