import EBCheckCore

/// A DRF rate throttle the health view passed through, as numbers: the rules compare them
/// with the checker's cadence, which the interpreter does not see.
package struct ThrottleNote: Sendable, Hashable {
  /// The rate as written (`100/day`).
  package var rate: String
  /// Requests allowed per window (`100`).
  package var count: Int
  /// The window in seconds (DRF reads the period's first letter: s, m, h, d).
  package var periodSeconds: Int
  /// The throttle class (`AnonRateThrottle`) and its scope, when it has one.
  package var className: String
  package var scope: String?
  /// `CACHES['default']['BACKEND']` the history lives in (nil: not evaluated).
  package var cacheBackend: String?
  /// Where the rate is written: the class's `rate` or the `DEFAULT_THROTTLE_RATES` entry.
  package var location: Location?
  /// Whether every load balancer node's checks share one history: DRF's `get_ident` gives
  /// the proxy's loopback address (`NUM_PROXIES = 0` behind nginx) rather than each node's
  /// own; nil when the address cannot be told.
  package var sharedByNodes: Bool? = false

  package init(
    rate: String, count: Int, periodSeconds: Int, className: String, scope: String?,
    cacheBackend: String?, location: Location?
  ) {
    self.rate = rate
    self.count = count
    self.periodSeconds = periodSeconds
    self.className = className
    self.scope = scope
    self.cacheBackend = cacheBackend
    self.location = location
  }

  /// DRF's `get_ident` over the request's META: with `NUM_PROXIES` unset the whole
  /// X-Forwarded-For (else REMOTE_ADDR); with 0, REMOTE_ADDR; with n, the n-th address from
  /// the right. Shared when it is the loopback address of the proxy on the instance.
  package static func sharedByNodes(meta: (String) -> PyValue?, numProxies: PyValue?) -> Bool? {
    let forwarded = meta("HTTP_X_FORWARDED_FOR")
    let remote = meta("REMOTE_ADDR")
    var ident = forwarded ?? remote
    if case .int(0)? = numProxies { ident = remote }
    switch ident {
    case .string(let address)?: return address.hasPrefix("127.")
    case .dynamic?: return false  // the node's own private address
    default: return nil
    }
  }

  /// DRF's `parse_rate`: `num/period`, the period by its first letter; nil when DRF
  /// would raise (not a number, an unknown period).
  package static func parse(_ rate: String) -> (count: Int, seconds: Int)? {
    let parts = rate.split(separator: "/", maxSplits: 1).map(String.init)
    guard parts.count == 2, let count = Int(parts[0]), let first = parts[1].first else {
      return nil
    }
    guard let seconds = ["s": 1, "m": 60, "h": 3600, "d": 86400][String(first)] else {
      return nil
    }
    return (count, seconds)
  }
}
