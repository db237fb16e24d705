import EBCheckCore
import EBCheckModel
import EBCheckPython
import Testing

/// The URLconf run on the interpreter: `urlpatterns` is whatever the module's code
/// computes, and what it cannot know stays unknown with its reason.
@Suite struct URLConfEvaluationTests {
  static func build(
    _ files: [(String, String)], settings: [String: PyValue] = [:], env: [String: String] = [:]
  ) -> URLConfBuilder.Result? {
    let sources = SourceFiles(
      [SourceFile(path: "site/__init__.py", text: "")]
        + files.map { SourceFile(path: $0.0, text: $0.1) })
    return URLConfBuilder(modules: PythonModules(files: sources), env: env, settings: settings)
      .build(rootURLConf: "site.urls")
  }

  static func resolver(
    _ urls: String, settings: [String: PyValue] = [:], env: [String: String] = [:]
  ) -> StaticURLResolver? {
    build([("site/urls.py", urls)], settings: settings, env: env)?.resolver
  }

  static func routes(_ resolver: StaticURLResolver?, _ path: String) -> Bool {
    if case .view? = resolver?.resolve(path) { return true }
    return false
  }

  static func unknownReason(_ resolver: StaticURLResolver?, _ path: String) -> String? {
    if case .unknown(let why)? = resolver?.resolve(path) { return why.reason }
    return nil
  }

  static func notFound(_ resolver: StaticURLResolver?, _ path: String) -> Bool {
    if case .notFound? = resolver?.resolve(path) { return true }
    return false
  }

  @Test func routesFromConstantsSettingsFormatAndFStrings() {
    let urls = """
      from django.conf import settings
      from django.urls import path, re_path
      from django_distill import distill_path

      API = 'api/'
      VERSION = 'v2'

      def ok(request):
          return None

      urlpatterns = [
          re_path(r'^' + settings.SITE_URL + 'health/$', ok),
          path(f'{API}{VERSION}/status/', ok),
          path('{}ping/'.format(API), ok),
          path('{0}{1}/pong/'.format(API, VERSION), ok),
          distill_path('', ok, name='home', distill_file='index.html'),
      ]
      """
    let resolver = Self.resolver(urls, settings: ["SITE_URL": .string("cv/")])
    #expect(Self.routes(resolver, "cv/health/"))
    #expect(Self.routes(resolver, "api/v2/status/"))
    #expect(Self.routes(resolver, "api/ping/"))
    #expect(Self.routes(resolver, "api/v2/pong/"))
    #expect(Self.routes(resolver, ""))
    #expect(Self.notFound(resolver, "elsewhere/"))
  }

  @Test func aRouteFromAnEnvironmentVariableIsUnknownWithItsName() {
    let urls = """
      import os
      from django.urls import path
      def ok(request):
          return None
      urlpatterns = [path('home/', ok), path(os.environ['HEALTH_ROUTE'], ok)]
      """
    let resolver = Self.resolver(urls)
    // Before the unknown route the resolver still decides; at it, it cannot.
    #expect(Self.routes(resolver, "home/"))
    let reason = Self.unknownReason(resolver, "health/")
    #expect(reason?.contains("HEALTH_ROUTE") == true)
  }

