import EBCheck
import EBCheckCore
import EBCheckSimulation
import Testing

/// DRF's request cycle on the interpreter: authentication classes in order (the repository's
/// `authenticate` runs), permission classes (composed with `&`, `|`, `~`), throttles, and the
/// exception handler's 401-or-403 from the first authentication class's challenge.
@Suite struct RestFrameworkCycleTests {
  static let imports = """
    from rest_framework import exceptions
    from rest_framework.authentication import BaseAuthentication, SessionAuthentication, TokenAuthentication
    from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
    from rest_framework.permissions import AllowAny, BasePermission, IsAdminUser, IsAuthenticated
    from rest_framework.response import Response
    from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle
    from django.urls import path


    class Challenging(BaseAuthentication):
        def authenticate(self, request):
            if not request.META.get('HTTP_X_KEY'):
                raise exceptions.AuthenticationFailed('no key')
            return None

        def authenticate_header(self, request):
            return 'Key'


    class Silent(BaseAuthentication):
        def authenticate(self, request):
            raise exceptions.AuthenticationFailed('no key')


    class Passing(BaseAuthentication):
        def authenticate(self, request):
            return None


    class FromChecker(BasePermission):
        def has_permission(self, request, view):
            return request.META.get('HTTP_USER_AGENT', '').startswith('ELB-HealthChecker')


    class Keyword(TokenAuthentication):
        keyword = 'Bearer'

    """

  /// The status of `health` under `decorators`, with `settings` after ALLOWED_HOSTS.
  static func status(
    _ decorators: String, settings: String = "", body: String = "return Response({})"
  )
    -> Int?
  {
    prediction(decorators, settings: settings, body: body)?.status
  }

  static func prediction(
    _ decorators: String, settings: String = "", body: String = "return Response({})"
  ) -> HealthCheckPrediction? {
    let urls =
      imports + """

        @api_view(['GET'])
        \(decorators)
        def health(request):
            \(body)


        urlpatterns = [path('health/', health)]

        """
    return ViewAnswerTests.predict(urls, settings: "ALLOWED_HOSTS = ['*']\n" + settings)
  }

  @Test func aRepositoryAuthenticationClassRunsAndItsChallengeDecides() {
    #expect(Self.status("@authentication_classes([Challenging])") == 401)
    #expect(Self.status("@authentication_classes([Silent])") == 403)
    #expect(Self.status("@authentication_classes([Passing])") == 200)
    // The first class names the challenge, whichever class raised.
    #expect(Self.status("@authentication_classes([SessionAuthentication, Challenging])") == 403)
    #expect(Self.status("@authentication_classes([Keyword, Silent])") == 401)
  }

  @Test func notAuthenticatedFollowsTheFirstAuthenticationClass() {
    #expect(
      Self.status(
        "@authentication_classes([TokenAuthentication, SessionAuthentication])\n@permission_classes([IsAuthenticated])"
      ) == 401)
    #expect(
      Self.status(
        "@authentication_classes([SessionAuthentication, TokenAuthentication])\n@permission_classes([IsAuthenticated])"
      ) == 403)
    // Without authentication classes a refusal is PermissionDenied: 403.
    #expect(
      Self.status("@authentication_classes([])\n@permission_classes([IsAuthenticated])") == 403)
    let fromSettings = """
      REST_FRAMEWORK = {
          'DEFAULT_AUTHENTICATION_CLASSES': ['rest_framework_simplejwt.authentication.JWTAuthentication'],
          'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated'],
      }

      """
    #expect(Self.status("", settings: fromSettings) == 401)
  }

  @Test func composedPermissionsRunInDRFsOrder() {
    #expect(Self.status("@permission_classes([IsAuthenticated | FromChecker])") == 200)
    #expect(Self.status("@permission_classes([IsAuthenticated & FromChecker])") == 403)
    #expect(Self.status("@permission_classes([~IsAdminUser])") == 200)
    #expect(Self.status("@permission_classes([~FromChecker | IsAdminUser])") == 403)
    #expect(Self.status("@permission_classes([AllowAny, FromChecker])") == 200)
  }

  @Test func throttlesStateTheCacheOrRaise() {
    let rated = """
      REST_FRAMEWORK = {'DEFAULT_THROTTLE_RATES': {'anon': '10/min'}}

      """
    let anon = Self.prediction("@throttle_classes([AnonRateThrottle])", settings: rated)
    #expect(anon?.status == 200)
    #expect(
      ViewAnswerTests.rules(anon).contains(
        "fewer than 10 of the checker's requests from the last minute"))
    #expect(ViewAnswerTests.rules(anon).hasSuffix("else 429"))
    // A scope the rates do not list: ImproperlyConfigured, 500.
    #expect(Self.status("@throttle_classes([UserRateThrottle])", settings: rated) == 500)
    // No rate set anywhere: DRF's default rates are None, nothing is throttled.
    let unrated = Self.prediction("@throttle_classes([AnonRateThrottle])")
    #expect(unrated?.status == 200)
    #expect(!ViewAnswerTests.rules(unrated).contains("cache"))
    // ScopedRateThrottle on a view without throttle_scope lets it through.
    #expect(Self.status("@throttle_classes([ScopedRateThrottle])", settings: rated) == 200)
    // The dummy cache keeps no request history: never throttled, no cache condition.
    let dummy = Self.prediction(
      "@throttle_classes([AnonRateThrottle])",
      settings: rated
        + "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.dummy.DummyCache'}}\n")
    #expect(dummy?.status == 200)
    #expect(!ViewAnswerTests.rules(dummy).contains("cache"))
  }

  @Test func viewExceptionsGoThroughTheSameHandler() {
    #expect(
      Self.status(
        "@authentication_classes([TokenAuthentication])",
        body: "raise exceptions.NotAuthenticated()"
      ) == 401)
    #expect(Self.status("", body: "raise exceptions.NotAuthenticated()") == 403)
    let custom = """
      REST_FRAMEWORK = {'EXCEPTION_HANDLER': 'core.handlers.handle'}

      """
    #expect(Self.status("", settings: custom, body: "raise exceptions.NotFound()") == nil)
  }
}
