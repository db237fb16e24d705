import EBCheckCore

/// EB006: DJANGO_SETTINGS_MODULE names a module that is not in the repository.
public struct SettingsModuleNotFoundRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "EB006", name: "settings-module-not-found", severity: .error,
    summary: "DJANGO_SETTINGS_MODULE names a module that is not in the repository.",
    rationale: """
      Django imports the settings module when the first worker boots; a wrong name raises \
      ImportError, gunicorn exits and nginx answers 502 to the health check.
      """,
    fix: "Point DJANGO_SETTINGS_MODULE (option settings, Procfile or wsgi.py) at the real module.",
    fixable: false,
    triggering: [
      RuleExample([
        "mysite/__init__.py": "", "mysite/settings.py": "DEBUG = False\n",
        "mysite/wsgi.py": ExampleRepo.wsgi.replacingOccurrences(
          "'mysite.settings'", "↓'mysite.setting'"),
        ".ebextensions/django.config": ExampleRepo.ebextensions(),
      ]).saying("'mysite.setting', which is not a module of this repository")
    ],
    nonTriggering: [
      RuleExample([
        "mysite/__init__.py": "", "mysite/settings.py": "DEBUG = False  # 설정\r\n",
        "mysite/wsgi.py": ExampleRepo.wsgi,
        ".ebextensions/django.config": ExampleRepo.ebextensions(),
      ]),
      RuleExample([
        "mysite/__init__.py": "", "mysite/settings.py": "DEBUG = False\n",
        "mysite/wsgi.py": ExampleRepo.wsgi.replacingOccurrences(
          "'mysite.settings')", "'mysite.setting')  # ebcheck: ignore[EB006]"),
        ".ebextensions/django.config": ExampleRepo.ebextensions(),
      ]),
    ],
    references: [
      "https://docs.djangoproject.com/en/stable/topics/settings/#designating-the-settings"
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.environments.compactMap { environment in
      // In an image the repository does not build, the module is the image's to hold.
      guard environment.django == nil, environment.appServer.unbuiltImage == nil,
        case .known(let module)? = environment.settingsModule, let location = module.location
      else { return nil }
      return diagnostic(
        "DJANGO_SETTINGS_MODULE is '\(module.value)', which is not a module of this repository: the app cannot start",
        at: location, help: "name the settings module as its dotted path, e.g. mysite.settings")
    }
  }
}
