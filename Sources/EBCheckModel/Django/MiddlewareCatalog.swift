import EBCheckCore
import EBCheckPython

/// What each middleware does to the health check: Django's own and common packages by
/// import path, the repository's own by reading their source.
package struct MiddlewareCatalog {
  package let modules: PythonModules

  package static let known: [String: MiddlewareKind] = [
    "django.middleware.security.SecurityMiddleware": .security,
    "django.middleware.common.CommonMiddleware": .common,
    "django.contrib.auth.middleware.LoginRequiredMiddleware": .loginRequired,
    "allow_cidr.middleware.AllowCIDRMiddleware": .allowCIDR,
    "django.contrib.sessions.middleware.SessionMiddleware": .passThrough,
    "django.middleware.csrf.CsrfViewMiddleware": .passThrough,
    "django.contrib.auth.middleware.AuthenticationMiddleware": .passThrough,
    "django.contrib.auth.middleware.RemoteUserMiddleware": .passThrough,
    "django.contrib.messages.middleware.MessageMiddleware": .passThrough,
    "django.middleware.clickjacking.XFrameOptionsMiddleware": .passThrough,
    "django.middleware.gzip.GZipMiddleware": .passThrough,
    "django.middleware.http.ConditionalGetMiddleware": .passThrough,
    "django.middleware.locale.LocaleMiddleware": .locale,
    "django.middleware.cache.UpdateCacheMiddleware": .passThrough,
    "django.middleware.cache.FetchFromCacheMiddleware": .passThrough,
    "django.contrib.sites.middleware.CurrentSiteMiddleware": .hostChecking,
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware": .passThrough,
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware": .passThrough,
    "whitenoise.middleware.WhiteNoiseMiddleware": .passThrough,
    "corsheaders.middleware.CorsMiddleware": .passThrough,
    "debug_toolbar.middleware.DebugToolbarMiddleware": .passThrough,
    "django_prometheus.middleware.PrometheusBeforeMiddleware": .passThrough,
    "django_prometheus.middleware.PrometheusAfterMiddleware": .passThrough,
    "simple_history.middleware.HistoryRequestMiddleware": .passThrough,
    "csp.middleware.CSPMiddleware": .passThrough,
  ]

  package func kind(of path: String) -> MiddlewareKind {
    if let known = Self.known[path] { return known }
    let parts = path.split(separator: ".").map(String.init)
    guard parts.count >= 2,
      let module = modules.module(named: parts.dropLast().joined(separator: "."))
    else { return .unknown }
    return CustomMiddlewareReader(module: module).kind(of: parts.last!)
  }
}

