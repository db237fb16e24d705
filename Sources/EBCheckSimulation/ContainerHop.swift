import EBCheckCore
import EBCheckModel

extension HealthCheckSimulator {
  /// A server bound to the container's loopback: the platform's nginx (or, with no proxy,
  /// the port Docker publishes) reaches the container's own address, where nothing listens.
  package func containerUnreachable(
    _ loopback: Sourced<String>, proxied: Bool, hops: [TraceHop]
  ) -> HopOutcome {
    let server = environment.appServer
    let origin = loopback.origin.isEmpty ? "" : " (\(loopback.origin))"
    let reached =
      proxied
      ? "nginx connects to the container's address"
      : "port 80 is published to the container's address"
    var hops = hops
    hops.append(
      TraceHop(
        step: server.kind,
        detail:
          "binds \(loopback.value)\(origin) inside the container; \(reached), where nothing listens → \(proxied ? "502" : "no answer")",
        location: loopback.location))
    let verdict: Verdict =
      proxied
      ? .badGateway(.containerLoopback(host: loopback.value), at: loopback.location)
      : .portClosed(reason: "\(server.kind) binds \(loopback.value) inside the container")
    return HopOutcome(status: proxied ? 502 : nil, verdict: verdict, hops: hops)
  }
}
