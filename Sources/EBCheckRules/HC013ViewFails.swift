import EBCheckCore

/// HC013: the health view fails: a template that exists nowhere, an exception, Http404, or
/// no handler for GET.
public struct ViewFailsRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "HC013", name: "health-check-view-fails", severity: .error,
    summary:
      "The health-check view fails for the checker's GET: missing template (500), an exception, Http404 or no GET handler (405).",
    rationale: """
      A view that renders a template no template directory holds raises TemplateDoesNotExist \
      and Django answers 500 (with DEBUG off the page looks like any server error); a view \
      that raises answers 500, `Http404` answers 404, and a class-based view without `get()` \
      answers 405. The checker counts each as a failed check.
      """,
    fix: """
      Add the template where `TEMPLATES` looks (a `DIRS` folder, or an installed app's \
      `templates/` with `APP_DIRS`), make the view answer GET with 200, or answer the path \
      from a middleware placed first.
      """,
    fixable: true,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        urls: """
          from django.urls import path
          from django.views.generic import TemplateView

          urlpatterns = [path('health/', TemplateView.as_view(template_name=↓'health.html'))]

          """),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\r\n",
        urls: """
          from django.http import Http404\r
          from django.urls import path\r
          \r
          \r
          def health(request):\r
              ↓raise Http404("점검 중")\r
          \r
          \r
          urlpatterns = [path('health/', health)]\r

          """),
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings:
          "ALLOWED_HOSTS = ['*']\nTEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': ['templates']}]\n",
        urls: """
          from django.urls import path
          from django.views.generic import TemplateView

          urlpatterns = [path('health/', TemplateView.as_view(template_name='health.html'))]

          """,
        files: ["templates/health.html": "ok\n"]),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        urls: """
          from django.http import HttpResponse
          from django.urls import path
          from django.views import View


          class Health(View):  # ebcheck: ignore[HC013]
              def post(self, request):  # 헬스체크는 POST만
                  return HttpResponse("ok")


          urlpatterns = [path('health/', Health.as_view())]

          """),
    ],
    references: [
      "https://docs.djangoproject.com/en/stable/ref/settings/#templates",
      "https://docs.djangoproject.com/en/stable/topics/http/views/#the-http404-exception",
      "https://docs.djangoproject.com/en/stable/ref/class-based-views/base/#django.views.generic.base.View.http_method_not_allowed",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    let fixes = HealthMiddlewareFix(context: context)
    return eachPrediction(context) { prediction in
      guard case .viewFailed(let view, let answer) = prediction.verdict,
        let location = answer.location ?? prediction.fallbackLocation(context)
      else { return nil }
      let got = answer.status.map { "\($0)" } ?? "an error"
      let what: String
      let help: String
      switch answer {
      case .templateMissing(let name, _, _):
        what = "renders the template '\(name)', which no template directory holds"
        help = "add \(name) to a TEMPLATES DIRS folder or an installed app's templates/ folder"
      case .raises(let exception, _, _):
        what = "raises \(exception)"
        help = "answer the health check with a response, not an exception"
      case .methodNotAllowed:
        what = "has no handler for GET"
        help = "add a get() that answers 200"
      default:
        what = "fails"
        help = "answer 200 from the health view"
      }
      return diagnostic(
        "the health view \(view) \(what), so \(prediction.subject) gets \(got)",
        at: location, related: prediction.pathRelated, fix: fixes.make(for: prediction),
        help: help, trace: prediction.trace)
    }
  }
}
