import EBCheckCore
import EBCheckPython
import Testing

/// The repository's middleware run under the health checker's request (interpreter classes,
/// closures, the request/response model).
@Suite struct MiddlewareExecutionTests {
  static func run(
    _ source: String, _ path: String = "app.middleware.Health", url: String = "/health/",
    host: DjangoHostCheck = .disallowed(reason: "not allowed"), settings: [String: PyValue] = [:]
  ) -> MiddlewareRun {
    let files = SourceFiles([
      SourceFile(path: "app/__init__.py", bytes: []),
      SourceFile(path: "app/middleware.py", bytes: Array(source.utf8)),
    ])
    let executor = MiddlewareExecutor(files: files, modules: nil, env: [:], settings: settings)
    let request = DjangoRequestData.fromHop(
      method: "GET", path: url, host: nil,
      headers: [("user-agent", "ELB-HealthChecker/2.0"), ("connection", "close")],
      remoteAddress: .string("127.0.0.1"), serverPort: 80, isSecure: false, hostCheck: host)
    return executor.run(path, request: request, at: nil)
  }

  static func status(_ run: MiddlewareRun) -> Int? {
    switch run.outcome {
    case .answered(let status, _, _): return status
    case .raised(_, let status, _): return status
    default: return nil
    }
  }

  static func passes(_ run: MiddlewareRun) -> Bool {
    if case .passedOn = run.outcome { return true }
    return false
  }

  @Test func classWithUserAgentCheck() {
    let source = """
      from django.http import HttpResponse

      class Health:
          def __init__(self, get_response):
              self.get_response = get_response

          def __call__(self, request):
              if request.META.get('HTTP_USER_AGENT', '').startswith('ELB-HealthChecker'):
                  return HttpResponse('ok')
              return self.get_response(request)
      """
    let result = Self.run(source)
    #expect(Self.status(result) == 200)
    #expect(result.conditions.first?.outcome == true)
    #expect(result.conditions.first?.text.contains("HTTP_USER_AGENT") == true)
  }

  @Test func headersAreCaseInsensitive() {
    let source = """
      from django.http import JsonResponse

      class Health:
          def __init__(self, get_response):
              self.get_response = get_response

          def __call__(self, request):
              agent = request.headers.get('user-agent') or ''
              if 'ELB-HealthChecker' in agent:
                  return JsonResponse({'status': 'ok'}, status=204)
              return self.get_response(request)
      """
    #expect(Self.status(Self.run(source)) == 204)
  }

  @Test func functionFactoryClosure() {
    let source = """
      from django import http

      HEALTH = '/health'

      def Health(get_response):
          paths = {HEALTH, HEALTH + '/'}

          def middleware(request):
              if request.path in paths:
                  return http.HttpResponse(status=200)
              return get_response(request)

          return middleware
      """
    #expect(Self.status(Self.run(source)) == 200)
    #expect(Self.passes(Self.run(source, url: "/other/")))
  }

  @Test func middlewareMixinProcessRequest() {
    let source = """
      from django.utils.deprecation import MiddlewareMixin
      from django.http import HttpResponse

      class Base(MiddlewareMixin):
          answer = 'ok'

      class Health(Base):
          def __init__(self, get_response=None):
              super().__init__(get_response)

          def process_request(self, request):
              if request.path.rstrip('/') == '/health':
                  return HttpResponse(self.answer)
      """
    #expect(Self.status(Self.run(source)) == 200)
    #expect(Self.passes(Self.run(source, url: "/other")))
  }

  @Test func pathInfoFromMeta() {
    let source = """
      from django.http import HttpResponse
      class Health:
          def __init__(self, get_response):
              self.get_response = get_response
          def __call__(self, request):
              if request.META.get('PATH_INFO') == '/health/':
                  return HttpResponse()
              return self.get_response(request)
      """
    #expect(Self.status(Self.run(source)) == 200)
  }

  @Test func getHostBeforeTheAnswerRaises() {
    let source = """
      from django.http import HttpResponse
      class Health:
          def __init__(self, get_response):
              self.get_response = get_response
          def __call__(self, request):
              host = request.get_host()
              if request.path == '/health/':
                  return HttpResponse('ok ' + host)
              return self.get_response(request)
      """
    let rejected = Self.run(source)
    guard case .raised("DisallowedHost", 400, _) = rejected.outcome else {
      Issue.record("expected DisallowedHost, got \(rejected.outcome)")
      return
    }
    #expect(rejected.hostCheckedAt != nil)
    let allowed = Self.run(source, host: .allowed(host: .string("example.com")))
    #expect(Self.status(allowed) == 200)
  }

