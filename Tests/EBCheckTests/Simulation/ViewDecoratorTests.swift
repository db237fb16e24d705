import EBCheck
import EBCheckCore
import EBCheckSimulation
import Testing

/// Function-view decorators run on the interpreter: Django's and DRF's as library objects
/// with their documented behaviour, the repository's own as code, an unmodelled package's
/// as unknown.
@Suite struct ViewDecoratorTests {
  /// A URLconf whose `health` view is `body` under `decorators` (one per line).
  static func decorated(
    _ decorators: String, imports: String, body: String = "return HttpResponse('ok')",
    async: Bool = false
  ) -> String {
    """
    from django.http import HttpResponse
    \(imports)
    from django.urls import path


    \(decorators)
    \(async ? "async " : "")def health(request):
        \(body)


    urlpatterns = [path('health/', health)]

    """
  }

  static func predict(_ urls: String, settings: String = "ALLOWED_HOSTS = ['*']\n")
    -> HealthCheckPrediction?
  {
    ViewAnswerTests.predict(urls, settings: settings)
  }

  /// A URLconf routing `route` (an expression over the repository function `health`).
  static func routed(_ route: String, imports: String, body: String = "return HttpResponse('ok')")
    -> String
  {
    """
    from django.http import HttpResponse
    \(imports)
    from django.urls import path


    def health(request):
        \(body)


    urlpatterns = [path('health/', \(route))]

    """
  }

  @Test func decoratorsAppliedInTheURLconfRun() {
    let login = "from django.contrib.auth.decorators import login_required"
    let wrapped = Self.predict(Self.routed("login_required(health)", imports: login))
    #expect(wrapped?.status == 302)
    #expect(ViewAnswerTests.rules(wrapped).contains("/accounts/login/?next=/health/"))
    let configured = Self.predict(
      Self.routed("login_required(login_url='/in/')(health)", imports: login))
    #expect(ViewAnswerTests.rules(configured).contains("/in/?next=/health/"))
    let cached = Self.predict(
      Self.routed(
        "cache_page(60)(health)", imports: "from django.views.decorators.cache import cache_page"))
    #expect(cached?.status == 200)
    let post = Self.predict(
      Self.routed(
        "require_POST(health)", imports: "from django.views.decorators.http import require_POST"))
    #expect(post?.status == 405)
    // The repository's own wrapper runs too: it answers the checker before the view.
    let own = Self.predict(
      Self.routed(
        "allow_checker(health)",
        imports: """
          def allow_checker(view):
              def wrapper(request):
                  if request.headers.get('User-Agent', '').startswith('ELB-HealthChecker'):
                      return HttpResponse('up')
                  return view(request)
              return wrapper
          """, body: "return HttpResponse(status=403)"))
    #expect(own?.status == 200)
  }

  @Test func loginRequiredRedirectsToLoginURLWithNext() {
    let bare = Self.predict(
      Self.decorated(
        "@login_required", imports: "from django.contrib.auth.decorators import login_required"))
    #expect(bare?.status == 302)
    guard case .loginRedirect(_, let at)? = bare?.verdict else {
      Issue.record("expected a login redirect, got \(String(describing: bare?.verdict))")
      return
    }
    #expect(at?.file == "mysite/urls.py")
    #expect(ViewAnswerTests.rules(bare).contains("/accounts/login/?next=/health/"))
    let custom = Self.predict(
      Self.decorated(
        "@login_required(login_url='/signin/')",
        imports: "from django.contrib.auth.decorators import login_required"))
    #expect(custom?.status == 302)
    #expect(ViewAnswerTests.rules(custom).contains("/signin/?next=/health/"))
    let setting = Self.predict(
      Self.decorated(
        "@login_required", imports: "from django.contrib.auth.decorators import login_required"),
      settings: "ALLOWED_HOSTS = ['*']\nLOGIN_URL = '/auth/in/'\n")
    #expect(ViewAnswerTests.rules(setting).contains("/auth/in/?next=/health/"))
  }

  @Test func loginRedirectValidatesTheHostFirst() {
    // user_passes_test builds the redirect from request.build_absolute_uri().
    let refused = Self.predict(
      Self.decorated(
        "@login_required", imports: "from django.contrib.auth.decorators import login_required"),
      settings: "ALLOWED_HOSTS = ['example.com']\nMIDDLEWARE = []\n")
    #expect(refused?.status == 400)
  }

