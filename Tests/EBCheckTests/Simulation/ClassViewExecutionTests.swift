import EBCheck
import EBCheckCore
import EBCheckRules
import EBCheckSimulation
import Testing

/// Class-based views run on the interpreter: Django's generic views and access mixins as
/// library classes in Python's resolution order, `as_view()`, `setup()` and `dispatch()`.
@Suite struct ClassViewExecutionTests {
  static func status(_ views: String, route: String = "views.Health.as_view()") -> Int? {
    let urls = """
      from django.urls import path
      from core import views

      urlpatterns = [path('health/', \(route))]

      """
    return ViewAnswerTests.predict(
      urls, files: ["core/__init__.py": "", "core/views.py": views]
    )?.status
  }

  @Test func resolutionOrderIsC3() {
    // A mixin listed after View never runs: View.dispatch comes first.
    let after = Self.status(
      """
      from django.http import HttpResponse, HttpResponseRedirect
      from django.views import View

      class Guard:
          def dispatch(self, request, *args, **kwargs):
              return HttpResponseRedirect('/login/')

      class Health(View, Guard):
          def get(self, request):
              return HttpResponse('ok')
      """)
    #expect(after == 200)
    let before = Self.status(
      """
      from django.http import HttpResponse, HttpResponseRedirect
      from django.views import View

      class Guard:
          def dispatch(self, request, *args, **kwargs):
              return HttpResponseRedirect('/login/')

      class Health(Guard, View):
          def get(self, request):
              return HttpResponse('ok')
      """)
    #expect(before == 302)
  }

  @Test func asViewChecksItsKeywords() {
    let view = """
      from django.http import HttpResponse
      from django.views import View

      class Health(View):
          greeting = 'ok'
          def get(self, request):
              return HttpResponse(self.greeting)
      """
    #expect(Self.status(view, route: "views.Health.as_view(greeting='hi')") == 200)
    #expect(Self.status(view, route: "views.Health.as_view(colour='red')") == 500)
    #expect(Self.status(view, route: "views.Health.as_view(get=None)") == 500)
  }

  @Test func methodNamesAndHandlers() {
    let postOnly = Self.status(
      """
      from django.http import HttpResponse
      from django.views import View

      class Health(View):
          http_method_names = ['post']
          def get(self, request):
              return HttpResponse('ok')
      """)
    #expect(postOnly == 405)
    let helpers = Self.status(
      """
      from django.http import HttpResponse
      from django.views import View

      class Health(View):
          @staticmethod
          def code():
              return 204
          @classmethod
          def name(cls):
              return cls.__name__
          def get(self, request, *args, **kwargs):
              kwargs['seen'] = True
              return HttpResponse(self.name(), status=self.code() if kwargs['seen'] else 500)
      """)
    #expect(helpers == 204)
  }

  @Test func genericViews() {
    let detail = Self.status(
      """
      from django.db import models
      from django.views.generic import DetailView

      class Note(models.Model):
          pass

      class Health(DetailView):
          model = Note
      """)
    #expect(detail == 500)  // AttributeError: no pk or slug in the URL
    let redirect = Self.status(
      """
      from django.views.generic import RedirectView

      class Health(RedirectView):
          permanent = True
          def get_redirect_url(self, *args, **kwargs):
              return '/status/'
      """)
    #expect(redirect == 301)
    let gone = Self.status(
      """
      from django.views.generic import RedirectView

      class Health(RedirectView):
          pass
      """)
    #expect(gone == 410)
    let noFields = Self.status(
      """
      from django.db import models
      from django.views.generic import CreateView

      class Note(models.Model):
          pass

      class Health(CreateView):
          model = Note
          template_name = 'x.html'
      """)
    #expect(noFields == 500)  // ImproperlyConfigured: ModelFormMixin without 'fields'
  }

  @Test func accessMixins() {
    let passes = Self.status(
      """
      from django.contrib.auth.mixins import UserPassesTestMixin
      from django.http import HttpResponse
      from django.views import View

      class Health(UserPassesTestMixin, View):
          def test_func(self):
              return self.request.method == 'GET'
          def get(self, request):
              return HttpResponse('ok')
      """)
    #expect(passes == 200)
    let raises = Self.status(
      """
      from django.contrib.auth.mixins import LoginRequiredMixin
      from django.http import HttpResponse
      from django.views import View

      class Health(LoginRequiredMixin, View):
          raise_exception = True
          def get(self, request):
              return HttpResponse('ok')
      """)
    #expect(raises == 403)
    let listed = Self.status(
      """
      from django.contrib.auth.decorators import login_required
      from django.http import HttpResponse
      from django.utils.decorators import method_decorator
      from django.views import View
      from django.views.decorators.cache import never_cache

      @method_decorator([never_cache, login_required], name='dispatch')
      class Health(View):
          def get(self, request):
              return HttpResponse('ok')
      """)
    #expect(listed == 302)
  }

  @Test func anUnmodelledBaseIsUnknown() {
    let unknown = Self.status(
      """
      from braces.views import CsrfExemptMixin
      from django.views.generic import TemplateView

      class Health(CsrfExemptMixin, TemplateView):
          template_name = 'health.html'
      """)
    #expect(unknown == nil)
  }
}
