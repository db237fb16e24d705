import EBCheck
import EBCheckCore
import EBCheckSimulation
import Testing

/// DRF's class views run on the interpreter: `APIView.dispatch` with the classes the view
/// keeps as objects, `get_permissions()` overrides, generic views, viewsets through a router.
@Suite struct RestFrameworkClassViewTests {
  static func view(_ body: String, imports: String = "") -> String {
    """
    from django.urls import path
    from rest_framework import generics, permissions
    from rest_framework.permissions import AllowAny, IsAdminUser, IsAuthenticated
    from rest_framework.response import Response
    from rest_framework.views import APIView
    \(imports)

    class HealthView(APIView):
    \(body)

        def get(self, request):
            return Response({'status': 'ok'})


    urlpatterns = [path('health/', HealthView.as_view())]

    """
  }

  static func status(
    _ urls: String, settings: String? = nil, path: String = "/health/",
    files: [String: String] = [:]
  ) -> Int? {
    ViewAnswerTests.predict(
      urls, settings: settings ?? "ALLOWED_HOSTS = ['*']\n", files: files, healthPath: path)?
      .status
  }

  static let models = [
    "core/__init__.py": "",
    "core/models.py": "from django.db import models\n\n\nclass Item(models.Model):\n    pass\n",
  ]

  static let authenticated = """
    ALLOWED_HOSTS = ['*']
    REST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated']}

    """

  @Test func classListsAreObjects() {
    #expect(Self.status(Self.view("    permission_classes = [AllowAny]")) == 200)
    #expect(Self.status(Self.view("    permission_classes = [IsAuthenticated]")) == 403)
    #expect(
      Self.status(Self.view("    permission_classes = (permissions.IsAuthenticated,)")) == 403)
    #expect(Self.status(Self.view("    pass"), settings: Self.authenticated) == 403)
    #expect(
      Self.status(Self.view("    permission_classes = [AllowAny]"), settings: Self.authenticated)
        == 200)
    // A settings module importing DRF's classes is not evaluated with DRF's library: unknown,
    // with the setting named (never a guess).
    let objects = """
      from rest_framework.permissions import IsAuthenticated
      ALLOWED_HOSTS = ['*']
      REST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': (IsAuthenticated,)}

      """
    let unread = ViewAnswerTests.predict(Self.view("    pass"), settings: objects)
    #expect(unread?.status == nil)
    #expect(unread?.trace.hops.contains { $0.detail.contains("REST_FRAMEWORK") } == true)
    // Composed in the list: IsAuthenticated & IsAdminUser refuses, AllowAny | IsAdminUser lets in.
    #expect(
      Self.status(Self.view("    permission_classes = [IsAuthenticated & IsAdminUser]")) == 403)
    #expect(Self.status(Self.view("    permission_classes = [AllowAny | IsAdminUser]")) == 200)
  }

  @Test func theFirstAuthenticatorDecides401Or403() {
    let token = """
          authentication_classes = [TokenAuthentication]
          permission_classes = [IsAuthenticated]
      """
    let imports = "from rest_framework.authentication import TokenAuthentication"
    #expect(Self.status(Self.view(token, imports: imports)) == 401)
    let none = """
          authentication_classes = []
          permission_classes = [IsAuthenticated]
      """
    #expect(Self.status(Self.view(none)) == 403)
  }

  @Test func aSubclassReassignsTheClassAttribute() {
    let urls = """
      from django.urls import path
      from rest_framework.permissions import AllowAny, IsAuthenticated
      from rest_framework.response import Response
      from rest_framework.views import APIView


      class Closed(APIView):
          permission_classes = [IsAuthenticated]

          def get(self, request):
              return Response({})


      class Open(Closed):
          permission_classes = [AllowAny]


      urlpatterns = [path('health/', Open.as_view()), path('closed/', Closed.as_view())]

      """
    #expect(Self.status(urls) == 200)
    #expect(Self.status(urls, path: "/closed/") == 403)
  }

  @Test func getPermissionsOverridesRun() {
    let safe = """
          def get_permissions(self):
              if self.request.method == 'GET':
                  return [AllowAny()]
              return [IsAdminUser()]
      """
    #expect(Self.status(Self.view(safe), settings: Self.authenticated) == 200)
    let closed = """
          def get_permissions(self):
              return [IsAdminUser()]
      """
    #expect(Self.status(Self.view(closed)) == 403)
  }

  @Test func genericViewsReadTheDatabaseOrAssert() {
    let urls = """
      from django.urls import path
      from rest_framework import generics
      from rest_framework.permissions import AllowAny

      from core.models import Item


      class ItemList(generics.ListAPIView):
          permission_classes = [AllowAny]
          queryset = Item.objects.all()
          serializer_class = object


      class ItemDetail(generics.RetrieveAPIView):
          permission_classes = [AllowAny]
          queryset = Item.objects.all()
          serializer_class = object


      class ItemCreate(generics.CreateAPIView):
          permission_classes = [AllowAny]
          queryset = Item.objects.all()
          serializer_class = object


      urlpatterns = [
          path('list/', ItemList.as_view()),
          path('detail/', ItemDetail.as_view()),
          path('create/', ItemCreate.as_view()),
      ]

      """
    let list = ViewAnswerTests.predict(urls, files: Self.models, healthPath: "/list/")
    #expect(list?.status == 200)
    #expect(list?.trace.hops.contains { $0.detail.contains("database") } == true)
    // get_object() asserts the URL names `pk`: 500.
    #expect(Self.status(urls, path: "/detail/", files: Self.models) == 500)
    #expect(Self.status(urls, path: "/create/", files: Self.models) == 405)
  }

  @Test func routersRunTheViewsetsActions() {
    let urls = """
      from django.urls import include, path
      from rest_framework import routers, viewsets
      from rest_framework.decorators import action
      from rest_framework.permissions import AllowAny, IsAuthenticated
      from rest_framework.response import Response


      class StatusViewSet(viewsets.ViewSet):
          permission_classes = [IsAuthenticated]

          def list(self, request):
              return Response([])

          @action(detail=False, authentication_classes=[], permission_classes=[AllowAny])
          def ping(self, request):
              return Response({'status': 'ok'})


      router = routers.SimpleRouter(trailing_slash=False)
      router.register('status', StatusViewSet, basename='status')
      urlpatterns = [path('api/', include(router.urls))]

      """
    #expect(Self.status(urls, path: "/api/status") == 403)
    #expect(Self.status(urls, path: "/api/status/ping") == 200)
    #expect(Self.status(urls, path: "/api/status/ping/") != 200)
  }

  @Test func aLoginDecoratorInTheURLconfRunsAroundTheClass() {
    let urls = Self.view("    permission_classes = [AllowAny]").replacingOccurrences(
      "path('health/', HealthView.as_view())",
      "path('health/', login_required(HealthView.as_view()))"
    ).replacingOccurrences(
      "from django.urls import path",
      "from django.contrib.auth.decorators import login_required\nfrom django.urls import path")
    #expect(Self.status(urls) == 302)
  }
}