/// Reads a middleware class or factory from the repository: does it answer some path before
/// calling `get_response`, and does it call `get_host()` first?
package struct CustomMiddlewareReader {
  package let module: PythonModule

  package func kind(of name: String) -> MiddlewareKind {
    if let definition = PySyntax.classDef(named: name, in: module.statements) {
      for method in ["__call__", "process_request"] {
        if let function = PySyntax.functionDef(named: method, in: definition.body) {
          let kind = read(function.body)
          if kind != .unknown { return kind }
        }
      }
      return .unknown
    }
    if let factory = PySyntax.functionDef(named: name, in: module.statements) {
      // def health_middleware(get_response): def middleware(request): ...; return middleware
      for statement in factory.body {
        if case .functionDef(let inner) = statement.kind {
          let kind = read(inner.body)
          if kind != .unknown { return kind }
        }
      }
    }
    return .unknown
  }

  /// Walks the body in order until the request is passed on.
  package func read(_ body: [PyStmt]) -> MiddlewareKind {
    for statement in body {
      if callsGetHost(statement) { return .hostChecking }
      switch statement.kind {
      case .ifStatement(let test, let then, _):
        if returnsResponse(then), let paths = healthPaths(test) {
          return .healthResponder(paths: paths.paths, prefix: paths.prefix, status: status(then))
        }
      case .returnStatement(let value?):
        if passesOn(value) { return .passThrough }
      default:
        break
      }
      if passesOn(statement) { return .passThrough }
    }
    return .unknown
  }

  /// `self.get_response(request)` or `get_response(request)` anywhere in the statement.
  package func passesOn(_ statement: PyStmt) -> Bool {
    switch statement.kind {
    case .assign(_, let value): return passesOn(value)
    case .expression(let value): return passesOn(value)
    case .returnStatement(let value?): return passesOn(value)
    default: return false
    }
  }

  package func passesOn(_ expr: PyExpr) -> Bool {
    guard case .call(let function, _) = expr.kind else { return false }
    return PySyntax.dottedName(function).map {
      $0 == "get_response" || $0.hasSuffix(".get_response")
    } ?? false
  }

  package func callsGetHost(_ statement: PyStmt) -> Bool {
    PySyntax.contains(statement) { expr in
      if case .attribute(_, let name, _) = expr.kind {
        return name == "get_host" || name == "build_absolute_uri"
      }
      return false
    }
  }

  package func returnsResponse(_ body: [PyStmt]) -> Bool {
    body.contains {
      if case .returnStatement(let value?) = $0.kind, case .call = value.kind, !passesOn(value) {
        return true
      }
      return false
    }
  }

  package func status(_ body: [PyStmt]) -> Int {
    for statement in body {
      guard case .returnStatement(let value?) = statement.kind else { continue }
      if case .int(let code)? = PySyntax.keyword("status", in: value)?.kind { return code }
      if let positional = PySyntax.positional(value).dropFirst().first,
        case .int(let code) = positional.kind
      {
        return code
      }
    }
    return 200
  }

  /// The paths a condition selects: `request.path == '/health/'`, `in (...)`,
  /// `.startswith('/health')`, combined with `and` (method checks are ignored: the checker GETs).
  package func healthPaths(_ test: PyExpr) -> (paths: [String], prefix: Bool)? {
    switch test.kind {
    case .boolOp(.and, let parts):
      var found: (paths: [String], prefix: Bool)?
      for part in parts {
        if let paths = healthPaths(part) {
          found = paths
        } else if !isMethodCheck(part) {
          return nil
        }
      }
      return found
    case .boolOp(.or, let parts):
      var all: [String] = []
      var prefix = false
      for part in parts {
        guard let paths = healthPaths(part) else { return nil }
        all += paths.paths
        prefix = prefix || paths.prefix
      }
      return (all, prefix)
    case .compare(let left, let comparisons) where comparisons.count == 1 && isRequestPath(left):
      let right = comparisons[0].right
      switch comparisons[0].op {
      case .equal:
        return constant(right).map { ([$0], false) }
      case .inOp:
        switch right.kind {
        case .tuple(let items), .list(let items), .set(let items):
          return strings(items).map { ($0, false) }
        default:
          return nil
        }
      default:
        return nil
      }
    case .call(let function, let arguments):
      guard case .attribute(let base, "startswith", _) = function.kind, isRequestPath(base),
        let first = arguments.first.flatMap({ constant($0.value) })
      else { return nil }
      return ([first], true)
    default:
      return nil
    }
  }

  package func strings(_ items: [PyExpr]) -> [String]? {
    let values = items.compactMap(constant)
    return values.count == items.count ? values : nil
  }

  package func constant(_ expr: PyExpr) -> String? {
    if let text = PySyntax.string(expr) { return text }
    if case .name(let name) = expr.kind { return PySyntax.stringConstant(name, in: module) }
    if case .attribute(_, let name, _) = expr.kind {
      return PySyntax.stringConstant(name, in: module)
    }
    return nil
  }

  package func isRequestPath(_ expr: PyExpr) -> Bool {
    guard let name = PySyntax.dottedName(expr) else {
      // request.META["PATH_INFO"]
      if case .subscription(let base, let key) = expr.kind,
        PySyntax.dottedName(base)?.hasSuffix(".META") == true
      {
        return PySyntax.string(key) == "PATH_INFO"
      }
      return false
    }
    return name.hasSuffix(".path") || name.hasSuffix(".path_info")
  }

  package func isMethodCheck(_ expr: PyExpr) -> Bool {
    guard case .compare(let left, _) = expr.kind else { return false }
    return PySyntax.dottedName(left)?.hasSuffix(".method") == true
  }
}
