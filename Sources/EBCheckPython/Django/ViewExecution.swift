import EBCheckCore

/// Which code of a views module answers the request.
package enum ViewTarget: Sendable, Hashable {
  /// A function view, by its module-level name.
  case function(String)
  /// A handler of a class-based view (`get`), on an instance built with `initkwargs`
  /// (the literal ones; others are unknown values).
  case method(className: String, method: String, initkwargs: [String: PyValue])
  /// A view the URLconf computes where it routes it (`login_required(views.health)`): the
  /// expression evaluated in the URLconf module, its value called with the request.
  case expression(PyExpr)
  /// Django's (or a package's) class view the URLconf routes by import path
  /// (`django.contrib.auth.views.LoginView`): `as_view()` of the library class.
  case library(String)
  /// A route a DRF router makes: `className.as_view(actions, **initkwargs)` of the class in the
  /// views module (the initkwargs are expressions there: an `@action`'s keywords), called with
  /// the route's URL keywords (their values unknown).
  case viewSet(
    className: String, actions: [String: String], initkwargs: [String: PyExpr],
    urlKeywords: [String])
}

extension ViewTarget {
  /// Whether the view is the URLconf's expression evaluated.
  package var runsInURLConf: Bool {
    if case .expression = self { return true }
    return false
  }

  package var isFunction: Bool {
    if case .function = self { return true }
    return false
  }

  /// Whether the view the URLconf routes is a value ebcheck builds by running the code (a
  /// function, the URLconf's expression, a library class's `as_view()`), not a handler read
  /// from a class body.
  package var buildsViewFunction: Bool {
    if case .method = self { return false }
    return true
  }
}

/// What the repository's view code answered the request, found by running it.
package struct ViewRun: Sendable, Hashable {
  package enum Outcome: Sendable, Hashable {
    /// It returned a response; `template` is what a `render()` renders (by name); `guarded`
    /// when a decorator answered instead of the view.
    case response(
      status: Int, className: String, at: Location, redirectTo: String?, template: String?,
      guarded: Guard? = nil)
    /// It raised; Django answers `status` (nil when the exception is not known).
    case raised(kind: String, status: Int?, at: Location)
    /// It fell off its end or returned None: Django raises ValueError (500).
    case returnedNone(at: Location)
    case unknown(reason: String, at: Location?)
  }

  /// What a decorator's own answer was.
  package enum Guard: Sendable, Hashable {
    /// A login decorator redirected to LOGIN_URL.
    case login
    /// A method decorator or `@api_view` refused the method: 405, allowing these.
    case methods([String])
    /// DRF's permission check refused the anonymous checker.
    case denied(String)
  }

  package var outcome: Outcome
  /// Conditions decided on the way, in order (the decisive lines).
  package var conditions: [ConditionNote] = []
  /// Where `get_host()` was called, when it was.
  package var hostCheckedAt: Location?
  /// The services outside the repository the code reached ("the database answers").
  package var services: [String] = []
  /// When it reached services: what it answers when they fail (their calls raise).
  package var whenServicesFail: Outcome?
  /// The rate throttles the request passed (their numbers, for the checker's cadence).
  package var throttles: [ThrottleNote] = []
}

