import EBCheckCore

/// URLconfs that ship with Django and common packages, as data: each route and what it
/// answers an anonymous GET. Read from the packages' sources (Django 5.1,
/// djangorestframework 3.15, django-health-check 3.18, django-watchman 1.3).
package enum PackageURLConfs {
  package struct Route: Sendable {
    /// The `path()` route, relative to where the URLconf is included.
    package var route: String
    package var name: String
    package var answer: Answer
    /// Whether `route` is a `re_path()` pattern.
    package var isRegex = false

    package init(_ route: String, _ name: String, _ answer: Answer, isRegex: Bool = false) {
      self.route = route
      self.name = name
      self.answer = answer
      self.isRegex = isRegex
    }
  }

  package enum Answer: Sendable {
    /// Renders the template with 200 (500 when no template directory holds it).
    case renders(String)
    /// The login guard redirects the anonymous checker (302); `admin` = to the admin's login.
    case loginRedirect(admin: Bool)
    /// A redirect that is not a login guard (302).
    case redirect(String)
    case methodNotAllowed([String])
    case conditional(status: Int, condition: String, otherwise: Int?)
    /// A DRF view whose permission class refuses the anonymous checker (as the settings'
    /// authentication classes decide: 401 or 403).
    case restDenied(String)
    /// Routes of the package ebcheck does not model: unknown, with this reason.
    case unmodelled(String)
    /// A class view the interpreter models, by import path: its `as_view()` runs.
    case libraryView(String)
  }

  /// Wagtail's page server (`wagtail.views.serve`, at `^((?:[\w\-]+/)*)$`): the site and
  /// the page come from the database's page tree, so a path the tree has no live page at is
  /// 404 (Wagtail 2–6). Written without the nested repetition the regex screen refuses: the
  /// same paths (empty, or `[\w-]` segments each ending in a slash).
  package static let wagtailServe = Route(
    #"^(?!/)(?![\w\-/]*//)((?:[\w\-/]*/)?)$"#, "Wagtail's page server",
    .conditional(
      status: 200,
      condition: "the database holds a Wagtail site with a live page at this path", otherwise: 404),
    isRegex: true)

  /// The URLconf modules (and `admin.site.urls`), by the name an `include()` or a route uses.
  package static let catalog: [String: [Route]] = [
    // Django's auth views run as library classes (DjangoClassViews+Auth).
    "django.contrib.auth.urls": [
      Route("login/", "LoginView", .libraryView(auth + "LoginView")),
      Route("logout/", "LogoutView", .libraryView(auth + "LogoutView")),
      Route("password_change/", "PasswordChangeView", .libraryView(auth + "PasswordChangeView")),
      Route(
        "password_change/done/", "PasswordChangeDoneView",
        .libraryView(auth + "PasswordChangeDoneView")),
      Route("password_reset/", "PasswordResetView", .libraryView(auth + "PasswordResetView")),
      Route(
        "password_reset/done/", "PasswordResetDoneView",
        .libraryView(auth + "PasswordResetDoneView")),
      Route(
        "reset/<uidb64>/<token>/", "PasswordResetConfirmView",
        .libraryView(auth + "PasswordResetConfirmView")),
      Route(
        "reset/done/", "PasswordResetCompleteView",
        .libraryView(auth + "PasswordResetCompleteView")),
    ],
    "admin.site.urls": [
      Route("login/", "admin login", .renders("admin/login.html")),
      // admin_view sends an anonymous logout to the index, and everything else to login.
      Route("logout/", "admin logout", .redirect("the admin index")),
      Route("<path:url>", "admin", .loginRedirect(admin: true)),
      Route("", "admin index", .loginRedirect(admin: true)),
    ],
    "wagtail.urls": [wagtailServe],
    "wagtail.core.urls": [wagtailServe],
    // puput 1.x–2.x: entry and feed routes, then (unless PUPUT_AS_PLUGIN) Wagtail's pages.
    "puput.urls": [
      Route(
        "<path:blog_path>/<int:year>/<int:month>/<int:day>/<str:slug>/", "puput entry",
        .conditional(
          status: 200, condition: "the database holds a puput entry at this path", otherwise: 404)),
      Route(
        "<int:year>/<int:month>/<int:day>/<str:slug>/", "puput entry",
        .conditional(
          status: 200, condition: "the database holds a puput entry at this path", otherwise: 404)),
      Route(
        "<path:blog_path>/feed/", "puput feed",
        .conditional(
          status: 200, condition: "the database holds a puput blog at this path", otherwise: 404)),
      Route(
        "feed/", "puput feed",
        .conditional(
          status: 200, condition: "the database holds a puput blog at the root", otherwise: 404)),
      Route("blog_admin/", "Wagtail admin", .unmodelled("Wagtail's admin URLconf")),
      Route("blog_admin/<path:url>", "Wagtail admin", .unmodelled("Wagtail's admin URLconf")),
      wagtailServe,
      Route(
        "documents/<path:url>", "Wagtail documents", .unmodelled("Wagtail's documents URLconf")),
      Route(
        "sitemap.xml", "Wagtail sitemap",
        .conditional(status: 200, condition: "the database answers", otherwise: 500)),
    ],
    // django-health-check 3.x: MainView runs as a library class (DjangoClassViews+HealthCheck).
    "health_check.urls": [
      Route("", "MainView", .libraryView("health_check.views.MainView")),
      Route("<str:subset>/", "MainView", .libraryView("health_check.views.MainView")),
    ],
    "watchman.urls": [
      Route(
        "", "django-watchman's status view",
        .conditional(status: 200, condition: "the checks django-watchman runs pass", otherwise: 500)
      )
    ],
    "rest_framework.urls": [
      Route("login/", "DRF login", .renders("rest_framework/login.html")),
      Route("logout/", "DRF logout", .methodNotAllowed(["POST", "OPTIONS"])),
    ],
    // dj-rest-auth (2.2–7.x): every route but the user's own answers GET with 405.
    "dj_rest_auth.urls": [
      Route("password/reset/", "PasswordResetView", .methodNotAllowed(["POST", "OPTIONS"])),
      Route(
        "password/reset/confirm/", "PasswordResetConfirmView",
        .methodNotAllowed(["POST", "OPTIONS"])),
      Route("login/", "LoginView", .methodNotAllowed(["POST", "OPTIONS"])),
      // GET logs out only with ACCOUNT_LOGOUT_ON_GET; otherwise 405.
      Route("logout/", "LogoutView", .methodNotAllowed(["POST", "OPTIONS"])),
      Route("user/", "UserDetailsView", .restDenied("IsAuthenticated")),
      Route("password/change/", "PasswordChangeView", .restDenied("IsAuthenticated")),
    ],
    "dj_rest_auth.registration.urls": [
      Route("", "RegisterView", .methodNotAllowed(["POST", "OPTIONS"])),
      Route("verify-email/", "VerifyEmailView", .methodNotAllowed(["POST", "OPTIONS"])),
      Route(
        "resend-email/", "ResendEmailVerificationView", .methodNotAllowed(["POST", "OPTIONS"])),
    ],
  ]

  static let auth = "django.contrib.auth.views."

  /// The pattern nodes of a catalogued URLconf, located at the `include()` that mounts it;
  /// `code` runs a library class view (nil: its answer stays unknown).
  package static func patterns(
    of name: String, context: ViewContext, at location: Location,
    code: (String) -> ViewCode? = { _ in nil }
  ) -> [URLPatternNode]? {
    guard let routes = catalog[name] else { return nil }
    // More specific routes first, as the packages order them; the admin's catch-all last.
    let ordered =
      routes.filter { $0.route != "<path:url>" } + routes.filter { $0.route == "<path:url>" }
    return ordered.map { route in
      var view = ResolvedView(
        name: route.name, location: location,
        answer: answer(route.answer, context: context, at: location))
      switch route.answer {
      case .libraryView(let qualified):
        // Whether it is @login_not_required comes from the view as_view() builds.
        view.code = code(qualified)
      case .renders, .methodNotAllowed:
        // Django 5.1 marks its login and logout views @login_not_required (DRF's login
        // view is Django's LoginView).
        view.loginNotRequired = true
      default: break
      }
      return .route(
        route.isRegex ? .regex(route.route) : .route(route.route), .view(view), location)
    }
  }

  package static func answer(_ answer: Answer, context: ViewContext, at location: Location)
    -> ViewAnswer
  {
    switch answer {
    case .renders(let template):
      return context.templates.rendering(template, status: 200, at: location)
    case .loginRedirect(let admin):
      return .loginRedirect(to: admin ? "the admin login page" : context.loginURL, at: location)
    case .redirect(let target):
      return .redirect(status: 302, to: target, at: location)
    case .methodNotAllowed(let methods):
      return .methodNotAllowed(allowed: methods, at: location)
    case .conditional(let status, let condition, let otherwise):
      return .conditional(status: status, condition: condition, otherwise: otherwise, at: location)
    case .unmodelled(let what):
      return .unknown(Unverifiable("\(what) is not modelled", at: location))
    case .libraryView(let qualified):
      return .unknown(Unverifiable("the view \(qualified) could not be run", at: location))
    case .restDenied(let permission):
      return context.restFramework.refusal(of: [permission], at: location)
        ?? .status(200, at: location)
    }
  }
}
