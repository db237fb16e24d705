import EBCheckCore
import EBCheckModel

extension HealthCheckSimulator {
  /// A `proxy_pass` to a unix socket or through an nginx variable: whether nginx reaches the
  /// app server, from the bind the repository gives it. The outcome when it does not (502,
  /// or unknown where the bind or the target cannot be read), nil when it does; the hops
  /// that say so either way.
  package func unreachedTarget(
    _ target: String, address: String, at: Location?, hops: [TraceHop]
  ) -> (outcome: HopOutcome?, hops: [TraceHop]) {
    var hops = hops
    // On the Docker platforms the app runs in a container the host's nginx reaches by port.
    guard environment.platform.runtime.value == .python else { return (nil, hops) }
    let server = environment.appServer
    if address.contains("$") {
      let why = Unverifiable(
        "where nginx proxies the check: \(target) is computed from an nginx variable", at: at)
      hops.append(TraceHop(step: "nginx", detail: why.reason + " → unverifiable", location: at))
      return (HopOutcome(status: nil, verdict: .unverifiable([why]), hops: hops), hops)
    }
    guard address.hasPrefix("unix:") else { return (nil, hops) }
    var path = String(address.dropFirst("unix:".count))
    // `http://unix:/run/app.sock:/prefix/`: the path ends at the colon before the URI.
    if let colon = path.firstIndex(of: ":") { path = String(path[..<colon]) }
    let proxied = "unix:\(path)"
    let bound: Sourced<String>
    if let socket = server.unixSocket {
      if socket.value == path {
        hops.append(
          TraceHop(
            step: server.kind, detail: "binds \(proxied), the socket nginx proxies to",
            location: socket.location))
        return (nil, hops)
      }
      bound = Sourced("unix:\(socket.value)", at: socket.location)
    } else if let port = server.port {
      bound = Sourced(":\(port.value)", at: port.location)
    } else {
      let why = Unverifiable(
        "whether \(server.kind) binds \(proxied), the socket nginx proxies to ("
          + (server.portUnknownReason ?? "its bind is not in the repository") + ")", at: at)
      hops.append(
        TraceHop(step: server.kind, detail: why.reason + " → unverifiable", location: at))
      return (HopOutcome(status: nil, verdict: .unverifiable([why]), hops: hops), hops)
    }
    let reason =
      "nothing listens on \(proxied): \(server.kind) binds \(bound.value); nginx answers 502"
    hops.append(TraceHop(step: server.kind, detail: reason, location: bound.location))
    let outcome = HopOutcome(
      status: 502,
      verdict: .badGateway(.proxiedSocketClosed(proxied: proxied, bound: bound.value), at: at),
      hops: hops)
    return (outcome, hops)
  }
}