/// Runs a view of the repository on the interpreter with the request Django built: the
/// views module is imported, the function (or the class's handler) called with the request.
/// Services outside the repository are run twice: answering, and failing.
package struct ViewExecutor {
  package let files: SourceFiles
  package let modules: PythonModules?
  package let env: [String: String]
  package let settings: [String: PyValue]
  /// `reverse()`'s answers: URL name → path (from `URLConfBuilder`).
  package var urlNames: [String: String] = [:]
  /// DRF's defaults, for `@api_view` functions.
  package var restFramework = RestFrameworkDefaults()
  package static let statementBudget = 20_000

  package init(
    files: SourceFiles, modules: PythonModules?, env: [String: String], settings: [String: PyValue]
  ) {
    self.files = files
    self.modules = modules
    self.env = env
    self.settings = settings
  }

  /// Runs `target` of `module` for `request`; `restFramework` when DRF's handler turns the
  /// view's exceptions into responses (an `APIView` or `@api_view`).
  package func run(
    module: String, target: ViewTarget, request: DjangoRequestData, restFramework: Bool,
    at entry: Location
  ) -> ViewRun {
    var run = runOnce(module, target, request, restFramework, at: entry, failing: false)
    guard !run.services.isEmpty, case .response = run.outcome else { return run }
    let failed = runOnce(module, target, request, restFramework, at: entry, failing: true)
    run.whenServicesFail = failed.outcome
    return run
  }

  package func runOnce(
    _ module: String, _ target: ViewTarget, _ data: DjangoRequestData, _ restFramework: Bool,
    at entry: Location, failing: Bool
  ) -> ViewRun {
    let evaluator = SettingsEvaluator(
      files: files, env: env, unsetVariablesTakeDefaults: true, modules: modules)
    evaluator.libraryPackages = DjangoViewLibrary.packages
    guard let state = evaluator.load(module: module, preferredPrefix: nil) else {
      return ViewRun(outcome: .unknown(reason: "no module named '\(module)'", at: entry))
    }
    if let failure = state.failure {
      return ViewRun(
        outcome: .unknown(
          reason: "importing \(module) fails (\(failure.message))", at: failure.location))
    }
    var interpreter = PyInterpreter(evaluator: evaluator, module: state)
    interpreter.statementBudget = Self.statementBudget
    interpreter.conditionLog = []
    interpreter.djangoSettings = settings
    interpreter.djangoURLNames = urlNames
    interpreter.djangoRestFramework = self.restFramework
    let log = ExternalCallLog(failing: failing)
    interpreter.externalCalls = log
    let request = HttpRequestObject(data)
    var result: RValue
    if case .method(let className, let method, let initkwargs) = target {
      guard case .classObject(let type)? = state.globals[className]?.value else {
        return ViewRun(
          outcome: .unknown(reason: "module '\(module)' has no class '\(className)'", at: entry))
      }
      // as_view(): setup() keeps the request and the URL's arguments on a fresh instance.
      let instance = PyInstance(type: type)
      for (key, value) in initkwargs { instance.attributes[key] = .data(value) }
      instance.attributes["request"] = .native(request)
      instance.attributes["args"] = .data(.tuple([]))
      instance.attributes["kwargs"] = .data(.dict([]))
      guard let handler = interpreter.boundMethod(.instance(instance), method) else {
        return ViewRun(outcome: .unknown(reason: "\(className) has no \(method)()", at: entry))
      }
      result = interpreter.invokeFromLibrary(handler, [.native(request)], at: entry)
    } else {
      switch viewValue(target, in: state, module: module, at: entry, &interpreter) {
      case .failure(let failure)?:
        return ViewRun(outcome: .unknown(reason: failure.reason, at: entry))
      case .success(let view)?:
        if interpreter.pendingRaise != nil || interpreter.statementBudget < 0 {
          return ViewRun(outcome: outcome(view, interpreter, restFramework, at: entry))
        }
        if case .data(.unknown(let reason)) = view {
          let name = if case .function(let name) = target { name } else { "the view" }
          return ViewRun(outcome: .unknown(reason: "\(name) is \(reason)", at: entry))
        }
        var arguments = Arguments.passing([.native(request)])
        if case .viewSet(_, _, _, let keywords) = target {
          // A router's detail route passes the URL's keywords; their values are unknown.
          for keyword in keywords {
            let value = DynamicValue(reason: "the URL's <\(keyword)>", location: entry)
            arguments.keywords.append((keyword, .data(.dynamic(value))))
          }
        }
        result = interpreter.invokeFromLibrary(view, arguments, at: entry)
      case nil:
        return ViewRun(outcome: .unknown(reason: "a handler read from its class body", at: entry))
      }
    }
    if case .native(let coroutine as CoroutineObject) = result, interpreter.pendingRaise == nil {
      // An async view: Django's handler awaits it (async_to_sync under WSGI).
      result = coroutine.run(&interpreter)
    }
    var run = ViewRun(
      outcome: outcome(result, interpreter, restFramework, at: entry),
      conditions: interpreter.conditionLog ?? [], hostCheckedAt: request.hostCheckedAt,
      services: log.conditions)
    run.throttles = log.throttles
    if let reason = request.hostUnknown, case .response = run.outcome {
      run.outcome = .unknown(reason: "get_host(): \(reason)", at: request.hostCheckedAt)
    }
    return run
  }

  package func outcome(
    _ result: RValue, _ interpreter: PyInterpreter, _ restFramework: Bool, at entry: Location
  ) -> ViewRun.Outcome {
    if interpreter.statementBudget < 0 {
      return .unknown(
        reason: "the view runs more than \(Self.statementBudget) statements", at: entry)
    }
    if let (kind, raisedAt) = interpreter.pendingRaise {
      let status =
        (restFramework ? DjangoViewLibrary.restFrameworkExceptions[kind] : nil)
        ?? DjangoResponses.status(ofRaised: kind)
      return .raised(kind: kind, status: status, at: raisedAt)
    }
    switch result {
    case .native(let response as ResponseObject):
      guard case .int(let status) = response.status else {
        return .unknown(reason: "the response's status= cannot be evaluated", at: response.location)
      }
      var template: String?
      if let name = response.template {
        guard case .string(let text) = name else {
          return .unknown(reason: "the template name cannot be evaluated", at: response.location)
        }
        template = text
      }
      var guarded: ViewRun.Guard?
      if response.isLoginRedirect { guarded = .login }
      if let allowed = response.allowedMethods { guarded = .methods(allowed) }
      if let reason = response.deniedReason { guarded = .denied(reason) }
      return .response(
        status: status, className: response.className, at: response.location,
        redirectTo: response.redirectTo.map(redirectTarget), template: template,
        guarded: guarded)
    case .data(.none):
      return .returnedNone(at: entry)
    case .data(.dynamic(let dynamic)):
      return undecided(interpreter) ?? .unknown(reason: dynamic.reason, at: dynamic.location)
    case .data(.unknown(let reason)):
      return .unknown(reason: "the view returns a value ebcheck cannot tell (\(reason))", at: entry)
    default:
      return .unknown(
        reason: "the view returns \(result.pyValue.pythonRepr), which ebcheck does not model",
        at: entry)
    }
  }

  /// The last condition the run could not decide, as the reason its answer is not known.
  package func undecided(_ interpreter: PyInterpreter) -> ViewRun.Outcome? {
    guard let note = interpreter.conditionLog?.last(where: { $0.outcome == nil }) else {
      return nil
    }
    return .unknown(
      reason: "the view's answer depends on `\(note.text)`, which ebcheck cannot evaluate",
      at: note.location)
  }

  /// A redirect's target as the trace names it: a URL, or the URL name `redirect()` reverses.
  package func redirectTarget(_ value: PyValue) -> String {
    guard case .string(let text) = value else { return "'\(value.pythonRepr)'" }
    return text
  }
}
