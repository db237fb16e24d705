import EBCheck
import EBCheckCore
import EBCheckRules
import EBCheckSimulation
import Testing

/// Views run for the checker's GET: each pattern with the status real Django answers.
@Suite struct ViewAnswerTests {
  static func predict(
    _ urls: String, settings: String = "ALLOWED_HOSTS = ['*']\n", files: [String: String] = [:],
    healthPath: String = "/health/"
  ) -> HealthCheckPrediction? {
    let example = ExampleRepo.django(
      settings: settings, urls: urls, healthPath: healthPath, files: files)
    let sources = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return Linter.lint(sources).predictions.first
  }

  static func function(_ body: String, imports: String) -> String {
    """
    \(imports)
    from django.urls import path


    def health(request):
    \(body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))


    urlpatterns = [path('health/', health)]

    """
  }

  static func rules(_ prediction: HealthCheckPrediction?) -> String {
    prediction?.trace.hops.last { $0.step == "view" }?.detail ?? ""
  }

  @Test func responsesAndTheirStatuses() {
    let json = Self.predict(
      Self.function(
        "return JsonResponse({'status': 'ok'})", imports: "from django.http import JsonResponse"))
    #expect(json?.status == 200)
    let unavailable = Self.predict(
      Self.function(
        "return HttpResponse('down', status=503)", imports: "from django.http import HttpResponse"))
    #expect(unavailable?.status == 503)
    let constant = Self.predict(
      Self.function(
        "return Response({}, status=status.HTTP_503_SERVICE_UNAVAILABLE)",
        imports: "from rest_framework import status\nfrom rest_framework.response import Response"))
    #expect(constant?.status == 503)
    let bound = Self.predict(
      Self.function(
        "response = HttpResponse('ok')\nresponse['Cache-Control'] = 'no-cache'\nreturn response",
        imports: "from django.http import HttpResponse"))
    #expect(bound?.status == 200)
  }

  @Test func redirectsAreViewRedirects() {
    let shortcut = Self.predict(
      Self.function("return redirect('/status/')", imports: "from django.shortcuts import redirect")
    )
    #expect(shortcut?.status == 302)
    guard case .viewRedirect(_, 302, "/status/", _)? = shortcut?.verdict else {
      Issue.record("not a view redirect: \(String(describing: shortcut?.verdict))")
      return
    }
    let permanent = Self.predict(
      Self.function(
        "return redirect('/status/', permanent=True)",
        imports: "from django.shortcuts import redirect"))
    #expect(permanent?.status == 301)
    let generic = Self.predict(
      """
      from django.urls import path
      from django.views.generic import RedirectView

      urlpatterns = [path('health/', RedirectView.as_view(pattern_name='home', permanent=True))]

      """)
    #expect(generic?.status == 301)
    let gone = Self.predict(
      """
      from django.urls import path
      from django.views.generic import RedirectView

      urlpatterns = [path('health/', RedirectView.as_view())]

      """)
    #expect(gone?.status == 410)
  }

