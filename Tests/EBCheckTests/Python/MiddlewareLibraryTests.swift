import EBCheckCore
import EBCheckModel
import EBCheckPython
import Foundation
import Testing

/// Library calls a middleware makes: `reverse()` through the URLconf's names, `any()`/`all()`
/// over generators, `distutils.util.strtobool` in settings.
@Suite struct MiddlewareLibraryTests {
  static let exemptMiddleware = """
    from django.shortcuts import redirect
    from django.urls import reverse

    class Session:
        def __init__(self, get_response):
            self.get_response = get_response

        def __call__(self, request):
            exempt = [reverse('site:home'), reverse('site:login'), '/static/']
            if any(request.path.startswith(path) for path in exempt):
                return self.get_response(request)
            return redirect(reverse('site:login'))
    """

  static func run(_ source: String, urlNames: [String: String], url: String = "/health/")
    -> MiddlewareRun
  {
    let files = SourceFiles([
      SourceFile(path: "app/__init__.py", bytes: []),
      SourceFile(path: "app/middleware.py", bytes: Array(source.utf8)),
    ])
    var executor = MiddlewareExecutor(files: files, modules: nil, env: [:], settings: [:])
    executor.urlNames = urlNames
    let request = DjangoRequestData.fromHop(
      method: "GET", path: url, host: nil, headers: [("user-agent", "ELB-HealthChecker/2.0")],
      remoteAddress: .string("127.0.0.1"), serverPort: 80, isSecure: false,
      hostCheck: .disallowed(reason: "not allowed"))
    return executor.run("app.middleware.Session", request: request, at: nil)
  }

  @Test func anyOverReversedNamesDecides() {
    // The home page reverses to '/', a prefix of every path: the request is passed on.
    let passes = Self.run(
      Self.exemptMiddleware, urlNames: ["site:home": "/", "site:login": "/login/"])
    #expect(passes.outcome == .passedOn)
    // Without '/' among them, the health path is redirected to the login page.
    let redirects = Self.run(
      Self.exemptMiddleware, urlNames: ["site:home": "/home/", "site:login": "/login/"])
    guard case .answered(302, _, let target) = redirects.outcome else {
      Issue.record("expected a 302, got \(redirects.outcome)")
      return
    }
    #expect(target == "/login/")
  }

  @Test func reverseOfANameNotReadIsUnknown() {
    let run = Self.run(Self.exemptMiddleware, urlNames: ["site:login": "/login/"])
    guard case .unknown = run.outcome else {
      Issue.record("expected unknown, got \(run.outcome)")
      return
    }
  }

  static func names(_ files: [(String, String)]) -> [String: String] {
    let sources = SourceFiles(files.map { SourceFile(path: $0.0, text: $0.1) })
    return URLConfBuilder(modules: PythonModules(files: sources))
      .build(rootURLConf: "mysite.urls")?.names ?? [:]
  }

  @Test func urlNamesFollowIncludesAndNamespaces() {
    let names = Self.names([
      ("mysite/__init__.py", ""),
      (
        "mysite/urls.py",
        """
        from django.urls import include, path, re_path
        urlpatterns = [
            path('', include('shop.urls')),
            path('api/', include(('shop.urls', 'api'), namespace='v1')),
            re_path(r'^health/$', lambda r: None, name='health'),
            path('item/<int:pk>/', lambda r: None, name='item'),
        ]
        urlpatterns += [path('about/', lambda r: None, name='about'), path('x/', None, name='about')]
        """
      ),
      ("shop/__init__.py", ""),
      (
        "shop/urls.py",
        """
        from django.urls import path
        app_name = 'shop'
        urlpatterns = [path('', None, name='home'), path('cart/', None, name='cart')]
        """
      ),
    ])
    #expect(names["shop:home"] == "/")
    #expect(names["shop:cart"] == "/cart/")
    #expect(names["v1:cart"] == "/api/cart/")
    #expect(names["health"] == "/health/")
    // A pattern with parameters, or a name given twice: left out.
    #expect(names["item"] == nil)
    #expect(names["about"] == nil)
  }

  static func value(_ source: String, _ name: String, env: [String: String] = [:]) -> String? {
    let files = SourceFiles([SourceFile(path: "app/settings.py", text: source)])
    let settings = SettingsEvaluator(files: files, env: env, unsetVariablesTakeDefaults: true)
      .evaluate(module: "app.settings")
    return settings?[name]?.value.pythonRepr
  }

