import EBCheckCore

/// What one `MIDDLEWARE` entry of the repository did with the request, found by running it.
package struct MiddlewareRun: Sendable, Hashable {
  package enum Outcome: Sendable, Hashable {
    /// It called `get_response(request)`: the rest of the chain answers.
    case passedOn
    /// It returned its own response.
    case answered(status: Int, at: Location, redirectTo: String?)
    /// It raised; Django answers `status` (nil when the exception is not known).
    case raised(kind: String, status: Int?, at: Location)
    /// `__init__` raised `MiddlewareNotUsed`: Django drops the middleware.
    case notUsed(at: Location)
    /// The answer depends on what ebcheck cannot know (a database query, a value).
    case unknown(reason: String, at: Location?)
    /// The entry cannot be loaded: Django fails at start-up (the worker never serves).
    case notLoadable(reason: String, at: Location?)
  }

  package var outcome: Outcome
  /// Conditions decided on the way, in order (the decisive lines).
  package var conditions: [ConditionNote] = []
  /// Where `get_host()` was called, when it was.
  package var hostCheckedAt: Location?
  /// Whether the entry has `process_view` (run later, before the view).
  package var hasProcessView = false
  /// Whether the response it passed on went through LocaleMiddleware's `process_response`
  /// (a subclass of it calling `super()`): the locale redirect applies.
  package var appliesLocale = false
}