  @Test func exceptionsMapToStatuses() {
    let source = """
      from django.http import Http404
      from django.core.exceptions import PermissionDenied
      class Health:
          def __init__(self, get_response):
              self.get_response = get_response
          def __call__(self, request):
              if request.path == '/health/':
                  raise Http404('no')
              if request.path == '/denied/':
                  raise PermissionDenied
              if request.path == '/boom/':
                  raise ValueError('boom')
              return self.get_response(request)
      """
    #expect(Self.status(Self.run(source)) == 404)
    #expect(Self.status(Self.run(source, url: "/denied/")) == 403)
    #expect(Self.status(Self.run(source, url: "/boom/")) == 500)
  }

  @Test func databaseQueryIsUnknown() {
    let source = """
      from django.db import connection
      from django.http import HttpResponse
      class Health:
          def __init__(self, get_response):
              self.get_response = get_response
          def __call__(self, request):
              if request.path == '/health/':
                  with connection.cursor() as cursor:
                      cursor.execute('SELECT 1')
                      row = cursor.fetchone()
                  if row:
                      return HttpResponse('ok')
                  return HttpResponse(status=503)
              return self.get_response(request)
      """
    guard case .unknown = Self.run(source).outcome else {
      Issue.record("a database query cannot be known")
      return
    }
  }

  @Test func settingsAreRead() {
    let source = """
      from django.conf import settings
      from django.http import HttpResponse
      class Health:
          def __init__(self, get_response):
              self.get_response = get_response
          def __call__(self, request):
              if request.path == settings.HEALTH_PATH:
                  return HttpResponse()
              return self.get_response(request)
      """
    #expect(Self.status(Self.run(source, settings: ["HEALTH_PATH": .string("/health/")])) == 200)
  }

  @Test func endlessLoopStopsAsUnknown() {
    let source = """
      class Health:
          def __init__(self, get_response):
              self.get_response = get_response
          def __call__(self, request):
              n = 0
              while True:
                  n += 1
              return self.get_response(request)
      """
    guard case .unknown = Self.run(source).outcome else {
      Issue.record("an endless loop must end as unknown")
      return
    }
  }

  @Test func deepRecursionStopsAsUnknown() {
    let source = """
      def spin(n):
          return spin(n + 1)
      class Health:
          def __init__(self, get_response):
              self.get_response = get_response
          def __call__(self, request):
              if spin(0):
                  return None
              return self.get_response(request)
      """
    guard case .unknown = Self.run(source).outcome else {
      Issue.record("unbounded recursion must end as unknown")
      return
    }
  }

  @Test func missingModuleOrClassCannotLoad() {
    guard case .notLoadable = Self.run("", "app.missing.Health").outcome else {
      Issue.record("a missing module cannot load")
      return
    }
    guard case .notLoadable = Self.run("x = 1\n").outcome else {
      Issue.record("a missing class cannot load")
      return
    }
  }

  @Test func middlewareNotUsedIsDropped() {
    let source = """
      from django.core.exceptions import MiddlewareNotUsed
      class Health:
          def __init__(self, get_response):
              raise MiddlewareNotUsed
      """
    guard case .notUsed = Self.run(source).outcome else {
      Issue.record("MiddlewareNotUsed drops the middleware")
      return
    }
  }

  @Test func redirectShortcut() {
    let source = """
      from django.shortcuts import redirect
      def Health(get_response):
          def middleware(request):
              if not request.is_secure():
                  return redirect('https://example.com' + request.get_full_path(), permanent=True)
              return get_response(request)
          return middleware
      """
    #expect(Self.status(Self.run(source)) == 301)
  }
}

extension MiddlewareExecutionTests {
  @Test func processViewRunsOnRequest() {
    let source = """
      from django.http import HttpResponseForbidden
      from django.utils.deprecation import MiddlewareMixin

      class Health(MiddlewareMixin):
          def process_view(self, request, view_func, view_args, view_kwargs):
              if request.path.startswith('/health'):
                  return HttpResponseForbidden()
              return None
      """
    let files = SourceFiles([
      SourceFile(path: "app/__init__.py", bytes: []),
      SourceFile(path: "app/middleware.py", bytes: Array(source.utf8)),
    ])
    let executor = MiddlewareExecutor(files: files, modules: nil, env: [:], settings: [:])
    let request = DjangoRequestData.fromHop(
      method: "GET", path: "/health/", host: "example.com", headers: [],
      remoteAddress: .string("127.0.0.1"), serverPort: 80, isSecure: false,
      hostCheck: .allowed(host: .string("example.com")))
    let called = executor.run("app.middleware.Health", request: request, at: nil)
    #expect(Self.passes(called))
    #expect(called.hasProcessView)
    let viewed = executor.run(
      "app.middleware.Health", request: request, at: nil, processView: true)
    #expect(Self.status(viewed) == 403)
  }
}