  @Test func strtoboolAsDistutilsDefinesIt() {
    let source = """
      import os
      from distutils.util import strtobool
      DEBUG = strtobool(os.environ.get('DEBUG', 'False'))
      A = [strtobool('YES'), strtobool('on'), strtobool('0'), strtobool('f')]
      B = strtobool('maybe')
      """
    #expect(Self.value(source, "DEBUG") == "0")
    #expect(Self.value(source, "DEBUG", env: ["DEBUG": "true"]) == "1")
    #expect(Self.value(source, "A") == "[1, 1, 0, 0]")
    #expect(Self.value(source, "B")?.contains("ValueError") == true)
  }

  @Test func anyAndAllAsPythonDecides() {
    let source = """
      import os
      X = os.environ['UNSET_NAME']
      A = [any(c == 'b' for c in 'abc'), all(c in 'abc' for c in 'ab'), any([]), all([])]
      B = any([X == 'y', True])
      C = all([X == 'y', False])
      """
    #expect(Self.value(source, "A") == "[True, True, False, True]")
    // One element that decides does so beside an undecided one.
    #expect(Self.value(source, "B") == "True")
    #expect(Self.value(source, "C") == "False")
  }

  static let asyncHealth = """
    from asgiref.sync import iscoroutinefunction, markcoroutinefunction
    from django.http import HttpResponse

    class Session:
        async_capable = True
        sync_capable = False

        def __init__(self, get_response):
            self.get_response = get_response
            if iscoroutinefunction(self.get_response):
                markcoroutinefunction(self)

        async def __call__(self, request):
            if request.path == '/health/':
                return HttpResponse('ok')
            response = await self.get_response(request)
            return response
    """

  @Test func asyncMiddlewareIsAwaited() {
    #expect(MiddlewareExecutionTests.status(Self.run(Self.asyncHealth, urlNames: [:])) == 200)
    #expect(Self.run(Self.asyncHealth, urlNames: [:], url: "/").outcome == .passedOn)
  }

  @Test func asyncCallRunSynchronouslyFailsWith500() {
    // Without sync_capable = False, Django calls it synchronously and gets a coroutine where
    // a response should be: AttributeError, 500 (fixture mw-async-sync-mode on real Django).
    let source = Self.asyncHealth.replacingOccurrences(
      of: "    sync_capable = False\n", with: "")
    guard case .raised(let kind, 500, _) = Self.run(source, urlNames: [:]).outcome else {
      Issue.record("expected a 500")
      return
    }
    #expect(kind.contains("AttributeError"))
  }

  @Test func syncAndAsyncFactoryTakesItsSyncBranchUnderWSGI() {
    let source = """
      from asgiref.sync import iscoroutinefunction
      from django.http import HttpResponse
      from django.utils.decorators import sync_and_async_middleware

      @sync_and_async_middleware
      def Session(get_response):
          if iscoroutinefunction(get_response):
              async def middleware(request):
                  return HttpResponse(status=503)
          else:
              def middleware(request):
                  if request.path == '/health/':
                      return HttpResponse(status=204)
                  return get_response(request)
          return middleware
      """
    #expect(MiddlewareExecutionTests.status(Self.run(source, urlNames: [:])) == 204)
  }

  static func decorated(_ decorator: String, imports: String) -> MiddlewareRun {
    let source = """
      \(imports)
      from django.http import HttpResponse

      REGISTRY = []

      def register(cls):
          REGISTRY.append(cls.__name__)
          return cls

      \(decorator)
      class Session:
          def __init__(self, get_response):
              self.get_response = get_response

          def __call__(self, request):
              return HttpResponse(status=204)
      """
    return Self.run(source, urlNames: [:])
  }

  @Test func classDecoratorsAreApplied() {
    // The repository's own decorator runs and returns the class.
    #expect(MiddlewareExecutionTests.status(Self.decorated("@register", imports: "")) == 204)
    let imports = """
      from django.utils.decorators import method_decorator
      from django.views.decorators.csrf import csrf_exempt
      """
    let csrf = Self.decorated("@method_decorator(csrf_exempt, name='__call__')", imports: imports)
    #expect(MiddlewareExecutionTests.status(csrf) == 204)
    // Django raises ValueError when the class has no method of that name: no import.
    let missing = Self.decorated(
      "@method_decorator(csrf_exempt, name='dispatch')", imports: imports)
    guard case .notLoadable = missing.outcome else {
      Issue.record("expected notLoadable, got \(missing.outcome)")
      return
    }
    // A library decorator ebcheck does not model: what the name is bound to is unknown.
    let unknown = Self.decorated("@track", imports: "from vendor_tools.metrics import track")
    #expect(MiddlewareExecutionTests.status(unknown) == nil)
    let login = Self.decorated(
      "@method_decorator(login_required, name='dispatch')",
      imports: """
        from django.utils.decorators import method_decorator
        from django.contrib.auth.decorators import login_required
        """)
    #expect(MiddlewareExecutionTests.status(login) == nil)
  }
}
