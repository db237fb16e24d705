import EBCheckCore
import EBCheckModel

extension HealthCheckSimulator {
  /// The Apache hop: the platform's virtual host (a reverse proxy to the app port, or mod_wsgi
  /// running the app in-process) with the repository's httpd rules; nil when nginx or no
  /// proxy fronts the app.
  package func apacheAnswer(_ request: HealthCheckRequest) -> HopOutcome? {
    let platform = environment.platform
    let layout: HttpdRouter.Layout
    let front: TraceHop
    if platform.isModWSGI {
      layout = .modWSGI(script: environment.httpd.wsgiScript)
      front = TraceHop(
        step: "Apache httpd",
        detail:
          "mod_wsgi runs \(environment.httpd.wsgiScript) in Apache's <VirtualHost *:80>; Django gets the request's Host",
        location: platform.generation.location)
    } else if platform.proxy.value == .apache {
      layout = .proxy(upstream: environment.upstreamPort.value)
      front = TraceHop(
        step: "Apache httpd",
        detail:
          "<VirtualHost *:80> proxies / to :\(environment.upstreamPort.value) with ProxyPreserveHost on (the request's Host)",
        location: platform.proxy.location)
    } else {
      return nil
    }
    let router = HttpdRouter(configuration: environment.httpd, layout: layout)
    let (outcome, httpdHops) = router.route(
      path: request.pathOnly, host: request.hostHeader, userAgent: HealthCheckRequest.userAgent)
    let hops = [front] + httpdHops
    switch outcome {
    case .pass(let headers):
      let host = headers["host"] ?? request.hostHeader
      var upstream = headers
      upstream["host"] = nil
      upstream["user-agent"] = nil
      let proxied: Int? = platform.isModWSGI ? nil : environment.upstreamPort.value
      return django(
        host: host, headers: upstream, proxiedPort: proxied, request: request, hops: hops)
    case .respond(let status, let location):
      return HopOutcome(
        status: status, verdict: .answered(by: "Apache httpd", at: location), hops: hops)
    case .redirect(let status, let target, let location):
      let verdict: Verdict =
        target.lowercased().hasPrefix("https:")
        ? .httpsRedirect(by: "Apache httpd", at: location)
        : .answered(by: "Apache httpd redirect", at: location)
      return HopOutcome(status: status, verdict: verdict, hops: hops)
    case .unknown(let unknown):
      return HopOutcome(status: nil, verdict: .unverifiable([unknown]), hops: hops)
    }
  }
}
