import EBCheckCore

/// `REST_FRAMEWORK`'s defaults that decide an anonymous GET: the permission and the
/// authentication classes (DRF's own defaults when the setting is absent). Read by the
/// model for class views and routers, and by `@api_view` when a function view runs.
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

  /// What DRF's permission check decides for the anonymous checker.
  package enum Decision: Sendable, Hashable {
    /// The class refuses it: 401 or 403.
    case refused(status: Int, reason: String)
    /// Whether it refuses cannot be told.
    case unknown(String)
  }

  /// nil when every class lets an anonymous GET through, else the refusal (or why it cannot
  /// be told). `authentication` replaces the default authentication classes (a view's own).
  package func decision(of classes: [String], authentication: [String]? = nil) -> Decision? {
    if let unreadable { return .unknown(unreadable.reason) }
    for permission in classes {
      let name = String(permission.split(separator: ".").last ?? Substring(permission))
      switch name {
      case "AllowAny", "IsAuthenticatedOrReadOnly", "DjangoModelPermissionsOrAnonReadOnly":
        continue
      case "IsAuthenticated", "IsAdminUser", "DjangoModelPermissions", "DjangoObjectPermissions":
        let authenticators = authentication ?? authenticationClasses
        guard let status = Self.anonymousRefusalStatus(authenticators) else {
          return .unknown(
            "\(name) refuses the anonymous checker with 401 or 403, depending on the authentication class \(authenticators.first ?? "")"
          )
        }
        return .refused(status: status, reason: "DRF \(name) refuses the anonymous checker")
      default:
        return .unknown("DRF permission class \(name) is custom code ebcheck does not run")
      }
    }
    return nil
  }

  /// DRF answers 401 when the first authentication class sends a challenge, else 403.
  package var anonymousRefusalStatus: Int? { Self.anonymousRefusalStatus(authenticationClasses) }

  package static func anonymousRefusalStatus(_ classes: [String]) -> Int? {
    guard let first = classes.first else { return 403 }
    switch String(first.split(separator: ".").last ?? Substring(first)) {
    case "SessionAuthentication", "RemoteUserAuthentication": return 403
    case "BasicAuthentication", "TokenAuthentication", "JWTAuthentication": return 401
    default: return nil
    }
  }
}
