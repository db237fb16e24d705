import EBCheckCore

/// HC012: the health view itself redirects (301/302).
public struct ViewRedirectRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC012", name: "health-check-view-redirect", severity: .error,
    summary: "The health-check view answers with a redirect, which the checker does not follow.",
    rationale: """
      `redirect()`, `HttpResponseRedirect`, `HttpResponsePermanentRedirect` and \
      `RedirectView` answer 302 or 301. The load balancer's checker never follows a redirect, \
      so a matcher of 200 counts every check as failed, although a browser shows the page fine.
      """,
    fix: """
      Point HealthCheckPath at the page the view redirects to, make the view answer 200 itself, \
      or answer the path from a middleware placed first.
      """,
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        urls: """
          from django.urls import path
          from django.views.generic import RedirectView

          urlpatterns = [path('health/', RedirectView.as_view(url=↓'/status/'))]

          """),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\r\n",
        urls: """
          from django.shortcuts import redirect\r
          from django.urls import path\r
          \r
          \r
          def health(request):\r
              # 상태 페이지로 이동\r
              return ↓redirect('/status/')\r
          \r
          \r
          urlpatterns = [path('health/', health)]\r

          """),
    ],
    nonTriggering: [
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        urls: """
          from django.http import HttpResponsePermanentRedirect
          from django.urls import path


          def health(request):
              return HttpResponsePermanentRedirect('/status/')  # ebcheck: ignore[HC012] — 이전 주소


          urlpatterns = [path('health/', health)]

          """),
    ],
    references: [
      "https://docs.djangoproject.com/en/stable/ref/class-based-views/base/#redirectview",
      "https://docs.djangoproject.com/en/stable/topics/http/shortcuts/#redirect",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    let fixes = HealthMiddlewareFix(context: context)
    return eachPrediction(context) { prediction in
      guard case .viewRedirect(let view, let status, let target, let at) = prediction.verdict,
        let location = at ?? prediction.fallbackLocation(context)
      else { return nil }
      let destination = target.map { " to \($0)" } ?? ""
      return diagnostic(
        "the health view \(view) redirects \(prediction.subject)\(destination) (\(status)); the checker does not follow redirects",
        at: location, related: prediction.pathRelated, fix: fixes.make(for: prediction),
        help: "answer 200 from the health view, or check the page it redirects to",
        trace: prediction.trace)
    }
  }
}
