import EBCheck
import EBCheckCore
import EBCheckSimulation
import Testing

/// Views run on the interpreter with the request Django built for the health check: what
/// they read from the request (headers, host), the helpers they call, and what they reach
/// outside the repository.
@Suite struct ViewExecutionTests {
  static let http = "from django.http import HttpResponse, JsonResponse"

  @Test func headersOfTheRequestDecide() {
    let agent = ViewAnswerTests.predict(
      ViewAnswerTests.function(
        "if request.headers.get('User-Agent', '').startswith('ELB-HealthChecker'):\n    return HttpResponse('ok')\nreturn HttpResponse(status=403)",
        imports: Self.http))
    #expect(agent?.status == 200)
    let exact = ViewAnswerTests.predict(
      ViewAnswerTests.function(
        "if request.META.get('HTTP_USER_AGENT') == 'ELB-HealthChecker/1.0':\n    return HttpResponse('ok')\nreturn HttpResponse(status=403)",
        imports: Self.http))
    #expect(exact?.status == 403)
    #expect(exact?.trace.hops.contains { $0.detail.contains("→ False") } == true)
  }

  @Test func getHostIsValidatedAsDjangoDoes() {
    let view = ViewAnswerTests.function(
      "return JsonResponse({'host': request.get_host()})", imports: Self.http)
    let refused = ViewAnswerTests.predict(
      view, settings: "ALLOWED_HOSTS = ['example.com']\nMIDDLEWARE = []\n")
    #expect(refused?.status == 400)
    let allowed = ViewAnswerTests.predict(
      view, settings: "ALLOWED_HOSTS = ['*']\nMIDDLEWARE = []\n")
    #expect(allowed?.status == 200)
  }

  @Test func isAjaxFollowsThePinnedDjangoVersion() {
    let view = ViewAnswerTests.function(
      "if request.is_ajax():\n    return HttpResponse(status=403)\nreturn HttpResponse('ok')",
      imports: Self.http)
    // Before 4.0 the checker's request has no X-Requested-With: not an AJAX request.
    let old = ViewAnswerTests.predict(view, files: ["requirements.txt": "Django==2.0\n"])
    #expect(old?.status == 200)
    // 4.0 removed the method; with no pinned version ebcheck cannot say which API runs.
    for requirements in ["Django==4.2\n", "requests\n"] {
      let other = ViewAnswerTests.predict(view, files: ["requirements.txt": requirements])
      #expect(other?.status == nil)
    }
  }

