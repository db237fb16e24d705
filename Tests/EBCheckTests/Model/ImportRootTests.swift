import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckPython
import Testing

/// What gunicorn can import before any repository code runs, and the settings module the
/// deployed process is given.
@Suite struct ImportRootTests {
  static let backend: [String: String] = [
    "backend/manage.py": "", "backend/portal/__init__.py": "",
    "backend/portal/settings.py": "ALLOWED_HOSTS = ['*']\nROOT_URLCONF = 'portal.urls'\n",
    "backend/portal/urls.py": "urlpatterns = []\n",
    "backend/portal/wsgi.py":
      "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings')\n",
  ]

  static func environment(_ files: [String: String]) throws -> Environment {
    let sources = SourceFiles(
      files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return try #require(ProjectBuilder.build(sources, options: ModelOptions()).environments.first)
  }

  static func options(_ lines: String) -> String {
    "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: portal.wsgi:application\n"
      + lines
  }

  @Test func bundleFoldersBecomeImportRoots() {
    #expect(PythonModules.importRoot("/var/app/current") == "")
    #expect(PythonModules.importRoot("/var/app/current/src/") == "src/")
    #expect(PythonModules.importRoot("./backend") == "backend/")
    #expect(PythonModules.importRoot("/var/app/venv/staging/bin") == nil)
    #expect(PythonModules.importRoot("../elsewhere") == nil)
    #expect(
      PythonModules.importRoots(pythonPath: "/var/app/current:$PYTHONPATH:lib", from: "app/")
        == ["", "app/lib/"])
  }

  @Test func aWSGIModuleOnlyInASubfolderIsNotImportableFromTheBundleRoot() throws {
    var files = Self.backend
    files[".ebextensions/django.config"] = Self.options("")
    let environment = try Self.environment(files)
    #expect(environment.appServer.moduleMissing)
    #expect(environment.appServer.moduleFoundOnlyAt == "backend/portal/wsgi.py")
    let prediction = try #require(
      Linter.lint(
        SourceFiles(
          files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
      ).predictions.first)
    #expect(prediction.status == 502)
  }

  @Test(arguments: [
    "  aws:elasticbeanstalk:application:environment:\n    PYTHONPATH: \"/var/app/current/backend:$PYTHONPATH\"\n",
    "",
  ])
  func aPathOnSysPathMakesItImportable(_ extra: String) throws {
    var files = Self.backend
    files[".ebextensions/django.config"] = Self.options(extra)
    if extra.isEmpty {
      files["Procfile"] = "web: gunicorn --chdir backend portal.wsgi:application\n"
    }
    let environment = try Self.environment(files)
    #expect(!environment.appServer.moduleMissing)
    #expect(environment.appServer.moduleFoundOnlyAt == nil)
  }

  @Test func aSettingsModuleFromTheOptionsIsLocatedAndItsAbsenceIs502() throws {
    var files = Self.backend.filter { !$0.key.hasPrefix("backend/") }
    files["portal/__init__.py"] = ""
    files["portal/wsgi.py"] = Self.backend["backend/portal/wsgi.py"]
    files["portal/settings/__init__.py"] = ""
    files[".ebextensions/django.config"] = Self.options(
      "  aws:elasticbeanstalk:application:environment:\n    DJANGO_SETTINGS_MODULE: portal.settings.production\n"
    )
    let environment = try Self.environment(files)
    guard case .known(let module)? = environment.settingsModule else {
      Issue.record("no settings module")
      return
    }
    #expect(module.value == "portal.settings.production")
    #expect(module.location?.file == ".ebextensions/django.config")
    let result = Linter.lint(
      SourceFiles(
        files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) }))
    #expect(result.diagnostics.contains { $0.rule == "EB006" })
    #expect(result.predictions.first?.status == 502)
  }

  @Test func theServedWSGIModulesOwnDefaultWinsEvenWhenMissing() throws {
    let files: [String: String] = [
      "site/__init__.py": "", "site/common.py": "ALLOWED_HOSTS = []\n",
      "site/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.prod')\n",
      "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.common')\n",
      ".ebextensions/django.config":
        "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: site.wsgi:application\n",
    ]
    let environment = try Self.environment(files)
    #expect(environment.settingsModule?.value == "site.prod")
  }
}