  @Test func exceptionsFollowTheSettingsTheyBranchOn() {
    let body = "if not settings.DEBUG:\n    raise Http404('off')\nreturn HttpResponse('ok')"
    let imports = "from django.conf import settings\nfrom django.http import Http404, HttpResponse"
    #expect(Self.predict(Self.function(body, imports: imports))?.status == 404)
    #expect(
      Self.predict(
        Self.function(body, imports: imports), settings: "ALLOWED_HOSTS = ['*']\nDEBUG = True\n")?
        .status == 200)
    let other = Self.predict(
      Self.function("raise RuntimeError('boom')", imports: "import os"))
    #expect(other?.status == 500)
    let none = Self.predict(Self.function("print('no response')", imports: "import os"))
    #expect(none?.status == 500)
  }

  @Test func unknownBranchesAgreeOrStayUnknown() {
    let imports = "import os\nfrom django.http import HttpResponse"
    let same = Self.predict(
      Self.function(
        "if os.environ.get('X'):\n    return HttpResponse('a')\nreturn HttpResponse('b')",
        imports: imports))
    #expect(same?.status == 200)
    // A package outside the repository: what `is_ready()` returns cannot be known.
    let differ = Self.predict(
      Self.function(
        "if is_ready():\n    return HttpResponse(status=503)\nreturn HttpResponse('b')",
        imports: imports + "\nfrom probes import is_ready"))
    #expect(differ?.status == nil)
    #expect(differ?.healthy == nil)
  }

  @Test func databaseQueriesMakeTheAnswerConditional() {
    let query = Self.predict(
      Self.function(
        "with connection.cursor() as cursor:\n    cursor.execute('SELECT 1')\nreturn HttpResponse('ok')",
        imports: "from django.db import connection\nfrom django.http import HttpResponse"))
    #expect(query?.status == 200)
    #expect(query?.healthy == true)
    #expect(Self.rules(query).contains("200 if the database answers"))
    let guarded = Self.predict(
      Self.function(
        "try:\n    connection.ensure_connection()\nexcept Exception:\n    return HttpResponse(status=503)\nreturn HttpResponse('ok')",
        imports: "from django.db import connection\nfrom django.http import HttpResponse"))
    #expect(guarded?.status == 200)
    #expect(Self.rules(guarded).contains("else 503"))
  }

  @Test func templatesAreLookedUpWhereTheSettingsSay() {
    let urls = Self.function(
      "return render(request, 'health.html')", imports: "from django.shortcuts import render")
    #expect(Self.predict(urls)?.status == 500)
    let dirs = """
      ALLOWED_HOSTS = ['*']
      from pathlib import Path
      BASE_DIR = Path(__file__).resolve().parent.parent
      TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': [BASE_DIR / 'templates']}]

      """
    #expect(
      Self.predict(urls, settings: dirs, files: ["templates/health.html": "ok"])?.status == 200)
    #expect(Self.predict(urls, settings: dirs)?.status == 500)
    let appDirs = """
      ALLOWED_HOSTS = ['*']
      INSTALLED_APPS = ['django.contrib.admin', 'core']
      TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': [], 'APP_DIRS': True}]

      """
    #expect(
      Self.predict(
        urls, settings: appDirs,
        files: ["core/__init__.py": "", "core/templates/health.html": "ok"])?.status == 200)
    let package = appDirs.replacingOccurrences("'core'", "'some_theme'")
    let unknown = Self.predict(urls, settings: package)
    #expect(unknown?.status == nil)
  }

  @Test func classBasedViews() {
    let noGet = Self.predict(
      """
      from django.http import HttpResponse
      from django.urls import path
      from django.views import View


      class Health(View):
          def post(self, request):
              return HttpResponse('ok')


      urlpatterns = [path('health/', Health.as_view())]

      """)
    #expect(noGet?.status == 405)
    let inherited = Self.predict(
      """
      from django.http import JsonResponse
      from django.urls import path
      from django.views import View


      class Base(View):
          def get(self, request):
              return JsonResponse({'ok': True})


      class Health(Base):
          pass


      urlpatterns = [path('health/', Health.as_view())]

      """)
    #expect(inherited?.status == 200)
    let template = Self.predict(
      """
      from django.urls import path
      from django.views.generic import TemplateView

      urlpatterns = [path('health/', TemplateView.as_view(template_name='missing.html'))]

      """)
    #expect(template?.status == 500)
    // A class attribute written with an annotation is the class's attribute all the same.
    let settings =
      "ALLOWED_HOSTS = ['*']\nINSTALLED_APPS = ['core']\nTEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'APP_DIRS': True}]\n"
    for attribute in ["template_name: str = 'home.html'", "template_name = 'home.html'"] {
      let home = Self.predict(
        """
        from django.urls import path
        from django.views.generic import TemplateView


        class Home(TemplateView):
            \(attribute)


        urlpatterns = [path('health/', Home.as_view())]

        """, settings: settings,
        files: ["core/__init__.py": "", "core/templates/home.html": "ok\n"])
      #expect(home?.status == 200, "\(attribute)")
    }
    let post = Self.predict(
      Self.function(
        "return HttpResponse('ok')",
        imports:
          "from django.http import HttpResponse\nfrom django.views.decorators.http import require_POST"
      ).replacingOccurrences("def health", "@require_POST\ndef health"))
    #expect(post?.status == 405)
  }

  @Test func restFrameworkViews() {
    let view = """
      from django.urls import path
      from rest_framework.decorators import api_view
      from rest_framework.response import Response


      @api_view(['GET'])
      def health(request):
          return Response({'status': 'ok'})


      urlpatterns = [path('health/', health)]

      """
    #expect(Self.predict(view)?.status == 200)
    #expect(Self.predict(view.replacingOccurrences("['GET']", "['POST']"))?.status == 405)
    let authenticated = """
      ALLOWED_HOSTS = ['*']
      REST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated']}

      """
    #expect(Self.predict(view, settings: authenticated)?.status == 403)
    let basic = """
      ALLOWED_HOSTS = ['*']
      REST_FRAMEWORK = {
          'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated'],
          'DEFAULT_AUTHENTICATION_CLASSES': ['rest_framework.authentication.BasicAuthentication'],
      }

      """
    #expect(Self.predict(view, settings: basic)?.status == 401)
    let router = """
      from django.urls import include, path
      from rest_framework import routers, viewsets


      class ItemViewSet(viewsets.ReadOnlyModelViewSet):
          queryset = None


      router = routers.DefaultRouter()
      router.register('items', ItemViewSet)

      urlpatterns = [path('api/', include(router.urls))]

      """
    #expect(Self.predict(router, healthPath: "/api/")?.status == 200)
    #expect(Self.predict(router, settings: authenticated, healthPath: "/api/")?.status == 403)
    // The list runs: `queryset = None` is DRF's assertion in get_queryset (500).
    #expect(Self.predict(router, healthPath: "/api/items/")?.status == 500)
    let listed = router.replacingOccurrences(
      "queryset = None", "queryset = []\n    serializer_class = object")
    #expect(Self.predict(listed, healthPath: "/api/items/")?.status == 200)
    #expect(
      Self.predict(
        router.replacingOccurrences("DefaultRouter", "SimpleRouter"), healthPath: "/api/")?
        .status == 404)
  }

  @Test func packageURLConfs() {
    let auth = """
      from django.contrib import admin
      from django.urls import include, path

      urlpatterns = [
          path('admin/', admin.site.urls),
          path('accounts/', include('django.contrib.auth.urls')),
      ]

      """
    #expect(Self.predict(auth, healthPath: "/accounts/login/")?.status == 500)
    let dirs = """
      ALLOWED_HOSTS = ['*']
      TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': ['templates']}]

      """
    #expect(
      Self.predict(
        auth, settings: dirs, files: ["templates/registration/login.html": "login"],
        healthPath: "/accounts/login/")?.status == 200)
    #expect(Self.predict(auth, healthPath: "/accounts/logout/")?.status == 405)
    #expect(Self.predict(auth, healthPath: "/accounts/password_change/")?.status == 302)
    #expect(Self.predict(auth, healthPath: "/admin/")?.status == 302)
    #expect(Self.predict(auth, healthPath: "/admin/auth/user/")?.status == 302)
    let adminApp = """
      ALLOWED_HOSTS = ['*']
      INSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth']
      TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'APP_DIRS': True}]

      """
    #expect(Self.predict(auth, settings: adminApp, healthPath: "/admin/login/")?.status == 200)
  }

  @Test func boundedExecution() {
    // Past the interpreter's statement budget (20,000 per run): unknown, not a guess.
    let long =
      "for i in range(5000):\n" + (0..<5).map { "    x\($0) = i" }.joined(separator: "\n")
      + "\nreturn HttpResponse('ok')"
    let prediction = Self.predict(
      Self.function(long, imports: "from django.http import HttpResponse"))
    #expect(prediction?.status == nil)
    var nested = ""
    for depth in 0..<30 {
      nested += String(repeating: "    ", count: depth) + "if is_ready(\(depth)):\n"
    }
    nested +=
      String(repeating: "    ", count: 30)
      + "return HttpResponse(status=503)\nreturn HttpResponse('ok')"
    let deep = Self.predict(
      Self.function(
        nested, imports: "from probes import is_ready\nfrom django.http import HttpResponse"))
    #expect(deep?.status == nil)
  }
}
