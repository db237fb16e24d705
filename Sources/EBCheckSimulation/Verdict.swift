import EBCheckCore
import EBCheckModel

/// Why the health checker got the answer it got: what the rules turn into findings.
public enum Verdict: Sendable, Hashable {
  /// A health middleware, nginx or the view answered.
  case answered(by: String, at: Location?)
  /// `get_host()` raised DisallowedHost (400). `caller` is the middleware that called it.
  case hostRejected(HostRejection)
  /// SecurityMiddleware (or nginx) redirected the plain-HTTP checker to HTTPS.
  case httpsRedirect(by: String, at: Location?)
  /// CommonMiddleware redirected to the slashed path.
  case slashRedirect(to: String, at: Location?)
  /// LocaleMiddleware redirected to the language-prefixed path (302).
  case localeRedirect(to: String, at: Location?)
  /// CommonMiddleware redirected to `www.` + host.
  case wwwRedirect(at: Location?)
  /// No URL pattern matches the path.
  case notRouted(path: String, urlconf: Location?)
  /// Login required: `LoginRequiredMiddleware` or a decorator redirects to LOGIN_URL.
  case loginRedirect(view: String, guardedAt: Location?)
  /// The view itself redirects (`redirect()`, `HttpResponseRedirect`, `RedirectView`).
  case viewRedirect(view: String, status: Int, to: String?, at: Location?)
  /// The view refuses the anonymous checker without a redirect (DRF's `IsAuthenticated`).
  case viewRefused(view: String, status: Int, reason: String, at: Location?)
  /// The view fails: a missing template or an exception (500), `Http404`, no GET handler (405).
  case viewFailed(view: String, answer: ViewAnswer)
  /// DISALLOWED_USER_AGENTS matched `ELB-HealthChecker` (403).
  case forbiddenUserAgent(at: Location?)
  /// nginx could not reach the app (502).
  case badGateway(BadGatewayCause, at: Location?)
  /// A TCP check: the port is served.
  case tcpOpen
  /// Nothing listens on the checked port.
  case portClosed(reason: String)
  /// nginx closes the connection without an answer (`return 444`): the check fails.
  case connectionClosed(by: String, at: Location?)
  /// The answer depends on things ebcheck cannot see.
  case unverifiable([Unverifiable])
  /// The environment has no load balancer, so no ELB health check.
  case noLoadBalancer
  /// The answer depends on an environment variable nothing in the repository sets: each
  /// answer with the values that lead to it.
  indirect case conditional([ConditionedOutcome])
}

extension Verdict {
  /// Whether the checker gets no HTTP response at all: nothing accepts the connection, or
  /// the proxy closes it without answering.
  public var leavesNoAnswer: Bool {
    switch self {
    case .portClosed, .connectionClosed: true
    default: false
    }
  }

  /// What the checker receives, as a trace or summary states it: the status when there is
  /// one, `no answer` when there is no response, else `unknown`.
  public func checkerAnswer(status: Int?) -> String {
    status.map(String.init) ?? (leavesNoAnswer ? "no answer" : "unknown")
  }
}

public struct HostRejection: Sendable, Hashable {
  /// The middleware whose get_host() call rejected the host.
  public var caller: MiddlewareEntry
  /// The ALLOWED_HOSTS assignment that produced the final value (nil when never set).
  public var allowedHosts: Location?
  /// Entries that would have matched on another instance setup, e.g. an IMDSv1 lookup.
  public var failedLookups: [HostEntry]
  /// True when ALLOWED_HOSTS is empty and DEBUG is off.
  public var emptyList: Bool
  /// Environment variables the hosts are read from: the rejection holds for every value
  /// they can be given except `'*'` (no value set before an instance starts holds its IP).
  public var unlessWildcardIn: [String]

  public init(
    caller: MiddlewareEntry, allowedHosts: Location?, failedLookups: [HostEntry] = [],
    emptyList: Bool = false, unlessWildcardIn: [String] = []
  ) {
    self.caller = caller
    self.allowedHosts = allowedHosts
    self.failedLookups = failedLookups
    self.emptyList = emptyList
    self.unlessWildcardIn = unlessWildcardIn
  }
}

/// Why nginx answers 502.
public enum BadGatewayCause: Sendable, Hashable {
  /// The app server binds another port than the one nginx proxies to.
  case portMismatch(bound: Int, proxied: Int)
  /// The repository's nginx proxies to a port the app server does not bind.
  case proxiedPortClosed(proxied: Int, bound: Int)
  /// The repository's nginx proxies to a unix socket the app server does not bind (or
  /// proxies to a port while it binds a socket): `unix:/run/app.sock`, `:8000`.
  case proxiedSocketClosed(proxied: String, bound: String)
  /// The WSGI module the server loads is not in the repository.
  case moduleNotFound(String)
  /// In a container, the server binds a loopback address the proxy cannot reach.
  case containerLoopback(host: String)
  /// Importing the settings raises, so the app never starts.
  case startupFailure(String)
  /// A `MIDDLEWARE` entry cannot be imported, so the app never starts.
  case middlewareNotLoadable(path: String, reason: String)
}
