import EBCheckCore

extension ViewExecutor {
  /// `getattr(view_func, name)` of the view function the URLconf routes, as a middleware's
  /// `process_view` reads it (LoginRequiredMiddleware's `login_required`): the view built by
  /// running the code (the decorators applied, `as_view()` copying `dispatch`'s marks). Nil
  /// when the view has no such attribute; `.unknown` when the view cannot be built.
  package func viewAttribute(
    _ name: String, module: String, target: ViewTarget, at entry: Location
  ) -> PyValue? {
    let evaluator = SettingsEvaluator(
      files: files, env: env, unsetVariablesTakeDefaults: true, modules: modules)
    evaluator.libraryPackages = DjangoViewLibrary.packages
    guard let state = evaluator.load(module: module, preferredPrefix: nil), state.failure == nil
    else { return .unknown("importing \(module) fails") }
    var interpreter = PyInterpreter(evaluator: evaluator, module: state)
    interpreter.statementBudget = Self.statementBudget
    interpreter.djangoSettings = settings
    interpreter.djangoURLNames = urlNames
    interpreter.djangoRestFramework = restFramework
    let view: RValue
    switch viewValue(target, in: state, module: module, at: entry, &interpreter) {
    case .success(let built)?: view = built
    case .failure(let failure)?: return .unknown(failure.reason)
    case nil: return .unknown("a handler read from its class body")
    }
    if interpreter.pendingRaise != nil || interpreter.statementBudget < 0 {
      return .unknown("building the view fails")
    }
    if case .data(.unknown(let reason)) = view { return .unknown(reason) }
    switch view {
    case .native(let object):
      return object.attribute(name, at: entry, &interpreter)?.pyValue
    case .function, .closure, .lambda:
      // A plain function: only an assignment to it (never read here) would set a mark.
      return nil
    default:
      return .unknown("the view is not a function ebcheck can read")
    }
  }
}
