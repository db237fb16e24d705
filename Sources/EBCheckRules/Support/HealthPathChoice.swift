import EBCheckCore
import EBCheckModel
import EBCheckSimulation

/// Which path a generated health responder may answer. It must never take a page from the
/// app's users: a path the URLconf routes to a real view (`/admin/`, `/`) or that nginx
/// answers itself is not free. Where the configured HealthCheckPath is such a page, the
/// check moves to a new free path; a responder that must shadow a view names it.
package struct HealthPathChoice: Sendable, Hashable {
  /// The path the responder answers.
  package var path: String
  /// The configured path the check moves away from, and what serves it there.
  package var movedFrom: Move?
  /// The view the responder answers in place of (a health view, or a catch-all route).
  package var shadows: String?

  package struct Move: Sendable, Hashable {
    package var path: String
    package var servedBy: String
  }

  package init(path: String, movedFrom: Move? = nil, shadows: String? = nil) {
    self.path = path
    self.movedFrom = movedFrom
    self.shadows = shadows
  }

  /// Paths tried, in order, when the configured one cannot be answered.
  package static let candidates =
    ["/health/", "/healthz/", "/ebcheck-health/"] + (2...9).map { "/ebcheck-health-\($0)/" }

  /// What answers `path` today for the health checker's request.
  package enum Occupant: Equatable {
    /// Nothing: Django answers 404 (or ebcheck cannot tell, treated as taken).
    case free
    case view(String)
    case nginx(String)
    case unknown(String)
  }

  package static func occupant(
    of path: String, app: DjangoApp, environment: Environment, port: Int
  ) -> Occupant {
    let request = HealthCheckRequest(path: path, port: port)
    let route = environment.nginx.route(
      path: path, host: request.hostHeader, userAgent: HealthCheckRequest.userAgent, port: port)
    switch route.outcome {
    case .respond(let status, _): return .nginx("nginx answers it with \(status)")
    case .redirect(let status, _, _): return .nginx("nginx redirects it (\(status))")
    case .serveFiles: return .nginx("nginx serves it from files")
    case .noServer, .proxy, .unresolvedProxy: break
    }
    switch app.urls.resolve(String(request.pathOnly.dropFirst())) {
    case .notFound: return .free
    case .view(let view): return .view(view.name)
    case .unknown(let why): return .unknown(why.reason)
    }
  }

  /// A path whose name says it is a health endpoint (`/health/`, `/ping`, `/status/ready`).
  package static func looksLikeHealthPath(_ path: String) -> Bool {
    let names: Set<String> = [
      "ping", "status", "alive", "live", "liveness", "ready", "readiness", "heartbeat", "ht",
      "hc", "up", "elb-status", "lbstatus",
    ]
    return path.lowercased().split(separator: "/").contains {
      $0.contains("health") || names.contains(String($0))
    }
  }

  /// The path for a responder, given the configured path when the repository sets one.
  /// nil when no path reaches Django (nginx answers them all): a middleware cannot help.
  package static func choose(
    configured: String?, app: DjangoApp, environment: Environment, port: Int
  ) -> HealthPathChoice? {
    var movedFrom: Move?
    if let configured, configured != "/" {
      switch occupant(of: configured, app: app, environment: environment, port: port) {
      case .free:
        return HealthPathChoice(path: configured)
      case .view(let name) where looksLikeHealthPath(configured):
        return HealthPathChoice(path: configured, shadows: name)
      case .view(let name):
        movedFrom = Move(path: configured, servedBy: "the URLconf routes it to the view \(name)")
      case .nginx(let why):
        movedFrom = Move(path: configured, servedBy: why)
      case .unknown(let why):
        movedFrom = Move(path: configured, servedBy: "ebcheck cannot tell what serves it: \(why)")
      }
    } else if let configured,
      case .view(let name) = occupant(
        of: configured, app: app, environment: environment, port: port)
    {
      movedFrom = Move(path: configured, servedBy: "the URLconf routes it to the view \(name)")
    }
    var fallback: (String, String)?
    for candidate in candidates {
      switch occupant(of: candidate, app: app, environment: environment, port: port) {
      case .free:
        return HealthPathChoice(path: candidate, movedFrom: movedFrom)
      case .view(let name) where fallback == nil:
        fallback = (candidate, name)
      default:
        continue
      }
    }
    // Every candidate is routed (a catch-all pattern): answer the first, naming its view.
    guard let (path, view) = fallback else { return nil }
    return HealthPathChoice(path: path, movedFrom: movedFrom, shadows: view)
  }
}
