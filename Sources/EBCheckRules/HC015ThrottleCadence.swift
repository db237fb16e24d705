import EBCheckCore
import EBCheckPython
import EBCheckSimulation

/// HC015: a DRF rate throttle on the health view that the checker's own requests use up.
public struct ThrottleCadenceRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC015", name: "health-check-throttled-by-cadence", severity: .error,
    summary:
      "A DRF rate throttle on the health view allows fewer requests per window than the load balancer's checks send: after a while every check gets 429.",
    rationale: """
      Each load balancer node checks each instance once per health-check interval (15 s by \
      default on an application load balancer, which has a node in each of at least two \
      Availability Zones). DRF's `AnonRateThrottle` and `UserRateThrottle` keep the request \
      history per client address in the default cache and count only the requests they \
      allowed: behind the platform's nginx the address is the node's own (X-Forwarded-For), \
      so each node gets the rate's count per window. A rate of 100/day lets each node's \
      checks through for 100 × 15 s = 25 minutes; then the view answers 429 until the \
      window moves past the first allowed check, and the instance turns unhealthy. \
      The local-memory cache keeps one history per worker process (the same happens, up to \
      that many times later); the dummy cache keeps none (never throttled).
      """,
    fix: """
      Exempt the health view from throttling (`throttle_classes = []` or \
      `@throttle_classes([])`), answer the health path from a middleware placed first, or \
      raise the rate above one request per interval per node.
      """,
    fixable: false,
    triggering: [
      ExampleRepo.django(
        settings: """
          ALLOWED_HOSTS = ['*']
          REST_FRAMEWORK = {
              'DEFAULT_THROTTLE_RATES': {'anon': ↓'100/day'},
          }

          """,
        urls: Self.throttledURLs),
      ExampleRepo.django(
        settings:
          "ALLOWED_HOSTS = ['*']\r\nREST_FRAMEWORK = {\r\n    # 헬스체크 제한\r\n    'DEFAULT_THROTTLE_RATES': {'anon': ↓'60/hour'},\r\n}\r\n",
        urls: Self.throttledURLs.split(separator: "\n", omittingEmptySubsequences: false).joined(
          separator: "\r\n")),
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: """
          ALLOWED_HOSTS = ['*']
          REST_FRAMEWORK = {'DEFAULT_THROTTLE_RATES': {'anon': '10/minute'}}

          """,
        urls: Self.throttledURLs),
      ExampleRepo.django(
        settings: """
          ALLOWED_HOSTS = ['*']
          CACHES = {'default': {'BACKEND': 'django.core.cache.backends.dummy.DummyCache'}}
          REST_FRAMEWORK = {'DEFAULT_THROTTLE_RATES': {'anon': '100/day'}}

          """,
        urls: Self.throttledURLs),
      ExampleRepo.django(
        settings: """
          ALLOWED_HOSTS = ['*']
          REST_FRAMEWORK = {
              'DEFAULT_THROTTLE_RATES': {'anon': '100/day'},  # ebcheck: ignore[HC015] 점검용
          }

          """,
        urls: Self.throttledURLs),
    ],
    references: [
      "https://www.django-rest-framework.org/api-guide/throttling/",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetSubnets.html",
    ])

  static let throttledURLs = """
    from django.urls import path
    from rest_framework.decorators import api_view, throttle_classes
    from rest_framework.response import Response
    from rest_framework.throttling import AnonRateThrottle


    @api_view(['GET'])
    @throttle_classes([AnonRateThrottle])
    def health(request):
        return Response({'status': 'ok'})


    urlpatterns = [path('health/', health)]

    """

  public func check(_ context: LintContext) -> [Diagnostic] {
    eachPrediction(context) { prediction in
      guard prediction.status.map({ (200..<400).contains($0) }) == true,
        let interval = prediction.check?.interval, interval.value > 0
      else { return nil }
      let cadence = CheckerCadence(loadBalancer: prediction.loadBalancer, interval: interval)
      for throttle in prediction.throttles {
        guard let location = throttle.location, let finding = cadence.exhaustion(of: throttle)
        else { continue }
        var related = prediction.pathRelated
        if let at = interval.location {
          related.append(RelatedLocation(at, "HealthCheckInterval \(interval.value) s set here"))
        }
        return diagnostic(
          "\(throttle.rate) (\(throttle.className)): \(finding); then \(prediction.subject) gets 429 until the window moves",
          at: location, related: related,
          help:
            "exempt the health view from throttling (`throttle_classes = []`), or allow more than one request per \(interval.value) s from each node",
          trace: prediction.trace)
      }
      return nil
    }
  }
}
