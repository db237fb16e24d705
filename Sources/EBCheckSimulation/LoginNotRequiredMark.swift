import EBCheckCore
import EBCheckModel

extension DjangoSimulation {
  /// Whether LoginRequiredMiddleware lets the view through: `process_view` reads
  /// `getattr(view_func, "login_required", True)` of the view function the URLconf routes,
  /// built by running the code (`@login_not_required`, `method_decorator(…, name="dispatch")`
  /// copied by `as_view()`; a class attribute set by `@login_not_required` on the class is not
  /// copied, so such a class is still redirected). Views read from a class body (DRF's) keep
  /// the model's reading.
  package static func isLoginNotRequired(_ view: ResolvedView) -> Bool {
    guard let code = view.code, code.target.buildsViewFunction else {
      return view.loginNotRequired
    }
    switch code.viewAttribute("login_required") {
    case nil: return false
    case .unknown?: return view.loginNotRequired
    case let mark?: return mark.truthiness == false
    }
  }

  /// The trace's words for a view LoginRequiredMiddleware redirects.
  package static func loginMarkDetail(_ view: ResolvedView) -> String {
    guard let code = view.code, code.target.buildsViewFunction else {
      return "\(view.name) is not @login_not_required"
    }
    return "\(view.name): the view function has no login_required = False (not @login_not_required)"
  }
}
