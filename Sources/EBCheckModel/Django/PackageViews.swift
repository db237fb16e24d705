import EBCheckCore

/// Views that ship with common packages, by import path: what each answers an anonymous GET
/// (read from the packages' sources: dj-rest-auth 2.2–7.x). A view imported from a package
/// not listed here is unknown, never assumed to answer 200.
package enum PackageViews {
  package static let catalog: [String: PackageURLConfs.Answer] = [
    // CreateAPIView: POST only; its permission classes default to AllowAny.
    "dj_rest_auth.registration.views.RegisterView": .methodNotAllowed(["POST", "OPTIONS"]),
    "dj_rest_auth.registration.views.VerifyEmailView": .methodNotAllowed(["POST", "OPTIONS"]),
    "dj_rest_auth.registration.views.ResendEmailVerificationView": .methodNotAllowed([
      "POST", "OPTIONS",
    ]),
    "dj_rest_auth.views.LoginView": .methodNotAllowed(["POST", "OPTIONS"]),
    "dj_rest_auth.views.PasswordResetView": .methodNotAllowed(["POST", "OPTIONS"]),
    "dj_rest_auth.views.PasswordResetConfirmView": .methodNotAllowed(["POST", "OPTIONS"]),
    "dj_rest_auth.views.PasswordChangeView": .restDenied("IsAuthenticated"),
    "dj_rest_auth.views.UserDetailsView": .restDenied("IsAuthenticated"),
  ]

  /// The answer of a view from a package outside the repository.
  package static func answer(
    of qualified: String, context: ViewContext, at location: Location
  ) -> ViewAnswer {
    if let known = catalog[qualified] {
      return PackageURLConfs.answer(known, context: context, at: location)
    }
    let package = String(qualified.split(separator: ".").first ?? Substring(qualified))
    return .unknown(
      Unverifiable(
        "the view \(qualified) comes from \(package), a package ebcheck does not model",
        at: location))
  }
}