  @Test func comprehensionsConditionsAndListMethods() {
    let urls = """
      from django.conf import settings
      from django.conf.urls.static import static
      from django.urls import path

      def health(request):
          return None

      def page(request):
          return None

      PAGES = [('a/', page), ('b/', page), ('secret/', page)]
      urlpatterns = [path(route, view) for route, view in PAGES if route != 'secret/']
      urlpatterns.append(path('c/', page))
      urlpatterns.insert(0, path('first/', page))
      urlpatterns.extend([path('d/', page)])
      if settings.DEBUG:
          urlpatterns += [path('health/', health)]
      urlpatterns += static(settings.MEDIA_URL, document_root='media')
      """
    let off = Self.resolver(urls, settings: ["DEBUG": .bool(false), "MEDIA_URL": .string("/m/")])
    for path in ["a/", "b/", "c/", "d/", "first/"] { #expect(Self.routes(off, path)) }
    #expect(Self.notFound(off, "secret/"))
    #expect(Self.notFound(off, "health/"))
    #expect(Self.notFound(off, "m/x.png"))
    let on = Self.resolver(urls, settings: ["DEBUG": .bool(true), "MEDIA_URL": .string("/m/")])
    #expect(Self.routes(on, "health/"))
    // DEBUG's static() serves the prefix: whether a file is there is not known.
    #expect(Self.routes(on, "m/x.png"))
  }

  @Test func includeOfAnImportedListAndAFormatOfAnImportedConstant() {
    let result = Self.build([
      (
        "site/urls.py",
        """
        from django.urls import include, path
        from site.api import api_patterns
        from site.constants import VERSION
        urlpatterns = [
            path('api/', include((api_patterns, 'api'), namespace='v')),
            path('{}/'.format(VERSION), include('site.api')),
        ]
        """
      ),
      (
        "site/api.py",
        """
        from django.urls import path
        def health(request):
            return None
        app_name = 'inner'
        api_patterns = [path('health/', health, name='health')]
        urlpatterns = api_patterns
        """
      ),
      ("site/constants.py", "VERSION = 'v3'\n"),
    ])
    #expect(Self.routes(result?.resolver, "api/health/"))
    #expect(Self.routes(result?.resolver, "v3/health/"))
    #expect(result?.names["v:health"] == "/api/health/")
    #expect(result?.names["inner:health"] == "/v3/health/")
  }

  @Test func aViewPassedThroughAVariableIsTheFunctionItHeld() {
    let urls = """
      from django.http import HttpResponse
      from django.urls import path
      def health(request):
          return HttpResponse('ok')
      ROUTES = (('health/', health),)
      urlpatterns = [path(route, view) for route, view in ROUTES]
      """
    guard case .view(let view)? = Self.resolver(urls)?.resolve("health/") else {
      Issue.record("expected a view")
      return
    }
    #expect(view.name == "health")
  }

  @Test func routersAndLanguagePrefixes() {
    let urls = """
      from django.conf.urls.i18n import i18n_patterns
      from django.urls import include, path
      from rest_framework import routers
      from rest_framework.viewsets import ViewSet

      class ItemViewSet(ViewSet):
          def list(self, request):
              return None

      router = routers.DefaultRouter()
      router.register('items', ItemViewSet)
      urlpatterns = [path('api/', include(router.urls))]
      urlpatterns += i18n_patterns(path('about/', lambda r: None))
      """
    let resolver = Self.resolver(urls)
    #expect(Self.routes(resolver, "api/"))
    #expect(Self.routes(resolver, "api/items/"))
    #expect(resolver?.usesLanguagePrefix == true)
  }

  @Test func hostileURLconfsStayBounded() {
    // A loop far past the interpreter's limits, a self-include and an include cycle: each
    // ends as an unknown answer, not a hang or a crash.
    let looping = """
      from django.urls import path
      urlpatterns = []
      i = 0
      while True:
          urlpatterns.append(path('p%d/' % i, None))
          i += 1
      """
    #expect(Self.unknownReason(Self.resolver(looping), "health/") != nil)
    let huge = """
      from django.urls import path
      urlpatterns = [path('p%d/' % i, None) for i in range(10**9)]
      """
    #expect(Self.unknownReason(Self.resolver(huge), "health/") != nil)
    let recursive = """
      from django.urls import path
      def patterns(n):
          return [path('x/', None)] + patterns(n + 1)
      urlpatterns = patterns(0)
      """
    #expect(Self.unknownReason(Self.resolver(recursive), "health/") != nil)
    let cycle = Self.build([
      (
        "site/urls.py",
        "from django.urls import include, path\nurlpatterns = [path('', include('site.other'))]\n"
      ),
      (
        "site/other.py",
        "from django.urls import include, path\nurlpatterns = [path('', include('site.urls'))]\n"
      ),
    ])
    #expect(Self.unknownReason(cycle?.resolver, "health/")?.contains("cycle") == true)
  }

  @Test func aRepositoryRouterDerivedFromDRFsKeepsItsRegistry() {
    let result = Self.build([
      (
        "site/urls.py",
        """
        from django.conf import settings
        from django.urls import include, path
        from rest_framework import routers
        from site.parts import part_router

        PREFIX = getattr(settings, 'API_PREFIX', 'api/')

        class Router(routers.DefaultRouter):
            def extend(self, other):
                self.registry.extend(other.registry)

        router = Router()
        router.extend(part_router)
        urlpatterns = [path(PREFIX, include(router.urls))]
        """
      ),
      (
        "site/parts.py",
        """
        from rest_framework import routers
        from rest_framework.viewsets import ViewSet

        class PartViewSet(ViewSet):
            def list(self, request):
                return None

        part_router = routers.SimpleRouter()
        part_router.register('parts', PartViewSet)
        """
      ),
    ])
    #expect(Self.routes(result?.resolver, "api/"))
    #expect(Self.routes(result?.resolver, "api/parts/"))
  }

  @Test func patternsEveryUndecidedBranchStartsWithStillResolve() {
    let urls = """
      from django.urls import path
      from site.tables import TABLE

      def home(request):
          return None

      urlpatterns = [path('', home)]
      for name in TABLE:
          urlpatterns += [path(name + '/', home)]
      for name in TABLE:
          urlpatterns += [path(name + '/x/', home)]
      """
    let result = Self.build([
      ("site/urls.py", urls), ("site/tables.py", "import elsewhere\nTABLE = elsewhere.load()\n"),
    ])
    #expect(Self.routes(result?.resolver, ""))
    #expect(Self.unknownReason(result?.resolver, "health/") != nil)
  }
}
