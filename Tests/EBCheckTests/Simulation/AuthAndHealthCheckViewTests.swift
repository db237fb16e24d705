import EBCheck
import EBCheckCore
import EBCheckRules
import EBCheckSimulation
import Testing

/// Django's auth views, django-health-check's views, `@login_not_required` read from the
/// view function, and `condition()` — all run on the interpreter.
@Suite struct AuthAndHealthCheckViewTests {
  static func predict(_ example: RuleExample) -> HealthCheckPrediction? {
    let files = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return Linter.lint(files).predictions.first
  }

  static let allHosts = "ALLOWED_HOSTS = ['*']\n"
  static let loginRequired = """
    ALLOWED_HOSTS = ['*']
    MIDDLEWARE = MIDDLEWARE + ['django.contrib.auth.middleware.LoginRequiredMiddleware']

    """

  static func routing(_ view: String, imports: String) -> String {
    "from django.urls import include, path\n\(imports)\n\nurlpatterns = [path('health/', \(view))]\n"
  }

  static func viewsRepo(
    settings: String = allHosts, views: String, route: String = "views.HealthView.as_view()",
    files: [String: String] = [:]
  ) -> RuleExample {
    var all = ["mysite/views.py": views]
    all.merge(files) { $1 }
    return ExampleRepo.django(
      settings: settings, urls: routing(route, imports: "from mysite import views"), files: all)
  }

  @Test func aLoginViewSubclassRendersItsTemplate() {
    let views = """
      from django.contrib.auth.views import LoginView

      class StaffLogin(LoginView):
          template_name = 'staff/login.html'

      """
    #expect(
      Self.predict(Self.viewsRepo(views: views, route: "views.StaffLogin.as_view()"))?.status == 500
    )
    let present = Self.viewsRepo(
      settings: "ALLOWED_HOSTS = ['*']\nTEMPLATES = [{'DIRS': ['templates'], 'APP_DIRS': True}]\n",
      views: views, route: "views.StaffLogin.as_view()",
      files: ["templates/staff/login.html": "<form></form>\n"])
    #expect(Self.predict(present)?.status == 200)
  }

  @Test func theLoginPageValidatesTheHostThroughItsRequestSite() {
    let views =
      "from django.contrib.auth.views import LoginView\n\nclass StaffLogin(LoginView):\n    pass\n"
    let example = Self.viewsRepo(
      settings: "ALLOWED_HOSTS = ['www.example.com']\nMIDDLEWARE = []\n", views: views,
      route: "views.StaffLogin.as_view()")
    #expect(Self.predict(example)?.status == 400)
  }

  @Test func logoutAnswers405AndPasswordChangeRedirects() {
    let logout = ExampleRepo.django(
      settings: Self.allHosts,
      urls: Self.routing(
        "LogoutView.as_view()", imports: "from django.contrib.auth.views import LogoutView"))
    #expect(Self.predict(logout)?.status == 405)
    let change = ExampleRepo.django(
      settings: Self.allHosts,
      urls:
        "from django.urls import include, path\n\nurlpatterns = [path('', include('django.contrib.auth.urls'))]\n",
      healthPath: "/password_change/")
    #expect(Self.predict(change)?.status == 302)
  }

  @Test func authURLsLoginPassesLoginRequiredMiddleware() {
    let example = ExampleRepo.django(
      settings: Self.loginRequired + "TEMPLATES = [{'DIRS': ['templates']}]\n",
      urls:
        "from django.urls import include, path\n\nurlpatterns = [path('', include('django.contrib.auth.urls'))]\n",
      healthPath: "/login/", files: ["templates/registration/login.html": "<form></form>\n"])
    #expect(Self.predict(example)?.status == 200)
  }

  @Test func loginNotRequiredComesFromTheViewFunction() {
    let onDispatch = """
      from django.contrib.auth.decorators import login_not_required
      from django.http import HttpResponse
      from django.utils.decorators import method_decorator
      from django.views import View

      @method_decorator(login_not_required, name='dispatch')
      class HealthView(View):
          def get(self, request):
              return HttpResponse('ok')

      """
    #expect(
      Self.predict(Self.viewsRepo(settings: Self.loginRequired, views: onDispatch))?.status == 200)
    // On the class itself it sets a class attribute as_view() does not copy: still 302.
    let onClass = onDispatch.replacingOccurrences(
      of: "@method_decorator(login_not_required, name='dispatch')", with: "@login_not_required")
    #expect(
      Self.predict(Self.viewsRepo(settings: Self.loginRequired, views: onClass))?.status == 302)
  }

  @Test func healthCheckRunsTheInstalledPlugins() {
    func example(_ apps: String, caches: String = "") -> RuleExample {
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\nINSTALLED_APPS = ['health_check', \(apps)]\n" + caches
          + "TEMPLATES = [{'APP_DIRS': True}]\n",
        urls:
          "from django.urls import include, path\n\nurlpatterns = [path('health/', include('health_check.urls'))]\n"
      )
    }
    let database = Self.predict(example("'health_check.db'"))
    #expect(database?.status == 200)
    #expect(database?.trace.hops.contains { $0.detail.contains("the database answers") } == true)
    let dummy = Self.predict(
      example(
        "'health_check.cache'",
        caches: "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.dummy.DummyCache'}}\n"
      ))
    #expect(dummy?.status == 500)
    #expect(Self.predict(example("'health_check.cache'"))?.status == 200)
    #expect(Self.predict(example("'health_check.contrib.unheard_of'"))?.healthy == nil)
  }

  @Test func conditionRunsItsFunctionsThenTheView() {
    func views(_ decorator: String, _ function: String) -> String {
      """
      from django.http import HttpResponse
      from django.views.decorators.http import condition, etag, last_modified

      def stamp(request):
          return \(function)

      @\(decorator)
      def health(request):
          return HttpResponse('ok')

      """
    }
    func status(_ decorator: String, _ function: String) -> Int? {
      Self.predict(Self.viewsRepo(views: views(decorator, function), route: "views.health"))?.status
    }
    #expect(status("condition(etag_func=stamp)", "'\"v1\"'") == 200)
    #expect(status("etag(stamp)", "None") == 200)
    #expect(status("etag(stamp)", "42") == 500)
    #expect(status("last_modified(stamp)", "'2024-01-01'") == 500)
    #expect(status("last_modified(stamp)", "None") == 200)
  }
}