  @Test func redirectToLoginIsAFoundRedirect() {
    let imports = "from django.contrib.auth.views import redirect_to_login"
    let plain = ViewAnswerTests.predict(
      ViewAnswerTests.function(
        "return redirect_to_login(request.get_full_path())", imports: imports))
    #expect(plain?.status == 302)
    #expect(
      plain?.trace.hops.contains { $0.detail.contains("/accounts/login/?next=/health/") } == true)
    // A login URL ebcheck cannot read leaves where it goes open, not the status.
    let open = ViewAnswerTests.predict(
      ViewAnswerTests.function(
        "return redirect_to_login('/health/', os.environ['LOGIN'])",
        imports: imports + "\nimport os"))
    #expect(open?.status == 302)
  }

  @Test func aRepositoryHelperAroundRenderRuns() {
    let urls = """
      from django.shortcuts import render as django_render
      from django.urls import path


      def render(*args, **kwargs):
          request = args[0]
          if len(args) < 3:
              kwargs['context'] = {'url': request.build_absolute_uri()}
          return django_render(*args, **kwargs)


      def health(request):
          return render(request, 'health.html')


      urlpatterns = [path('health/', health)]

      """
    let settings = """
      ALLOWED_HOSTS = ['*']
      TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': ['templates']}]

      """
    #expect(
      ViewAnswerTests.predict(urls, settings: settings, files: ["templates/health.html": "ok"])?
        .status == 200)
    #expect(ViewAnswerTests.predict(urls, settings: settings)?.status == 500)
  }

  @Test func modelQueriesHoldWhileTheDatabaseAnswers() {
    let urls = """
      from django.db import models
      from django.http import HttpResponse
      from django.urls import path


      class Item(models.Model):
          name = models.CharField(max_length=10)


      def health(request):
          try:
              Item.objects.count()
          except Exception:
              return HttpResponse('down', status=503)
          return HttpResponse('ok')


      urlpatterns = [path('health/', health)]

      """
    let prediction = ViewAnswerTests.predict(urls)
    #expect(prediction?.status == 200)
    #expect(ViewAnswerTests.rules(prediction).contains("200 if the database answers, else 503"))
  }

  @Test func restFrameworkResponseAndClassHandlers() {
    let urls = """
      from django.urls import path
      from rest_framework import status
      from rest_framework.response import Response
      from rest_framework.views import APIView


      class Health(APIView):
          permission_classes = []

          def get(self, request):
              if self.request.headers.get('User-Agent', '').startswith('ELB'):
                  return Response({'ok': True})
              return Response(status=status.HTTP_503_SERVICE_UNAVAILABLE)


      urlpatterns = [path('health/', Health.as_view())]

      """
    #expect(ViewAnswerTests.predict(urls)?.status == 200)
  }

  @Test func viewsFromPackagesOutsideTheCatalogAreUnknown() {
    let unknown = ViewAnswerTests.predict(
      """
      from django.urls import path
      from somepackage.views import status_view

      urlpatterns = [path('health/', status_view)]

      """)
    #expect(unknown?.status == nil)
    let register = ViewAnswerTests.predict(
      """
      from django.urls import path
      from dj_rest_auth.registration.views import RegisterView

      urlpatterns = [path('health/', RegisterView.as_view())]

      """)
    #expect(register?.status == 405)
    let included = ViewAnswerTests.predict(
      """
      from django.urls import include, path

      urlpatterns = [path('', include('dj_rest_auth.registration.urls'))]

      """, healthPath: "/")
    #expect(included?.status == 405)
  }

  @Test func routersDispatchByMethodAndRoute() {
    func viewset(_ methods: String, settings: String = "ALLOWED_HOSTS = ['*']\n", path: String)
      -> Int?
    {
      ViewAnswerTests.predict(
        """
        from django.urls import include, path
        from rest_framework import routers, viewsets
        from rest_framework.response import Response


        class ItemViewSet(viewsets.ViewSet):
        \(methods)


        router = routers.SimpleRouter()
        router.register('items', ItemViewSet, basename='item')
        urlpatterns = [path('api/', include(router.urls))]

        """, settings: settings, healthPath: path)?.status
    }
    let list = "    def list(self, request):\n        return Response([])"
    let create = "    def create(self, request):\n        return Response(status=201)"
    let retrieve = "    def retrieve(self, request, pk=None):\n        return Response({})"
    #expect(viewset(list, path: "/api/items/") == 200)
    #expect(viewset(create, path: "/api/items/") == 405)
    // Neither list nor create: the router makes no list route.
    #expect(viewset(retrieve, path: "/api/items/") == 404)
    #expect(viewset(retrieve, path: "/api/items/7/") == 200)
    let authenticated = """
      ALLOWED_HOSTS = ['*']
      REST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated']}

      """
    #expect(viewset(list, settings: authenticated, path: "/api/items/") == 403)
    let own = list.replacingOccurrences(
      "    def list", "    permission_classes = []\n\n    def list")
    #expect(viewset(own, settings: authenticated, path: "/api/items/") == 200)
  }

  @Test func aClassDispatchRunsBeforeItsHandlers() {
    func dispatching(_ agent: String) -> Int? {
      ViewAnswerTests.predict(
        """
        from django.http import HttpResponse
        from django.urls import path
        from django.views import View


        class Health(View):
            def dispatch(self, request, *args, **kwargs):
                if request.headers.get('User-Agent', '').startswith('\(agent)'):
                    return HttpResponse('ok')
                return super().dispatch(request, *args, **kwargs)

            def post(self, request):
                return HttpResponse('posted')


        urlpatterns = [path('health/', Health.as_view())]

        """)?.status
    }
    #expect(dispatching("ELB-HealthChecker") == 200)
    // Not the checker: View.dispatch finds no get() and answers 405.
    #expect(dispatching("kube-probe") == 405)
  }
}