/// Runs the repository's middleware under a request: the class (or factory) is built with a
/// `get_response` that stands for the rest of the chain, then called with the request.
/// Bounded: each run has its own step budget; past it the answer is unknown.
package struct MiddlewareExecutor {
  package let files: SourceFiles
  package let modules: PythonModules?
  package let env: [String: String]
  package let settings: [String: PyValue]
  /// `reverse()`'s answers: URL name → path (from the URLconf's evaluation).
  package var urlNames: [String: String] = [:]
  package static let statementBudget = 20_000

  package init(
    files: SourceFiles, modules: PythonModules?, env: [String: String], settings: [String: PyValue]
  ) {
    self.files = files
    self.modules = modules
    self.env = env
    self.settings = settings
  }

  /// Django imports a middleware's module once its settings are configured: module-level
  /// code reads them through `django.conf.settings`.
  package func makeEvaluator() -> SettingsEvaluator {
    let evaluator = SettingsEvaluator(
      files: files, env: env, unsetVariablesTakeDefaults: true, modules: modules)
    evaluator.djangoSettings = settings
    return evaluator
  }

  /// Runs `__call__` (`processView` false) or, once the URL resolved to a view,
  /// `process_view(request, view_func, view_args, view_kwargs)`; `viewName` is the view
  /// function's `__name__` (a class view's as_view() takes the class's).
  package func run(
    _ path: String, request: DjangoRequestData, at entry: Location?, processView: Bool = false,
    viewName: String? = nil
  ) -> MiddlewareRun {
    guard let dot = path.lastIndex(of: ".") else {
      return MiddlewareRun(
        outcome: .notLoadable(reason: "'\(path)' is not a dotted path", at: entry))
    }
    let moduleName = String(path[..<dot])
    let name = String(path[path.index(after: dot)...])
    let evaluator = makeEvaluator()
    guard let state = evaluator.load(module: moduleName, preferredPrefix: nil) else {
      return MiddlewareRun(
        outcome: .notLoadable(reason: "no module named '\(moduleName)'", at: entry))
    }
    if let failure = state.failure {
      if failure.message.hasPrefix("evaluation stopped") {
        return MiddlewareRun(outcome: .unknown(reason: failure.message, at: failure.location))
      }
      return MiddlewareRun(
        outcome: .notLoadable(
          reason: "importing \(moduleName) fails (\(failure.message))", at: failure.location))
    }
    guard let factory = state.globals[name]?.value else {
      return MiddlewareRun(
        outcome: .notLoadable(
          reason: "module '\(moduleName)' has no attribute '\(name)'", at: entry))
    }
    var interpreter = PyInterpreter(evaluator: evaluator, module: state)
    interpreter.statementBudget = Self.statementBudget
    interpreter.conditionLog = []
    interpreter.djangoSettings = settings
    interpreter.djangoURLNames = urlNames
    let at = entry ?? Location(file: state.path, span: Span(at: 0))
    let passOn = PassOnFunction()
    passOn.isAsync = Self.runsAsync(factory, &interpreter, at: at)
    let built = interpreter.invokeFromLibrary(factory, [.native(passOn)], at: at)
    if let (kind, raisedAt) = interpreter.pendingRaise {
      if kind == "MiddlewareNotUsed" { return MiddlewareRun(outcome: .notUsed(at: raisedAt)) }
      return MiddlewareRun(
        outcome: .notLoadable(reason: "building it raises \(kind)", at: raisedAt),
        conditions: interpreter.conditionLog ?? [])
    }
    interpreter.conditionLog = []
    var hasProcessView = false
    if case .instance(let instance) = built {
      hasProcessView = instance.type.find("process_view") != nil
    }
    let request = HttpRequestObject(request)
    var result: RValue
    if processView {
      guard let hook = interpreter.boundMethod(built, "process_view") else {
        return MiddlewareRun(outcome: .passedOn)
      }
      // The view itself is the URL resolver's business: here it only stands for "the view".
      let view = NativeFunction(viewName ?? "view") { _, location, _ in
        .native(
          ResponseObject(
            className: "HttpResponse", status: .unknown("the view's answer"), location: location,
            passedOn: true))
      }
      result = interpreter.invokeFromLibrary(
        hook, [.native(request), .native(view), .data(.tuple([])), .data(.dict([]))], at: at)
      if case .data(.none) = result, interpreter.pendingRaise == nil,
        interpreter.statementBudget >= 0
      {
        // None: Django goes on to the next process_view, then the view.
        return MiddlewareRun(
          outcome: request.hostUnknown.map { .unknown(reason: "get_host(): \($0)", at: at) }
            ?? .passedOn,
          conditions: interpreter.conditionLog ?? [], hostCheckedAt: request.hostCheckedAt)
      }
    } else {
      result = interpreter.invokeFromLibrary(built, [.native(request)], at: at)
    }
    if case .native(let coroutine as CoroutineObject) = result {
      // Django awaits an async middleware (async_to_sync under WSGI); a middleware it runs
      // synchronously hands an unawaited coroutine up the chain instead of a response.
      guard passOn.isAsync else {
        // Django's handler (or the middleware above) reads the coroutine as a response and
        // fails with AttributeError: 500 on every request.
        return MiddlewareRun(
          outcome: .raised(
            kind: "AttributeError (async __call__ run synchronously: no sync_capable = False)",
            status: 500, at: at),
          conditions: interpreter.conditionLog ?? [])
      }
      result = coroutine.run(&interpreter)
    }
    var run = MiddlewareRun(
      outcome: outcome(result, interpreter, passOn, at: at),
      conditions: interpreter.conditionLog ?? [], hostCheckedAt: request.hostCheckedAt,
      hasProcessView: hasProcessView)
    if case .native(let response as ResponseObject) = result {
      run.appliesLocale = response.appliesLocale
    }
    if let reason = request.hostUnknown, case .answered = run.outcome {
      run.outcome = .unknown(reason: "get_host(): \(reason)", at: request.hostCheckedAt)
    } else if let reason = request.hostUnknown, case .passedOn = run.outcome {
      run.outcome = .unknown(reason: "get_host(): \(reason)", at: request.hostCheckedAt)
    }
    return run
  }

  /// Whether Django runs the middleware in async mode under WSGI: only when it cannot run
  /// synchronously (`sync_capable = False`, or a function under `@async_only_middleware`).
  package static func runsAsync(_ factory: RValue, _ interpreter: inout PyInterpreter, at: Location)
    -> Bool
  {
    switch factory {
    case .classObject(let type):
      guard let (flag, _) = type.find("sync_capable") else { return false }
      return flag.pyValue.truthiness == false
    case .function(let definition, _), .closure(let definition, _, _):
      return definition.decorators.contains {
        PySyntax.dottedName($0)?.hasSuffix("async_only_middleware") == true
      }
    default:
      return false
    }
  }

  package func outcome(
    _ result: RValue, _ interpreter: PyInterpreter, _ passOn: PassOnFunction, at: Location
  ) -> MiddlewareRun.Outcome {
    if interpreter.statementBudget < 0 {
      return .unknown(reason: "execution stopped: too many steps", at: at)
    }
    if let (kind, raisedAt) = interpreter.pendingRaise {
      return .raised(kind: kind, status: DjangoResponses.status(ofRaised: kind), at: raisedAt)
    }
    switch result {
    case .native(let response as ResponseObject):
      if response.passedOn { return .passedOn }
      guard case .int(let status) = response.status else {
        return .unknown(reason: "the status of \(response.className)", at: response.location)
      }
      return .answered(
        status: status, at: response.location, redirectTo: response.redirectTo?.stringValue)
    case .data(.unknown(let reason)):
      return .unknown(reason: reason, at: at)
    case .data(.dynamic(let dynamic)):
      return .unknown(reason: dynamic.reason, at: at)
    default:
      if passOn.calls > 0 {
        return .unknown(reason: "the middleware's answer after get_response()", at: at)
      }
      return .unknown(reason: "the middleware returned \(result.pyValue.pythonRepr)", at: at)
    }
  }
}

/// The `get_response` Django hands a middleware: calling it passes the request on.
package final class PassOnFunction: PyNativeObject {
  package private(set) var calls = 0
  /// Whether Django hands an async `get_response` (the middleware runs in async mode).
  package var isAsync = false

  package var typeName: String { "function" }

  package func call(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  )
    -> RValue?
  {
    calls += 1
    let response = RValue.native(
      ResponseObject(
        className: "HttpResponse", status: .unknown("rest of the chain"), location: location,
        passedOn: true))
    return isAsync ? .native(CoroutineObject("get_response") { _ in response }) : response
  }
}
