import EBCheckCore

/// DRF's rate throttles (`SimpleRateThrottle.allow_request`) with the checker's request: the
/// rate is the class's `rate`, else `DEFAULT_THROTTLE_RATES[scope]` (no scope, or a scope the
/// setting does not list, raises ImproperlyConfigured: 500); no rate or no cache key lets the
/// request through; otherwise the answer depends on the request history the cache holds for
/// the checker's address, which ebcheck cannot see: "while the cache holds fewer than N"
/// (the dummy cache stores no history: never throttled).
package enum RestFrameworkThrottle {
  package static func allowRequest(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard arguments.positional.count >= 3 else { return .data(.unknown("allow_request()")) }
    let receiver = arguments.positional[0]
    let request = arguments.positional[1]
    let view = arguments.positional[2]
    let root = Frame(module: interpreter.root)
    var scope = interpreter.boundMethod(receiver, "scope")?.pyValue ?? .none
    if name == "ScopedRateThrottle" {
      // The view names the scope; a view without one is not throttled.
      scope = interpreter.objectAttribute(view, "throttle_scope", location, root).pyValue
      if case .unknown = scope { scope = .none }
      if scope == .none { return .data(.bool(true)) }
    }
    var rate = interpreter.boundMethod(receiver, "rate")?.pyValue ?? .none
    var rateAt = throttleType(receiver).bindingLocation(of: "rate")
    if name == "ScopedRateThrottle" || rate == .none {
      guard let configured = configuredRate(scope, at: location, &interpreter) else {
        return .data(.unknown("ImproperlyConfigured"))
      }
      rate = configured
      rateAt = configuredRateLocation(scope, interpreter)
    }
    guard case .string(let text) = rate else {
      if rate == .none { return .data(.bool(true)) }
      return .data(.unknown("the throttle rate cannot be evaluated"))
    }
    var key: RValue = .data(.string("throttle"))
    if let method = interpreter.boundMethod(receiver, "get_cache_key") {
      key = interpreter.invokeFromLibrary(method, [request, view], at: location)
      if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    } else {
      key = libraryCacheKey(
        request, anonymousOnly: name == "AnonRateThrottle", at: location, &interpreter)
    }
    switch key.pyValue {
    case .none: return .data(.bool(true))
    case .unknown(let reason): return .data(.unknown(reason))
    default: break
    }
    if !DjangoClassViews.isRepositoryBinding(throttleType(receiver), "cache"),
      defaultCacheBackend(interpreter) == "django.core.cache.backends.dummy.DummyCache"
    {
      // DRF's throttles keep the request history in the default cache; the dummy cache
      // stores nothing, so the history is always empty and every request is allowed.
      return .data(.bool(true))
    }
    guard let log = interpreter.externalCalls else {
      return .data(.unknown("whether the throttle's cache allows the request"))
    }
    if let parsed = ThrottleNote.parse(text) {
      var note = ThrottleNote(
        rate: text, count: parsed.count, periodSeconds: parsed.seconds,
        className: throttleType(receiver).name.isEmpty ? name : throttleType(receiver).name,
        scope: scope.stringValue, cacheBackend: defaultCacheBackend(interpreter),
        location: rateAt ?? location)
      note.sharedByNodes = sharedByNodes(request, interpreter)
      log.note(note)
    }
    let scopeText = scope.stringValue.map { " '\($0)'" } ?? ""
    log.note(
      "the cache holds fewer than \(limit(text)) (\(name)\(scopeText), \(text))"
    )
    return .data(.bool(!log.failing))
  }

  /// Whether the nodes' checks share one throttle history (DRF's client address).
  static func sharedByNodes(_ request: RValue, _ interpreter: PyInterpreter) -> Bool? {
    var wrapped = request
    if case .native(let object as HttpRequestObject) = request,
      let inner = object.extra["_request"]
    {
      wrapped = inner
    }
    guard case .native(let object as HttpRequestObject) = wrapped else { return nil }
    return ThrottleNote.sharedByNodes(
      meta: { object.data.metaValue($0) },
      numProxies: RestFrameworkCycle.setting("NUM_PROXIES", interpreter))
  }

  /// The class of a throttle instance (for where `cache` is bound).
  static func throttleType(_ receiver: RValue) -> PyClassObject {
    if case .instance(let instance) = receiver { return instance.type }
    return PyClassObject(name: "", module: "")
  }

  /// `CACHES['default']['BACKEND']` (Django's default: the local-memory cache); nil when
  /// it cannot be evaluated.
  static func defaultCacheBackend(_ interpreter: PyInterpreter) -> String? {
    guard let caches = interpreter.djangoSettings?["CACHES"] else {
      return "django.core.cache.backends.locmem.LocMemCache"
    }
    return DjangoClassViews.dictionary(DjangoClassViews.dictionary(caches)?["default"])?[
      "BACKEND"]?.stringValue
  }

  /// `DEFAULT_THROTTLE_RATES[scope]` (DRF's default: `{'user': None, 'anon': None}`); nil
  /// after raising ImproperlyConfigured.
  package static func configuredRate(
    _ scope: PyValue, at location: Location, _ interpreter: inout PyInterpreter
  ) -> PyValue? {
    guard case .string(let name) = scope else {
      interpreter.pendingRaise = ("ImproperlyConfigured", location)
      return nil
    }
    var rates: PyValue = .dict([
      PyDictEntry(key: .string("user"), value: .none),
      PyDictEntry(key: .string("anon"), value: .none),
    ])
    if let configured = RestFrameworkCycle.setting("DEFAULT_THROTTLE_RATES", interpreter) {
      rates = configured
    }
    guard case .dict(let entries) = rates else {
      return .unknown("DEFAULT_THROTTLE_RATES cannot be evaluated")
    }
    guard let entry = entries.first(where: { $0.key == .string(name) }) else {
      interpreter.pendingRaise = ("ImproperlyConfigured", location)
      return nil
    }
    return entry.value
  }

  /// Where `DEFAULT_THROTTLE_RATES` names `scope`'s rate (nil: not written in the settings).
  static func configuredRateLocation(_ scope: PyValue, _ interpreter: PyInterpreter) -> Location? {
    guard
      case .dict(let entries)? = RestFrameworkCycle.setting("DEFAULT_THROTTLE_RATES", interpreter)
    else { return nil }
    return entries.first { $0.key == scope }?.location
  }

  /// The cache key of DRF's own throttles: None for an authenticated user under
  /// `AnonRateThrottle`, otherwise one per client address (the checker's).
  package static func libraryCacheKey(
    _ request: RValue, anonymousOnly: Bool, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    let root = Frame(module: interpreter.root)
    let user = interpreter.objectAttribute(request, "user", location, root)
    let authenticated = interpreter.objectAttribute(user, "is_authenticated", location, root)
    switch authenticated.truthiness {
    case false?: return .data(.string("throttle_anon"))
    case true?: return anonymousOnly ? .data(.none) : .data(.string("throttle_user"))
    case nil: return .data(.unknown("whether the user is authenticated"))
    }
  }

  /// "5/min" → "5 of the checker's requests from the last minute" (DRF reads the period's
  /// first letter).
  package static func limit(_ rate: String) -> String {
    let parts = rate.split(separator: "/", maxSplits: 1).map(String.init)
    guard parts.count == 2, let first = parts[1].first else {
      return "the rate's number of the checker's requests (\(rate))"
    }
    let period =
      ["s": "second", "m": "minute", "h": "hour", "d": "day"][String(first)] ?? parts[1]
    return "\(parts[0]) of the checker's requests from the last \(period)"
  }
}
