import EBCheckCore
import EBCheckModel
import EBCheckSimulation

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
      ]).saying("gunicorn loads mysite.wsgy, which is not in the repository"),
      RuleExample([
        "backend/mysite/wsgi.py": Self.backendWSGI, "backend/mysite/__init__.py": "",
        "backend/mysite/settings.py": "ALLOWED_HOSTS = ['*']\n", "backend/manage.py": "",
        ".ebextensions/django.config":
          "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: ↓mysite.wsgi:application\n",
      ]).saying("which is only at backend/mysite/wsgi.py"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['www.example.com']\n",
        files: [
          ".ebextensions/django.config":
            "↓option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /health/\n"
        ]
      ).saying(
        "unless the console sets WSGIPath; with WSGIPath=mysite.wsgi:application set in the console: 400"
      ),
    ],
    nonTriggering: [
      RuleExample([
        "backend/mysite/wsgi.py": Self.backendWSGI, "backend/mysite/__init__.py": "",
        "backend/mysite/settings.py": "ALLOWED_HOSTS = ['*']\n", "backend/manage.py": "",
        "Procfile": "web: gunicorn --chdir backend mysite.wsgi:application\n",
      ]),
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

  /// A wsgi.py whose settings module the option settings name.
  static let backendWSGI =
    "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n"

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.environments.compactMap { environment -> Diagnostic? in
      let server = environment.appServer
      guard server.moduleMissing, let module = server.module else { return nil }
      if let only = server.moduleFoundOnlyAt {
        return notImportable(module, only, server: server, context: context)
      }
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
        "\(server.kind) loads \(module.value)\(origin), which is not in the repository: the app never starts and nginx answers 502"
          + consoleArms(environment, context),
        at: location, fix: fix,
        help: suggestion.map { "set WSGIPath: \($0)" }
          ?? "point WSGIPath at your project's wsgi module")
    }
  }

  /// What the check answers where the console gives WSGIPath one of the repository's
  /// modules: the failure stays the finding (a new environment with no options gets it).
  private func consoleArms(_ environment: Environment, _ context: LintContext) -> String {
    guard !environment.consoleWSGIPaths.isEmpty else { return "" }
    var answers: [String] = []
    for prediction in context.predictions
    where context.environment(of: prediction).name == environment.name {
      guard case .conditional(let outcomes) = prediction.verdict else { continue }
      for outcome in outcomes
      where outcome.premise?.kind == .consoleOption && outcome.premise?.value != nil {
        let answer = "\(outcome.condition): \(DependsOnEnvironmentRule.answer(outcome, context))"
        if !answers.contains(answer) { answers.append(answer) }
      }
    }
    guard !answers.isEmpty else { return "" }
    return " unless the console sets WSGIPath; " + answers.joined(separator: "; ")
  }

  /// The module is in the repository, but only under a folder the server does not import
  /// from (it starts in the bundle root).
  private func notImportable(
    _ module: Sourced<String>, _ path: String, server: AppServer, context: LintContext
  ) -> Diagnostic? {
    guard
      let location = module.location
        ?? context.files.ofKind(.ebextension).first.map({
          Location(file: $0.path, span: Span(at: 0))
        })
    else { return nil }
    let relative = module.value.split(separator: ".").joined(separator: "/")
    var folder = path
    for suffix in [relative + ".py", relative + "/__init__.py"] where path.hasSuffix(suffix) {
      folder = String(path.dropLast(suffix.count))
    }
    while folder.hasSuffix("/") { folder.removeLast() }
    return diagnostic(
      "\(server.kind) loads \(module.value), which is only at \(path): started in the bundle root, \(server.kind) cannot import it (\(folder)/ is not on sys.path), so the app never starts and nginx answers 502",
      at: location,
      help:
        "start the server in that folder (`web: gunicorn --chdir \(folder) \(module.value):application` in a Procfile) or deploy \(folder)/ as the application bundle"
    )
  }
}
