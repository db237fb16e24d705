import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckPython
import EBCheckRules
import Testing

/// HC015: a DRF throttle's rate against the checker's cadence (one request per interval from
/// each load balancer node), with the numbers stated at the rate.
@Suite struct ThrottleCadenceTests {
  static let settingsHead = """
    SECRET_KEY = 'x'
    DEBUG = False
    ROOT_URLCONF = 'mysite.urls'
    ALLOWED_HOSTS = ['*']

    """

  static func repository(settings: String, views: String, extraConfig: String = "")
    -> [String: String]
  {
    [
      "mysite/__init__.py": "",
      "mysite/settings.py": settingsHead + settings,
      "mysite/urls.py": """
      from django.urls import path
      from mysite.views import health

      urlpatterns = [path('health/', health)]

      """,
      "mysite/views.py": views,
      "mysite/wsgi.py":
        "import os\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\napplication = get_wsgi_application()\n",
      ".ebextensions/django.config": """
      option_settings:
        aws:elasticbeanstalk:container:python:
          WSGIPath: mysite.wsgi:application
        aws:elasticbeanstalk:environment:process:default:
          HealthCheckPath: /health/
      \(extraConfig)
      """,
    ]
  }

  static let anonView = """
    from rest_framework.decorators import api_view, throttle_classes
    from rest_framework.response import Response
    from rest_framework.throttling import AnonRateThrottle


    @api_view(['GET'])
    @throttle_classes([AnonRateThrottle])
    def health(request):
        return Response({'ok': True})

    """

  static func findings(_ contents: [String: String]) -> [Diagnostic] {
    let files = SourceFiles(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return Linter.lint(files).diagnostics.filter { $0.rule == "HC015" }
  }

  @Test func aDailyRateIsUsedUpPerNodeAtTheRateLine() throws {
    let found = Self.findings(
      Self.repository(
        settings: "REST_FRAMEWORK = {'DEFAULT_THROTTLE_RATES': {'anon': '100/day'}}\n",
        views: Self.anonView))
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(finding.location.file == "mysite/settings.py")
    #expect(finding.message.hasPrefix("100/day (AnonRateThrottle): "))
    #expect(finding.message.contains("one request every 15 s"))
    #expect(finding.message.contains("at least 2"))
    #expect(finding.message.contains("each node's 100 are used up after about 25 minutes"))
    #expect(finding.message.contains("per worker process"))
    #expect(finding.message.contains("429 until the window moves"))
  }

  @Test func numProxiesZeroSharesOneHistoryBetweenTheNodes() throws {
    let found = Self.findings(
      Self.repository(
        settings:
          "REST_FRAMEWORK = {'NUM_PROXIES': 0, 'DEFAULT_THROTTLE_RATES': {'anon': '100/day'}}\n",
        views: Self.anonView))
    let finding = try #require(found.first)
    #expect(finding.message.contains("loopback address"))
    #expect(finding.message.contains("after about 13 minutes"))  // 100 × 15 s / 2 nodes
  }

  @Test func theIntervalOptionChangesTheNumbers() throws {
    let found = Self.findings(
      Self.repository(
        settings: "REST_FRAMEWORK = {'DEFAULT_THROTTLE_RATES': {'anon': '100/day'}}\n",
        views: Self.anonView, extraConfig: "    HealthCheckInterval: 60\n"))
    let finding = try #require(found.first)
    #expect(finding.message.contains("one request every 60 s"))
    #expect(finding.message.contains("after about 100 minutes"))
    #expect(finding.related.contains { $0.label.contains("HealthCheckInterval 60 s") })
  }

  @Test func aClassRateIsReportedWhereTheClassBindsIt() throws {
    let views = """
      from rest_framework.decorators import api_view, throttle_classes
      from rest_framework.response import Response
      from rest_framework.throttling import AnonRateThrottle


      class HealthThrottle(AnonRateThrottle):
          rate = '3/minute'


      @api_view(['GET'])
      @throttle_classes([HealthThrottle])
      def health(request):
          return Response({'ok': True})

      """
    let found = Self.findings(Self.repository(settings: "", views: views))
    let finding = try #require(found.first)
    #expect(finding.location.file == "mysite/views.py")
    #expect(finding.message.hasPrefix("3/minute (HealthThrottle): "))
    #expect(finding.message.contains("after about 45 seconds"))
  }

  @Test func ratesAboveTheCadenceAndTheDummyCacheAreSilent() {
    #expect(
      Self.findings(
        Self.repository(
          settings: "REST_FRAMEWORK = {'DEFAULT_THROTTLE_RATES': {'anon': '4/minute'}}\n",
          views: Self.anonView)
      ).isEmpty)
    #expect(
      Self.findings(
        Self.repository(
          settings: """
            CACHES = {'default': {'BACKEND': 'django.core.cache.backends.dummy.DummyCache'}}
            REST_FRAMEWORK = {'DEFAULT_THROTTLE_RATES': {'anon': '100/day'}}

            """,
          views: Self.anonView)
      ).isEmpty)
  }

  @Test func parseAndDurationFollowDRF() {
    #expect(ThrottleNote.parse("100/day")! == (100, 86400))
    #expect(ThrottleNote.parse("5/m")! == (5, 60))
    #expect(ThrottleNote.parse("x/day") == nil)
    #expect(ThrottleNote.parse("5/week") == nil)
    #expect(CheckerCadence.duration(45) == "45 seconds")
    #expect(CheckerCadence.duration(750) == "13 minutes")
    #expect(CheckerCadence.duration(7200) == "2 hours")
  }
}
