import EBCheckCore

extension ViewExecutor {
  /// The view value the URLconf routes to, built the way Django builds it: the module's
  /// function, the URLconf's expression evaluated, a library class's `as_view()`, a DRF
  /// router's `as_view(actions)`. `.failure` names why it could not be found; nil for a
  /// handler read from a class body (`.method`), which has no view function.
  func viewValue(
    _ target: ViewTarget, in state: ModuleState, module: String, at entry: Location,
    _ interpreter: inout PyInterpreter
  ) -> Result<RValue, ViewBuildFailure>? {
    switch target {
    case .function(let name):
      guard let function = state.globals[name]?.value else {
        return .failure(ViewBuildFailure("module '\(module)' has no attribute '\(name)'"))
      }
      return .success(function)
    case .expression(let expression):
      return .success(interpreter.evaluate(expression, Frame(module: state), statement: entry))
    case .viewSet(let className, let actions, let initkwargs, _):
      return .success(
        RestFrameworkViews.routedView(
          className, actions: actions, initkwargs: initkwargs, in: state, at: entry,
          &interpreter))
    case .library(let qualified):
      guard let type = DjangoLibrary.libraryClass(qualified) else {
        return .failure(ViewBuildFailure("\(qualified) is not modelled"))
      }
      return .success(
        DjangoClassViews.asView(Arguments.passing([.classObject(type)]), at: entry, &interpreter))
    case .method:
      return nil
    }
  }
}

/// Why the view a target names could not be built.
struct ViewBuildFailure: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}
