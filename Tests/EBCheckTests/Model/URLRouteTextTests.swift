import EBCheckCore
import EBCheckModel
import EBCheckPython
import Testing

/// Route strings built by code, folded without running it; `distill_path` read as `path`.
@Suite struct URLRouteTextTests {
  static func resolver(_ urls: String, settings: [String: PyValue] = [:]) -> StaticURLResolver? {
    let files = SourceFiles([
      SourceFile(path: "site/__init__.py", text: ""),
      SourceFile(path: "site/urls.py", text: urls),
    ])
    var context = ViewContext.empty(files: files)
    context.settings = settings
    return URLConfReader(modules: PythonModules(files: files), context: context)
      .resolver(rootURLConf: "site.urls")
  }

  static func routes(_ resolver: StaticURLResolver?, _ path: String) -> Bool {
    if case .view? = resolver?.resolve(path) { return true }
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
          distill_path('', ok, name='home', distill_file='index.html'),
      ]
      """
    let resolver = Self.resolver(urls, settings: ["SITE_URL": .string("cv/")])
    #expect(Self.routes(resolver, "cv/health/"))
    #expect(Self.routes(resolver, "api/v2/status/"))
    #expect(Self.routes(resolver, "api/ping/"))
    #expect(Self.routes(resolver, ""))
    if case .notFound? = resolver?.resolve("elsewhere/") {
    } else {
      Issue.record("expected not found")
    }
  }

  @Test func aRouteFromAnUnknownValueStaysUnreadable() {
    let urls = """
      import os
      from django.urls import path
      urlpatterns = [path(os.environ['PREFIX'] + 'health/', None)]
      """
    if case .unknown? = Self.resolver(urls)?.resolve("health/") {
    } else {
      Issue.record("expected unknown")
    }
  }

  @Test func formatTakesAutomaticFieldsOnly() {
    #expect(URLRouteText.format("{}/{}", ["a", "b"]) == "a/b")
    #expect(URLRouteText.format("{{x}}{}", ["a"]) == "{x}a")
    #expect(URLRouteText.format("{0}", ["a"]) == nil)
    #expect(URLRouteText.format("{}{}", ["a"]) == nil)
  }
}
