import EBCheck
import EBCheckCore
import EBCheckSimulation
import Testing

/// Routes a router makes for a viewset's `@action` methods, and Wagtail's page server as a
/// package catch-all.
@Suite struct RouterActionTests {
  static func urls(_ action: String, permissions: String = "[IsAuthenticated]") -> String {
    """
    from django.urls import include, path
    from rest_framework import routers, viewsets
    from rest_framework.decorators import action
    from rest_framework.permissions import AllowAny, IsAuthenticated
    from rest_framework.response import Response


    class StatusViewSet(viewsets.ViewSet):
        permission_classes = \(permissions)

        def retrieve(self, request, pk=None):
            return Response({})

        \(action)
        def health(self, request, pk=None):
            return Response({'status': 'ok'})


    router = routers.SimpleRouter()
    router.register('status', StatusViewSet, basename='status')
    urlpatterns = [path('api/', include(router.urls))]

    """
  }

  static func status(_ urls: String, _ path: String) -> Int? {
    ViewAnswerTests.predict(urls, healthPath: path)?.status
  }

  @Test func listActionsComeBeforeTheDetailRoute() {
    let open = Self.urls("@action(detail=False, permission_classes=[AllowAny])")
    #expect(Self.status(open, "/api/status/health/") == 200)
    let closed = Self.urls("@action(detail=False)")
    #expect(Self.status(closed, "/api/status/health/") == 403)
    let renamed = Self.urls("@action(detail=False, url_path='ping')", permissions: "[AllowAny]")
    #expect(Self.status(renamed, "/api/status/ping/") == 200)
    let posted = Self.urls("@action(detail=False, methods=['post'])", permissions: "[AllowAny]")
    #expect(Self.status(posted, "/api/status/health/") == 405)
    let detail = Self.urls("@action(detail=True)", permissions: "[AllowAny]")
    #expect(Self.status(detail, "/api/status/7/health/") == 200)
  }

  @Test func wagtailServesPagesFromTheDatabase() {
    let urls = """
      from django.urls import include, path
      from wagtail import urls as wagtail_urls

      urlpatterns = [path('', include(wagtail_urls))]

      """
    let root = ViewAnswerTests.predict(urls, healthPath: "/")
    #expect(root?.status == 200)
    #expect(ViewAnswerTests.rules(root).contains("live page at this path, else 404"))
    #expect(ViewAnswerTests.predict(urls, healthPath: "/about/team/")?.status == 200)
    // A path without its slash: CommonMiddleware redirects to the page server's path.
    #expect(ViewAnswerTests.predict(urls, healthPath: "/health")?.status == 301)
    // A path the page server's pattern does not take: no route, 404.
    #expect(ViewAnswerTests.predict(urls, healthPath: "/a//b/")?.status == 404)
  }
}
