import EBCheckCore
import EBCheckFormats
import EBCheckModel
import EBCheckPython

/// The Django part of the simulation: middleware in order, then the URL resolver and the view.
package struct DjangoSimulation {
  package let app: DjangoApp
  package let request: HealthCheckRequest
  /// The Host header Django receives (nginx's `$host`, or a rewritten value).
  package let host: String
  /// Headers nginx passes to the app (lowercased names), e.g. a hard-coded X-Forwarded-Proto.
  package let headers: [String: String]
  package let imdsV1Disabled: Sourced<Bool>
  private(set) var hops: [TraceHop] = []
  /// Whether `AllowCIDRMiddleware` is in the chain.
  package var allowCIDR = false
  /// The repository's middleware with `process_view`, in order, each with whether it comes
  /// after `LoginRequiredMiddleware` (whose check is a `process_view` too).
  package var viewHooks: [(CustomMiddleware, MiddlewareEntry, afterLogin: Bool)] = []
  /// Whether the last repository middleware run passed on through LocaleMiddleware's
  /// `process_response` (a subclass of it).
  package var customLocale = false
  /// Middleware that answer a 404 from the database (redirects, flat pages), in order.
  package var notFoundFallbacks: [MiddlewareEntry] = []
  /// The rate throttles the view's run passed (the checker's cadence decides them).
  package var throttles: [ThrottleNote] = []

  package init(
    app: DjangoApp, request: HealthCheckRequest, host: String, headers: [String: String] = [:],
    imdsV1Disabled: Sourced<Bool>
  ) {
    self.app = app
    self.request = request
    self.host = host
    self.headers = headers
    self.imdsV1Disabled = imdsV1Disabled
  }

  /// `request.is_secure()`: only through SECURE_PROXY_SSL_HEADER, since the checker speaks HTTP.
  package var isSecure: Bool {
    guard let header = app.proxySSLHeader, header.value.count == 2 else { return false }
    return headers[header.value[0]] == header.value[1]
  }

  package var isInstanceHost: Bool { host.hasPrefix(HealthCheckRequest.instanceHost) }

  package mutating func hop(_ step: String, _ detail: String, at location: Location? = nil) {
    hops.append(TraceHop(step: step, detail: detail, location: location))
  }

  package mutating func finish(_ status: Int?, _ verdict: Verdict) -> HopOutcome {
    HopOutcome(status: status, verdict: verdict, hops: hops, throttles: throttles)
  }

  package mutating func run() -> HopOutcome {
    let chain: [MiddlewareEntry]
    switch app.middleware {
    case .unknown(let why):
      hop("MIDDLEWARE", "unknown → unverifiable", at: why.location)
      return finish(nil, .unverifiable([why]))
    case .known(let sourced):
      chain = sourced.value
    }
    // django-allow-cidr sets ALLOWED_HOSTS to ['*'] at start-up and validates hosts itself.
    // Without ALLOWED_CIDR_NETS it raises MiddlewareNotUsed and is dropped.
    if case .known(let nets) = app.allowedCIDRNets, !nets.value.isEmpty {
      allowCIDR = chain.contains { $0.kind == .allowCIDR }
    }
    var common: MiddlewareEntry?
    var loginMiddleware: MiddlewareEntry?
    var locale: MiddlewareEntry?
    for entry in chain {
      let name = entry.shortName
      switch entry.kind {
      case .healthResponder(let paths, let prefix, let status):
        let path = request.pathOnly
        let handles = paths.contains { prefix ? path.hasPrefix($0) : path == $0 }
        if handles {
          hop(name, "answers \(status) before any Host check", at: entry.location)
          return finish(status, .answered(by: name, at: entry.location))
        }
        hop(name, "pass (answers only \(paths.joined(separator: ", ")))", at: entry.location)
      case .userAgentResponder(let prefix, let status):
        let agent = headers["user-agent"] ?? HealthCheckRequest.userAgent
        if agent.hasPrefix(prefix) {
          hop(name, "User-Agent starts with '\(prefix)' → answers \(status)", at: entry.location)
          return finish(status, .answered(by: name, at: entry.location))
        }
        hop(name, "pass (answers only User-Agents starting with '\(prefix)')", at: entry.location)
      case .security:
        if let outcome = securityMiddleware(entry) { return outcome }
      case .common:
        if let outcome = commonMiddleware(entry) { return outcome }
        common = entry
      case .allowCIDR, .hostChecking:
        if let outcome = validateHost(entry, detail: "get_host()") { return outcome }
        hop(name, "get_host() → allowed", at: entry.location)
      case .loginRequired:
        if let version = app.version, version.value < DjangoVersion.loginRequiredMiddleware {
          hop(name, "not in Django \(version.value) (added in 5.1)", at: entry.location)
        } else {
          loginMiddleware = entry
          hop(name, "pass (checks the view)", at: entry.location)
        }
      case .locale:
        locale = entry
        hop(name, "pass (language \(app.languageCode): no Accept-Language)", at: entry.location)
      case .notFoundFallback:
        hop(name, "pass (acts only on a 404)", at: entry.location)
        notFoundFallbacks.append(entry)
      case .passThrough:
        hop(name, "pass", at: entry.location)
      case .unknown:
        let why = Unverifiable(
          "\(entry.path) comes from a package ebcheck does not model: whether it passes the "
            + "request on is unknown", at: entry.location)
        hop(name, "package middleware ebcheck does not model → unverifiable", at: entry.location)
        return finish(nil, .unverifiable([why]))
      case .custom(let custom):
        if let outcome = run(custom, entry, afterLogin: loginMiddleware != nil) { return outcome }
        if customLocale { locale = entry }
      case .notLoadable(let reason):
        hop(
          name, "Django cannot load it (\(reason)): the app never starts → nginx 502",
          at: entry.location)
        return finish(
          502,
          .badGateway(.middlewareNotLoadable(path: entry.path, reason: reason), at: entry.location))
      }
    }
    return resolve(common: common, loginMiddleware: loginMiddleware, locale: locale)
  }

  // MARK: - Middlewares

  package mutating func securityMiddleware(_ entry: MiddlewareEntry) -> HopOutcome? {
    let name = entry.shortName
    switch app.secureSSLRedirect {
    case .unknown(let why):
      hop(name, "SECURE_SSL_REDIRECT unknown → unverifiable", at: why.location)
      return finish(nil, .unverifiable([why]))
    case .known(let redirect):
      guard redirect.value else {
        hop(name, "pass", at: entry.location)
        return nil
      }
      if isSecure, let header = app.proxySSLHeader {
        hop(
          name, "pass (nginx sends \(header.value[0]): \(header.value[1]), so is_secure() is True)",
          at: header.location)
        return nil
      }
      let path = String(request.pathOnly.drop { $0 == "/" })
      switch app.secureRedirectExempt {
      case .unknown(let why):
        hop(name, "SECURE_REDIRECT_EXEMPT unknown → unverifiable", at: why.location)
        return finish(nil, .unverifiable([why]))
      case .known(let exempt):
        if let pattern = exempt.value.first(where: { PythonRegex.search($0, in: path) == true }) {
          hop(
            name, "pass (SECURE_REDIRECT_EXEMPT r'\(pattern)' matches '\(path)')",
            at: exempt.location)
          return nil
        }
      }
      if case .known(let sslHost) = app.secureSSLHost, !sslHost.value.isEmpty {
        hop(
          name, "redirects to SECURE_SSL_HOST \(sslHost.value) without get_host()",
          at: sslHost.location)
      } else if let rejected = validateHost(entry, detail: "SSL redirect calls get_host()") {
        return rejected
      }
      hop(
        name, "SECURE_SSL_REDIRECT → 301 to https:// (checker has no X-Forwarded-Proto)",
        at: redirect.location)
      return finish(301, .httpsRedirect(by: name, at: redirect.location))
    }
  }

  package mutating func commonMiddleware(_ entry: MiddlewareEntry) -> HopOutcome? {
    let name = entry.shortName
    if case .known(let agents) = app.disallowedUserAgents,
      let pattern = agents.value.first(where: {
        PythonRegex.search($0, in: HealthCheckRequest.userAgent) == true
      })
    {
      hop(
        name, "DISALLOWED_USER_AGENTS r'\(pattern)' matches the checker → 403", at: agents.location)
      return finish(403, .forbiddenUserAgent(at: agents.location))
    }
    if let outcome = validateHost(entry, detail: "get_host()") { return outcome }
    if case .known(let www) = app.prependWWW, www.value, !host.lowercased().hasPrefix("www.") {
      hop(name, "get_host() → allowed; PREPEND_WWW → 301 to www.\(host)", at: www.location)
      return finish(301, .wwwRedirect(at: www.location))
    }
    hop(name, "get_host() → allowed", at: entry.location)
    return nil
  }

  // MARK: - Host validation

  /// nil when the host is allowed (the chain goes on); otherwise the final outcome.
  package mutating func validateHost(_ caller: MiddlewareEntry, detail: String) -> HopOutcome? {
    let name = caller.shortName
    if allowCIDR, caller.kind != .allowCIDR {
      hop(
        name, "\(detail) → allowed (django-allow-cidr set ALLOWED_HOSTS to '*')",
        at: caller.location)
      return nil
    }
    switch HostPolicy(app: app, imdsV1Disabled: imdsV1Disabled).check(host: host, caller: caller) {
    case .allowed(let why):
      if caller.kind != .common && caller.kind != .security {
        hop(name, "\(detail) → allowed (\(why))", at: caller.location)
      }
      return nil
    case .rejected(let rejection, let why):
      hop(
        name, "\(detail) → 400 DisallowedHost (\(why))",
        at: rejection.allowedHosts ?? caller.location)
      return finish(400, .hostRejected(rejection))
    case .unknown(let reasons):
      let names = reasons.flatMap(\.variables)
      hop(
        name,
        "\(detail) → depends on \(names.isEmpty ? "values ebcheck cannot see" : names.joined(separator: ", "))",
        at: reasons.first?.location)
      return finish(nil, .unverifiable(reasons))
    }
  }

  // MARK: - URL resolver and view

  package mutating func resolve(
    common: MiddlewareEntry?, loginMiddleware: MiddlewareEntry?, locale: MiddlewareEntry?
  ) -> HopOutcome {
    let path = String(request.pathOnly.drop { $0 == "/" })
    switch app.urls.resolve(path) {
    case .unknown(let why):
      hop("URL resolver", "\(why.reason) → unverifiable", at: why.location)
      return finish(nil, .unverifiable([why]))
    case .notFound(let urlconf):
      if common != nil, !path.hasSuffix("/"), case .view = app.urls.resolve(path + "/") {
        switch app.appendSlash {
        case .known(let append) where append.value:
          hop(
            "URL resolver", "'\(request.pathOnly)' not found; '\(request.pathOnly)/' is",
            at: urlconf)
          hop("CommonMiddleware", "APPEND_SLASH → 301 to \(request.pathOnly)/", at: append.location)
          return finish(301, .slashRedirect(to: request.pathOnly + "/", at: append.location))
        case .unknown(let why):
          return finish(nil, .unverifiable([why]))
        default:
          break
        }
      }
      let prefixed = app.languageCode.lowercased() + "/" + path
      if let locale, app.urls.usesLanguagePrefix, case .view = app.urls.resolve(prefixed) {
        hop("URL resolver", "'\(request.pathOnly)' not found outside i18n_patterns", at: urlconf)
        hop(locale.shortName, "302 to /\(prefixed)", at: locale.location)
        return finish(302, .localeRedirect(to: "/" + prefixed, at: locale.location))
      }
      hop("URL resolver", "no pattern matches '\(request.pathOnly)' → 404", at: urlconf)
      if let fallback = notFoundFallbacks.last, case .notFoundFallback(let source) = fallback.kind {
        // The innermost one sees the 404 first.
        let why = Unverifiable(
          "404 unless \(source) matches \(request.pathOnly) (\(fallback.shortName))",
          at: fallback.location)
        hop(fallback.shortName, "on the 404: \(why.reason) → unverifiable", at: fallback.location)
        return finish(nil, .unverifiable([why]))
      }
      return finish(404, .notRouted(path: request.pathOnly, urlconf: urlconf))
    case .view(let view):
      for (custom, entry, afterLogin) in viewHooks where !afterLogin {
        if let outcome = run(custom, entry, processView: true, viewName: view.name) {
          return outcome
        }
      }
      if let login = loginMiddleware, !Self.isLoginNotRequired(view) {
        hop("view", Self.loginMarkDetail(view), at: view.location)
        hop(login.shortName, "302 to \(app.loginURL)", at: login.location)
        return finish(302, .loginRedirect(view: view.name, guardedAt: login.location))
      }
      if let guarded = view.loginRequired {
        hop("view", "\(view.name) requires login → 302 to \(app.loginURL)", at: guarded)
        return finish(302, .loginRedirect(view: view.name, guardedAt: guarded))
      }
      for (custom, entry, afterLogin) in viewHooks where afterLogin {
        if let outcome = run(custom, entry, processView: true, viewName: view.name) {
          return outcome
        }
      }
      return answer(of: view)
    }
  }

  /// The view's answer (its code run, or Django's model of it) as the final outcome.
  package mutating func answer(of view: ResolvedView) -> HopOutcome {
    var answer = view.answer
    if let code = view.code {
      switch run(code, of: view) {
      case .finished(let outcome): return outcome
      case .answered(let ran): answer = ran
      }
    }
    let at = answer.location ?? view.location
    hop("view", "\(view.name) → \(answer.detail)", at: at)
    switch answer {
    case .status(let status, _):
      return finish(status, .answered(by: view.name, at: view.location))
    case .conditional(let status, _, _, _):
      return finish(status, .answered(by: view.name, at: view.location))
    case .redirect(let status, let target, _):
      return finish(status, .viewRedirect(view: view.name, status: status, to: target, at: at))
    case .loginRedirect:
      return finish(302, .loginRedirect(view: view.name, guardedAt: at))
    case .denied(let status, let reason, _):
      return finish(status, .viewRefused(view: view.name, status: status, reason: reason, at: at))
    case .templateMissing, .raises, .methodNotAllowed:
      return finish(answer.status, .viewFailed(view: view.name, answer: answer))
    case .unknown(let why):
      return finish(nil, .unverifiable([why]))
    }
  }
}
