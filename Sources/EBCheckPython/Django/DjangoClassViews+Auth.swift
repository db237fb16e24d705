import EBCheckCore

/// Django's authentication views (`django.contrib.auth.views`, Django 5.0+) as library
/// classes with Django's own bases, so that `LoginView.as_view(template_name=…)` and a
/// repository subclass run through `View.dispatch` and the generic views' `get`.
///
/// Version dependence: before Django 5.0 `LogoutView` also answered GET (it logged out and
/// rendered `registration/logged_out.html`); these classes model 5.0 and later, where its
/// `http_method_names` is `["post", "options"]` (405 to the checker).
extension DjangoClassViews {
  static let authViews = "django.contrib.auth.views"

  /// The authentication views and their mixins, by name: module and bases as Django declares them.
  package static let authHierarchy: [String: (module: String, bases: [String])] = [
    "RedirectURLMixin": (authViews, []),
    "LoginView": (authViews, ["RedirectURLMixin", "FormView"]),
    "LogoutView": (authViews, ["RedirectURLMixin", "TemplateView"]),
    "PasswordContextMixin": (authViews, []),
    "PasswordResetView": (authViews, ["PasswordContextMixin", "FormView"]),
    "PasswordResetDoneView": (authViews, ["PasswordContextMixin", "TemplateView"]),
    "PasswordResetConfirmView": (authViews, ["PasswordContextMixin", "FormView"]),
    "PasswordResetCompleteView": (authViews, ["PasswordContextMixin", "TemplateView"]),
    "PasswordChangeView": (authViews, ["PasswordContextMixin", "FormView"]),
    "PasswordChangeDoneView": (authViews, ["PasswordContextMixin", "TemplateView"]),
  ]

  /// What each authentication view defines on the class itself.
  package static func authNamespace(of name: String) -> [String: RValue] {
    switch name {
    case "RedirectURLMixin":
      return [
        "next_page": .data(.none), "redirect_field_name": .data(.string("next")),
        "success_url_allowed_hosts": .data(.list([])),
      ]
    case "LoginView":
      return [
        "template_name": .data(.string("registration/login.html")),
        "form_class": .module("django.contrib.auth.forms.AuthenticationForm"),
        "authentication_form": .data(.none), "redirect_authenticated_user": .data(.bool(false)),
        "extra_context": .data(.none),
        // @method_decorator(login_not_required, name="dispatch") on the class; the anonymous
        // checker never meets redirect_authenticated_user.
        "dispatch": markedDispatch(name, decorator: "login_not_required"),
        "get_context_data": method("get_context_data") {
          receiver, arguments, location, interpreter in
          let context = superCall(
            receiver, after: name, "get_context_data", arguments, at: location, &interpreter)
          if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
          guard currentSite(receiver, at: location, &interpreter) else {
            return .data(.unknown("exception"))
          }
          return context
        },
      ]
    case "LogoutView":
      return [
        "http_method_names": .data(
          .list([PyElement(.string("post")), PyElement(.string("options"))])),
        "template_name": .data(.string("registration/logged_out.html")),
        "extra_context": .data(.none),
        "post": method("post") { _, _, location, _ in
          .data(.unknown("LogoutView.post() (logs the user out)"))
        },
      ]
    case "PasswordContextMixin":
      return ["extra_context": .data(.none)]
    case "PasswordResetView":
      return [
        "template_name": .data(.string("registration/password_reset_form.html")),
        "form_class": .module("django.contrib.auth.forms.PasswordResetForm"),
        "title": .data(.string("Password reset")),
        "dispatch": markedDispatch(name, decorator: "login_not_required"),
      ]
    case "PasswordResetDoneView":
      return [
        "template_name": .data(.string("registration/password_reset_done.html")),
        "title": .data(.string("Password reset sent")),
        "dispatch": markedDispatch(name, decorator: "login_not_required"),
      ]
    case "PasswordResetConfirmView":
      return [
        "template_name": .data(.string("registration/password_reset_confirm.html")),
        "form_class": .module("django.contrib.auth.forms.SetPasswordForm"),
        "title": .data(.string("Enter new password")),
        // dispatch() looks the link's user up (a database read) before the form renders.
        "dispatch": markedDispatch(name, decorator: "login_not_required", readsDatabase: true),
      ]
    case "PasswordResetCompleteView":
      return [
        "template_name": .data(.string("registration/password_reset_complete.html")),
        "title": .data(.string("Password reset complete")),
        "dispatch": markedDispatch(name, decorator: "login_not_required"),
      ]
    case "PasswordChangeView":
      return [
        "template_name": .data(.string("registration/password_change_form.html")),
        "form_class": .module("django.contrib.auth.forms.PasswordChangeForm"),
        "title": .data(.string("Password change")),
        // @method_decorator(login_required) on dispatch: the anonymous checker is redirected.
        "dispatch": markedDispatch(name, decorator: "login_required"),
      ]
    case "PasswordChangeDoneView":
      return [
        "template_name": .data(.string("registration/password_change_done.html")),
        "title": .data(.string("Password change successful")),
        "dispatch": markedDispatch(name, decorator: "login_required"),
      ]
    default:
      return [:]
    }
  }

  /// A `dispatch` that calls the next class's, wrapped by `method_decorator(decorator)` as
  /// Django declares it (so `as_view()` copies the decorator's marks onto the view function).
  static func markedDispatch(_ owner: String, decorator: String, readsDatabase reads: Bool = false)
    -> RValue
  {
    let original = method("dispatch") { receiver, arguments, location, interpreter in
      if reads, !readsDatabase(at: location, &interpreter) { return .data(.unknown("exception")) }
      return superCall(receiver, after: owner, "dispatch", arguments, at: location, &interpreter)
    }
    let applied =
      DjangoDecorators.function("django.contrib.auth.decorators." + decorator).map(RValue.native)
      ?? .data(.unknown(decorator))
    return .native(
      DecoratedMethod(
        "dispatch", original: original, decorator: applied, owner: nil,
        at: Location(file: "", span: Span(at: 0))))
  }

  /// `get_current_site(request)`: the `Site` row when `django.contrib.sites` is installed (a
  /// database read), else a `RequestSite`, whose name is `request.get_host()` (validated).
  static func currentSite(
    _ receiver: RValue, at location: Location, _ interpreter: inout PyInterpreter
  ) -> Bool {
    let apps = interpreter.djangoSettings?["INSTALLED_APPS"] ?? .list([])
    let installed = (PyOperations.iterate(apps) ?? []).compactMap(\.value.stringValue)
    if installed.contains(where: {
      $0 == "django.contrib.sites" || $0.hasPrefix("django.contrib.sites.")
    }) {
      return readsDatabase(at: location, &interpreter)
    }
    guard
      case .native(let request as HttpRequestObject)? = attribute(receiver, "request", &interpreter)
    else { return true }
    _ = request.callMethod("get_host", Arguments(), at: location, &interpreter)
    return interpreter.pendingRaise == nil
  }
}
