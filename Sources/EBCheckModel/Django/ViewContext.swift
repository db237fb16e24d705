import EBCheckCore
import EBCheckPython

/// What the settings tell the views' code: where templates are found, where login redirects
/// go, DRF's defaults, and the settings a view may read through `django.conf.settings`.
package struct ViewContext: Sendable {
  package var templates: TemplateLocator
  package var loginURL: String
  package var restFramework: RestFrameworkDefaults
  /// Settings whose values are literals (for `settings.DEBUG` in a view).
  package var settings: [String: PyValue]
  /// Runs the views' code (nil: one is made from the modules, without environment).
  package var executor: ViewExecutorHandle?

  package init(
    templates: TemplateLocator, loginURL: String = "/accounts/login/",
    restFramework: RestFrameworkDefaults = RestFrameworkDefaults(),
    settings: [String: PyValue] = [:]
  ) {
    self.templates = templates
    self.loginURL = loginURL
    self.restFramework = restFramework
    self.settings = settings
  }

  /// The executor of the views' code: the app's, or one over the modules alone.
  package func viewExecutor(modules: PythonModules) -> ViewExecutorHandle {
    executor
      ?? ViewExecutorHandle(
        ViewExecutor(files: modules.files, modules: modules, env: [:], settings: settings))
  }

  /// A context with nothing configured (tests, readers without settings).
  package static func empty(files: SourceFiles) -> ViewContext {
    ViewContext(templates: .none(files: files))
  }
}

/// `REST_FRAMEWORK`'s defaults that decide an anonymous GET: the permission and the
/// authentication classes (DRF's own defaults when the setting is absent).
package struct RestFrameworkDefaults: Sendable, Hashable {
  package var permissionClasses: [String] = ["rest_framework.permissions.AllowAny"]
  package var authenticationClasses: [String] = [
    "rest_framework.authentication.SessionAuthentication",
    "rest_framework.authentication.BasicAuthentication",
  ]
  /// Where `REST_FRAMEWORK` sets the permission classes.
  package var location: Location?
  /// Why the classes cannot be read (a computed setting).
  package var unreadable: Unverifiable?

  package init() {}

  /// What DRF's permission check does to the anonymous checker: nil when every class lets a
  /// GET through, else the refusal (or why it cannot be told).
  package func refusal(of classes: [String], at location: Location?) -> ViewAnswer? {
    if let unreadable { return .unknown(unreadable) }
    for permission in classes {
      let name = String(permission.split(separator: ".").last ?? Substring(permission))
      switch name {
      case "AllowAny", "IsAuthenticatedOrReadOnly", "DjangoModelPermissionsOrAnonReadOnly":
        continue
      case "IsAuthenticated", "IsAdminUser", "DjangoModelPermissions", "DjangoObjectPermissions":
        guard let status = anonymousRefusalStatus else {
          return .unknown(
            Unverifiable(
              "\(name) refuses the anonymous checker with 401 or 403, depending on the authentication class \(authenticationClasses.first ?? "")",
              at: location))
        }
        return .denied(
          status: status, reason: "DRF \(name) refuses the anonymous checker", at: location)
      default:
        return .unknown(
          Unverifiable(
            "DRF permission class \(name) is custom code ebcheck does not run", at: location))
      }
    }
    return nil
  }

  /// DRF answers 401 when the first authentication class sends a challenge, else 403.
  package var anonymousRefusalStatus: Int? {
    guard let first = authenticationClasses.first else { return 403 }
    switch String(first.split(separator: ".").last ?? Substring(first)) {
    case "SessionAuthentication": return 403
    case "BasicAuthentication", "TokenAuthentication", "JWTAuthentication",
      "RemoteUserAuthentication":
      return first.hasSuffix("RemoteUserAuthentication") ? 403 : 401
    default: return nil
    }
  }
}
