import EBCheckCore
import EBCheckPython

/// Finds a template the way Django's template loaders do for the health checker's request:
/// the `DIRS` of `TEMPLATES` in order, then, with `APP_DIRS`, each installed app's
/// `templates/` folder. Apps from packages ship only what `PackageTemplates` lists; an app
/// that is neither in the repository nor listed could ship anything, so the answer is unknown.
package struct TemplateLocator: Sendable {
  /// A folder of `DIRS`, relative to the repository, or why it cannot be known.
  package enum Folder: Sendable, Hashable {
    case folder(String)
    case unknown(Unverifiable)
  }

  package enum Lookup: Sendable, Hashable {
    case found(String)
    /// In no folder; `searched` names the folders looked in.
    case missing(searched: [String])
    case unknown(Unverifiable)
  }

  package var dirs: [Folder]
  package var appDirs: Bool
  /// `INSTALLED_APPS` as dotted names, in order.
  package var installedApps: [String]
  package var files: SourceFiles
  package var modules: PythonModules?
  /// Where `TEMPLATES` is set (for reasons).
  package var location: Location?

  package init(
    dirs: [Folder], appDirs: Bool, installedApps: [String], files: SourceFiles,
    modules: PythonModules? = nil, location: Location? = nil
  ) {
    self.dirs = dirs
    self.appDirs = appDirs
    self.installedApps = installedApps
    self.files = files
    self.modules = modules
    self.location = location
  }

  /// Nothing configured: every template is missing (Django raises TemplateDoesNotExist).
  package static func none(files: SourceFiles) -> TemplateLocator {
    TemplateLocator(dirs: [], appDirs: false, installedApps: [], files: files)
  }

  package func find(_ name: String) -> Lookup {
    var searched: [String] = []
    var openReasons: [Unverifiable] = []
    for folder in dirs {
      switch folder {
      case .folder(let path):
        let candidate = Self.join(path, name)
        if exists(candidate) { return .found(candidate) }
        if let why = unexplored(candidate) { openReasons.append(why) }
        searched.append(path.isEmpty ? "./" : path + "/")
      case .unknown(let why):
        openReasons.append(why)
      }
    }
    if appDirs {
      for app in installedApps {
        let label = app.hasSuffix("Config") ? Self.appModule(ofConfig: app) : app
        if let folder = appFolder(label) {
          let candidate = Self.join(folder + "/templates", name)
          if exists(candidate) { return .found(candidate) }
          searched.append(folder + "/templates/")
          continue
        }
        switch PackageTemplates.ships(name, app: label) {
        case .some(true): return .found("\(label) (package)")
        case .some(false): continue
        case .none:
          openReasons.append(
            Unverifiable(
              "the template '\(name)' could come from the installed package '\(label)'",
              at: location))
        }
      }
    }
    if let first = openReasons.first { return .unknown(first) }
    return .missing(searched: searched)
  }

  package func exists(_ path: String) -> Bool {
    files[path] != nil || files.occupied.contains(path)
  }

  /// Why a path below a folder discovery did not walk cannot be ruled out.
  package func unexplored(_ path: String) -> Unverifiable? {
    var folder = path
    while let slash = folder.lastIndex(of: "/") {
      folder = String(folder[..<slash])
      if files.unexplored.contains(folder) {
        return Unverifiable("\(folder)/ was not read, so '\(path)' may exist", at: location)
      }
    }
    return nil
  }

  /// The repository folder of an installed app's package, if the app is in the repository:
  /// a regular package, or a namespace package (Django takes its one folder as the app's path).
  package func appFolder(_ app: String) -> String? {
    guard let modules else { return nil }
    guard let path = modules.path(of: app) else { return modules.namespaceFolder(of: app) }
    guard path.hasSuffix("/__init__.py") else { return nil }
    return String(path.dropLast("/__init__.py".count))
  }

  /// `core.apps.CoreConfig` → `core`.
  package static func appModule(ofConfig dotted: String) -> String {
    let parts = dotted.split(separator: ".")
    if parts.count >= 3, parts[parts.count - 2] == "apps" {
      return parts.dropLast(2).joined(separator: ".")
    }
    return parts.dropLast().joined(separator: ".")
  }

  package static func join(_ folder: String, _ name: String) -> String {
    folder.isEmpty ? name : folder + "/" + name
  }
}

/// What the apps of Django and common packages ship in their `templates/` folders: the
/// namespaces (`admin/`) or exact names they hold. From the packages' source trees
/// (Django 5.1, djangorestframework 3.15, django-health-check 3.18).
package enum PackageTemplates {
  package static let shipped: [String: [String]] = [
    "django.contrib.admin": [
      "admin/", "registration/password_change_done.html", "registration/password_change_form.html",
      "registration/password_reset_form.html", "registration/password_reset_done.html",
      "registration/password_reset_confirm.html", "registration/password_reset_complete.html",
      "registration/password_reset_email.html", "registration/logged_out.html",
    ],
    "django.contrib.admindocs": ["admin_doc/"],
    "django.contrib.auth": ["auth/", "registration/password_reset_subject.txt"],
    "django.contrib.contenttypes": [],
    "django.contrib.sessions": [],
    "django.contrib.messages": [],
    "django.contrib.staticfiles": [],
    "django.contrib.humanize": [],
    "django.contrib.sites": [],
    "django.contrib.redirects": [],
    "django.contrib.flatpages": [],
    "django.contrib.sitemaps": ["sitemap.xml", "sitemap_index.xml"],
    "django.contrib.gis": ["gis/"],
    "django.contrib.postgres": ["postgres/"],
    "rest_framework": ["rest_framework/"],
    "rest_framework.authtoken": [],
    "health_check": ["health_check/"],
    "corsheaders": [],
    "whitenoise.runserver_nostatic": [],
    "storages": [],
    "allow_cidr": [],
    "ebhealthcheck": [],
  ]

  /// Whether the package app ships the template; nil when ebcheck does not know the app.
  package static func ships(_ name: String, app: String) -> Bool? {
    var key = app
    if shipped[key] == nil, app.hasPrefix("health_check.") { key = "health_check.plugin" }
    if key == "health_check.plugin" { return false }
    guard let entries = shipped[key] else { return nil }
    return entries.contains { $0.hasSuffix("/") ? name.hasPrefix($0) : name == $0 }
  }
}