  @Test func permissionAndTestDecorators() {
    let imports = "from django.contrib.auth.decorators import permission_required, user_passes_test"
    #expect(
      Self.predict(Self.decorated("@permission_required('a.b')", imports: imports))?.status == 302)
    let raising = Self.predict(
      Self.decorated("@permission_required('a.b', raise_exception=True)", imports: imports))
    #expect(raising?.status == 403)
    #expect(
      Self.predict(Self.decorated("@user_passes_test(lambda u: u.is_staff)", imports: imports))?
        .status == 302)
    #expect(
      Self.predict(Self.decorated("@user_passes_test(lambda u: True)", imports: imports))?.status
        == 200)
    let staff = Self.predict(
      Self.decorated(
        "@staff_member_required",
        imports: "from django.contrib.admin.views.decorators import staff_member_required"))
    #expect(staff?.status == 302)
  }

  @Test func methodDecoratorsRefuseOtherMethods() {
    let imports =
      "from django.views.decorators.http import require_GET, require_POST, require_safe, require_http_methods"
    #expect(Self.predict(Self.decorated("@require_POST", imports: imports))?.status == 405)
    #expect(Self.predict(Self.decorated("@require_GET", imports: imports))?.status == 200)
    #expect(Self.predict(Self.decorated("@require_safe", imports: imports))?.status == 200)
    let listed = Self.predict(
      Self.decorated("@require_http_methods(['POST', 'PUT'])", imports: imports))
    #expect(listed?.status == 405)
    #expect(ViewAnswerTests.rules(listed).contains("POST, PUT"))
    #expect(
      Self.predict(Self.decorated("@require_http_methods(['GET'])", imports: imports))?.status
        == 200)
  }

  @Test func headerDecoratorsPassThrough() {
    let imports = """
      from django.views.decorators.cache import cache_control, cache_page, never_cache
      from django.views.decorators.csrf import csrf_exempt
      from django.views.decorators.clickjacking import xframe_options_exempt
      from django.views.decorators.gzip import gzip_page
      from django.views.decorators.vary import vary_on_headers
      """
    let all = Self.predict(
      Self.decorated(
        "@csrf_exempt\n@never_cache\n@cache_page(60)\n@cache_control(max_age=0)\n@vary_on_headers('User-Agent')\n@gzip_page\n@xframe_options_exempt",
        imports: imports, body: "return HttpResponse(status=204)"))
    #expect(all?.status == 204)
  }

  @Test func apiViewChecksPermissionsThenMethods() {
    let imports = """
      from rest_framework.decorators import api_view, permission_classes, authentication_classes
      from rest_framework.permissions import AllowAny, IsAuthenticated
      from rest_framework.response import Response
      """
    let get = Self.predict(
      Self.decorated("@api_view(['GET'])", imports: imports, body: "return Response({})"))
    #expect(get?.status == 200)
    let post = Self.predict(
      Self.decorated("@api_view(['POST'])", imports: imports, body: "return Response({})"))
    #expect(post?.status == 405)
    let closed = Self.predict(
      Self.decorated(
        "@api_view(['GET'])\n@permission_classes([IsAuthenticated])", imports: imports,
        body: "return Response({})"))
    #expect(closed?.status == 403)
    let basic = Self.predict(
      Self.decorated(
        "@api_view(['GET'])\n@permission_classes([IsAuthenticated])\n@authentication_classes([BasicAuthentication])",
        imports: imports + "\nfrom rest_framework.authentication import BasicAuthentication",
        body: "return Response({})"))
    #expect(basic?.status == 401)
    let defaults = Self.predict(
      Self.decorated("@api_view(['GET'])", imports: imports, body: "return Response({})"),
      settings:
        "ALLOWED_HOSTS = ['*']\nREST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated']}\n"
    )
    #expect(defaults?.status == 403)
    let opened = Self.predict(
      Self.decorated(
        "@api_view(['GET'])\n@permission_classes([AllowAny])", imports: imports,
        body: "return Response({})"),
      settings:
        "ALLOWED_HOSTS = ['*']\nREST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated']}\n"
    )
    #expect(opened?.status == 200)
    let raised = Self.predict(
      Self.decorated(
        "@api_view()", imports: imports + "\nfrom rest_framework.exceptions import NotFound",
        body: "raise NotFound()"))
    #expect(raised?.status == 404)
  }

  @Test func aRepositoryPermissionClassRuns() {
    let urls = """
      from rest_framework.decorators import api_view, permission_classes
      from rest_framework.permissions import BasePermission
      from rest_framework.response import Response
      from django.urls import path


      class FromChecker(BasePermission):
          def has_permission(self, request, view):
              return request.headers.get('User-Agent', '').startswith('ELB-')


      class Never(BasePermission):
          def has_permission(self, request, view):
              return False


      @api_view(['GET'])
      @permission_classes([FromChecker])
      def health(request):
          return Response({})


      @api_view(['GET'])
      @permission_classes([Never])
      def other(request):
          return Response({})


      urlpatterns = [path('health/', health), path('other/', other)]

      """
    #expect(ViewAnswerTests.predict(urls)?.status == 200)
    #expect(ViewAnswerTests.predict(urls, healthPath: "/other/")?.status == 403)
  }

  @Test func theRepositorysOwnDecoratorsRun() {
    let urls = """
      from functools import wraps

      from django.contrib.auth.decorators import login_required
      from django.http import HttpResponse
      from django.urls import path


      def for_checker(view):
          @wraps(view)
          def inner(request, *args, **kwargs):
              if request.META.get('HTTP_USER_AGENT', '').startswith('ELB-HealthChecker'):
                  return HttpResponse('ok')
              return view(request, *args, **kwargs)
          return inner


      def blocked(view):
          def inner(request, *args, **kwargs):
              return HttpResponse(status=503)
          return inner


      @for_checker
      @login_required
      def health(request):
          return HttpResponse('staff')


      @login_required
      @for_checker
      def other(request):
          return HttpResponse('staff')


      @blocked
      def third(request):
          return HttpResponse('ok')


      urlpatterns = [path('health/', health), path('other/', other), path('third/', third)]

      """
    #expect(ViewAnswerTests.predict(urls)?.status == 200)
    #expect(ViewAnswerTests.predict(urls, healthPath: "/other/")?.status == 302)
    #expect(ViewAnswerTests.predict(urls, healthPath: "/third/")?.status == 503)
  }

  @Test func anUnmodelledPackageDecoratorIsUnknown() {
    let prediction = Self.predict(
      Self.decorated(
        "@ratelimit(key='ip')", imports: "from django_ratelimit.decorators import ratelimit"))
    #expect(prediction?.status == nil)
    guard case .unverifiable(let reasons)? = prediction?.verdict else {
      Issue.record("expected unverifiable, got \(String(describing: prediction?.verdict))")
      return
    }
    #expect(reasons.contains { $0.reason.contains("django_ratelimit") })
  }

  @Test func asyncViewsAreAwaited() {
    let prediction = Self.predict(
      Self.decorated(
        "@require_GET", imports: "from django.views.decorators.http import require_GET",
        body: "return HttpResponse(status=201)", async: true))
    #expect(prediction?.status == 201)
  }

  @Test func methodDecoratorOnClassesAndMethods() {
    let onClass = """
      from django.contrib.auth.decorators import login_required
      from django.http import HttpResponse
      from django.urls import path
      from django.utils.decorators import method_decorator
      from django.views import View
      from django.views.decorators.cache import never_cache


      @method_decorator(login_required, name='dispatch')
      class Guarded(View):
          def get(self, request):
              return HttpResponse('ok')


      @method_decorator(never_cache, name='dispatch')
      class Open(View):
          def get(self, request):
              return HttpResponse('ok')


      class OnMethod(View):
          @method_decorator(login_required)
          def get(self, request):
              return HttpResponse('ok')


      urlpatterns = [
          path('health/', Guarded.as_view()),
          path('open/', Open.as_view()),
          path('method/', OnMethod.as_view()),
      ]

      """
    #expect(ViewAnswerTests.predict(onClass)?.status == 302)
    #expect(ViewAnswerTests.predict(onClass, healthPath: "/open/")?.status == 200)
    #expect(ViewAnswerTests.predict(onClass, healthPath: "/method/")?.status == 302)
  }

  @Test func superCallsReachTheModelledGenericViews() {
    let urls = """
      from django.http import HttpResponse
      from django.urls import path
      from django.views.generic import RedirectView, TemplateView


      class Page(TemplateView):
          template_name = 'page.html'

          def get(self, request, *args, **kwargs):
              return super().get(request, *args, **kwargs)


      class Away(RedirectView):
          pattern_name = 'page'

          def get(self, request, *args, **kwargs):
              return super().get(request, *args, **kwargs)


      urlpatterns = [path('health/', Page.as_view(), name='page'), path('away/', Away.as_view())]

      """
    let settings = """
      ALLOWED_HOSTS = ['*']
      TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': ['templates']}]

      """
    #expect(
      ViewAnswerTests.predict(urls, settings: settings, files: ["templates/page.html": "ok"])?
        .status == 200)
    #expect(ViewAnswerTests.predict(urls, settings: settings)?.status == 500)
    let away = ViewAnswerTests.predict(urls, settings: settings, healthPath: "/away/")
    #expect(away?.status == 302)
    #expect(ViewAnswerTests.rules(away).contains("/health/"))
  }

  @Test func redirectByNameIsReversed() {
    let urls = """
      from django.http import HttpResponse
      from django.shortcuts import redirect
      from django.urls import path


      def home(request):
          return HttpResponse('home')


      def health(request):
          return redirect('home')


      urlpatterns = [path('', home, name='home'), path('health/', health)]

      """
    let prediction = ViewAnswerTests.predict(urls)
    #expect(prediction?.status == 302)
    #expect(ViewAnswerTests.rules(prediction).contains("redirect to /"))
  }

  @Test func keywordArgumentsKeepObjects() {
    let urls = """
      from django.http import HttpResponse
      from django.urls import path


      def answer(**kwargs):
          request = kwargs['request']
          if request.headers.get('User-Agent', '').startswith('ELB-'):
              return HttpResponse(status=204)
          return HttpResponse(status=403)


      def relay(**kwargs):
          return answer(**kwargs)


      def health(request):
          return relay(request=request, extra=1)


      urlpatterns = [path('health/', health)]

      """
    #expect(ViewAnswerTests.predict(urls)?.status == 204)
  }

  @Test func connectionsByAliasReachTheDatabase() {
    let prediction = Self.predict(
      Self.decorated(
        "", imports: "from django.db import connections",
        body:
          "try:\n        connections['default'].cursor().execute('SELECT 1')\n    except Exception:\n        return HttpResponse(status=503)\n    return HttpResponse('ok')"
      ))
    #expect(ViewAnswerTests.rules(prediction).contains("200 if the database answers, else 503"))
  }
}
