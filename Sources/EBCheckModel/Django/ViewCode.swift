import EBCheckCore
import EBCheckPython

/// Runs the repository's views (one executor per app: its files, environment and settings);
/// equal by identity, since the model compares apps by value.
package final class ViewExecutorHandle: @unchecked Sendable, Hashable {
  /// Set while the model is built (the URL names come after the URLconf that holds the
  /// views); only read afterwards.
  package var executor: ViewExecutor

  package init(_ executor: ViewExecutor) {
    self.executor = executor
  }

  package static func == (a: ViewExecutorHandle, b: ViewExecutorHandle) -> Bool { a === b }

  package func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// The repository code that answers a view: run by the simulation on the interpreter with
/// the request Django built for the health check, its result read as a `ViewAnswer`.
package struct ViewCode: Sendable, Hashable {
  package var executor: ViewExecutorHandle
  /// The dotted views module.
  package var module: String
  package var target: ViewTarget
  /// DRF's handler turns the view's exceptions into responses.
  package var restFramework: Bool
  /// Where the code starts (the `def`).
  package var location: Location
  package var templates: TemplateLocator

  /// Equal by the code it runs (the templates come with the executor's app).
  package static func == (a: ViewCode, b: ViewCode) -> Bool {
    a.executor == b.executor && a.module == b.module && a.target == b.target
      && a.restFramework == b.restFramework && a.location == b.location
  }

  package func hash(into hasher: inout Hasher) {
    hasher.combine(module)
    hasher.combine(target)
    hasher.combine(location)
  }

  /// Runs the view for `request`: its answer, and the run (decisive lines, host check).
  package func answer(for request: DjangoRequestData) -> (ViewAnswer, ViewRun) {
    let run = executor.executor.run(
      module: module, target: target, request: request, restFramework: restFramework,
      at: location)
    var answer = Self.answer(run.outcome, templates: templates, at: location)
    if let condition = run.services.first, case .status(let status, let at) = answer {
      let otherwise = run.whenServicesFail.flatMap {
        Self.answer($0, templates: templates, at: location).status
      }
      answer = .conditional(status: status, condition: condition, otherwise: otherwise, at: at)
    }
    return (answer, run)
  }

  package static func answer(
    _ outcome: ViewRun.Outcome, templates: TemplateLocator, at location: Location
  ) -> ViewAnswer {
    switch outcome {
    case .response(let status, let className, let at, let redirectTo, let template, let guarded):
      switch guarded {
      case .login?: return .loginRedirect(to: redirectTo ?? "LOGIN_URL", at: at)
      case .methods(let allowed)?: return .methodNotAllowed(allowed: allowed, at: at)
      case .denied(let reason)?: return .denied(status: status, reason: reason, at: at)
      case nil: break
      }
      if let template { return templates.rendering(template, status: status, at: at) }
      if redirectTo != nil || className.contains("Redirect") {
        return .redirect(status: status, to: redirectTo, at: at)
      }
      return .status(status, at: at)
    case .raised(let kind, let status?, let at):
      return .raises(exception: kind, status: status, at: at)
    case .raised(let kind, nil, let at):
      return .unknown(
        Unverifiable("the view raises \(kind), whose answer ebcheck cannot tell", at: at))
    case .returnedNone(let at):
      return .raises(
        exception: "ValueError (the view returned None instead of a response)", status: 500,
        at: at)
    case .unknown(let reason, let at):
      return .unknown(Unverifiable(reason, at: at ?? location))
    }
  }
}

extension TemplateLocator {
  /// The answer of a view that renders `name` with `status`, looked up as Django's loaders do.
  package func rendering(_ name: String, status: Int, at location: Location?) -> ViewAnswer {
    switch find(name) {
    case .found: return .status(status, at: location)
    case .missing(let searched): return .templateMissing(name, searched: searched, at: location)
    case .unknown(let why): return .unknown(why)
    }
  }
}

extension ViewCode {
  /// `getattr(view_func, name)` of the view function the code builds (nil: no such
  /// attribute; `.unknown` when the view cannot be built).
  package func viewAttribute(_ name: String) -> PyValue? {
    executor.executor.viewAttribute(name, module: module, target: target, at: location)
  }
}
