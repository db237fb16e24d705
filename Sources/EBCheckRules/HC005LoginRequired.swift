import EBCheckCore

/// HC005: the health view redirects to login (302).
public struct LoginRequiredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC005", name: "health-check-login-required", severity: .error,
    summary: "The health-check view requires login, so Django answers 302 to the login page.",
    rationale: """
      The checker is never logged in. `@login_required`, `LoginRequiredMixin` or Django 5.1's \
      `LoginRequiredMiddleware` redirect it to LOGIN_URL with a 302, which fails a matcher of 200.
      """,
    fix: """
      Mark the view `@login_not_required` (Django 5.1+), drop the login guard from the health \
      view, or answer the path from a middleware placed first.
      """,
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        urls: """
          from django.contrib.auth.decorators import login_required
          from django.http import HttpResponse
          from django.urls import path


          @login_required
          def health(request):
              return HttpResponse("ok")


          urlpatterns = [path('health/', health)]

          """),
      ExampleRepo.django(
        settings: """
          ALLOWED_HOSTS = ['*']
          REST_FRAMEWORK = {
              'DEFAULT_PERMISSION_CLASSES': ↓['rest_framework.permissions.IsAuthenticated'],
          }

          """,
        urls: """
          from django.urls import path
          from rest_framework.decorators import api_view
          from rest_framework.response import Response


          @api_view(['GET'])
          def health(request):
              return Response({'status': 'ok'})


          urlpatterns = [path('health/', health)]

          """),
    ],
    nonTriggering: [
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\r\n"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        urls: """
          from django.contrib.auth.decorators import login_required
          from django.http import HttpResponse
          from django.urls import path


          @login_required  # ebcheck: ignore[HC005] — 헬스체크
          def health(request):
              return HttpResponse("ok")


          urlpatterns = [path('health/', health)]

          """),
    ],
    references: [
      "https://docs.djangoproject.com/en/stable/ref/middleware/#django.contrib.auth.middleware.LoginRequiredMiddleware",
      "https://docs.djangoproject.com/en/stable/topics/auth/default/#the-login-required-decorator",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    let fixes = HealthMiddlewareFix(context: context)
    return eachPrediction(context) { prediction in
      if case .viewRefused(let view, let status, let reason, let at) = prediction.verdict,
        let location = at ?? prediction.fallbackLocation(context)
      {
        return diagnostic(
          "the health view \(view) needs authentication: \(reason), so \(prediction.subject) gets \(status)",
          at: location, related: prediction.pathRelated, fix: fixes.make(for: prediction),
          help:
            "give the health view permission_classes = [AllowAny], or answer the path from a middleware placed first",
          trace: prediction.trace)
      }
      guard case .loginRedirect(let view, let guardedAt) = prediction.verdict,
        let location = guardedAt ?? prediction.fallbackLocation(context)
      else { return nil }
      return diagnostic(
        "the health view \(view) requires login: Django answers 302 to \(prediction.subject)",
        at: location, related: prediction.pathRelated, fix: fixes.make(for: prediction),
        help:
          "use @login_not_required (Django 5.1+) on the view, or answer the path from a middleware placed first",
        trace: prediction.trace)
    }
  }
}
