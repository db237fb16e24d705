import EBCheckCore
import EBCheckModel
import EBCheckPython

/// How often the health checker's requests reach one instance: one per interval from each
/// load balancer node, and how many nodes the evidence allows ebcheck to count.
package struct CheckerCadence {
  package var loadBalancer: LoadBalancerType
  package var interval: Sourced<Int>

  /// The nodes ebcheck counts: an application load balancer needs subnets in at least two
  /// Availability Zones (one node in each); other types may have one.
  package var nodes: Int { loadBalancer == .application ? 2 : 1 }

  package var nodesText: String {
    loadBalancer == .application
      ? "each load balancer node (at least 2: an application load balancer spans at least two Availability Zones)"
      : "each load balancer node (at least one)"
  }

  /// When the checker's requests use up `throttle`'s window, as a sentence; nil when one
  /// request per interval per node stays within the rate. DRF keys the history by the
  /// client address, which behind nginx is each node's own: every node gets the full count.
  package func exhaustion(of throttle: ThrottleNote) -> String? {
    // One history per node; with a shared address, the nodes ebcheck counts fill one.
    let sharing = throttle.sharedByNodes == true ? nodes : 1
    let perWindow = (throttle.periodSeconds * sharing + interval.value - 1) / interval.value
    guard perWindow > throttle.count else { return nil }
    let seconds = throttle.count * interval.value / sharing
    var text =
      throttle.sharedByNodes == true
      ? "the checker sends one request every \(interval.value) s from \(nodesText) and DRF sees them all from the proxy's loopback address (NUM_PROXIES = 0), so they use up the \(throttle.count) after about \(Self.duration(seconds))"
      : "the checker sends one request every \(interval.value) s from \(nodesText) and DRF counts each node's address on its own, so each node's \(throttle.count) are used up after about \(Self.duration(seconds))"
    if throttle.sharedByNodes == nil {
      text += " (if DRF's client address is each node's own)"
    }
    if throttle.cacheBackend == "django.core.cache.backends.locmem.LocMemCache" {
      text +=
        " (the local-memory cache counts per worker process: later by up to the number of workers)"
    } else if throttle.cacheBackend == nil {
      text += " (if the default cache keeps the history)"
    }
    return text
  }

  /// `750` → "13 minutes", `45` → "45 seconds", `7200` → "2 hours".
  package static func duration(_ seconds: Int) -> String {
    if seconds < 120 { return "\(seconds) seconds" }
    let minutes = (seconds + 30) / 60
    if minutes < 120 { return "\(minutes) minutes" }
    return "\((minutes + 30) / 60) hours"
  }
}
