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
        detail: environment.httpd.replacedPlatformHost == nil
          ? "mod_wsgi runs \(environment.httpd.wsgiScript) in Apache's <VirtualHost *:80>; Django gets the request's Host"
          : "Apache + mod_wsgi, with the virtual hosts a deploy hook installs (WSGIPath \(environment.httpd.wsgiScript)); Django gets the request's Host",
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
    if platform.isModWSGI, environment.httpd.refused {
      // The AMI restarts httpd through supervisord and fails the deployment when it does not
      // come up (docs/facts.md, Apache): nothing listens on port 80.
      let refusal = environment.httpd.diagnostics[0]
      let said =
        refusal.message.firstRange(of: ": apachectl").map {
          String(refusal.message[..<$0.lowerBound])
        } ?? refusal.message
      let hop = TraceHop(
        step: "Apache httpd",
        detail:
          "apachectl configtest refuses the configuration (\(said)): httpd does not start, so nothing answers on port 80",
        location: refusal.location)
      return HopOutcome(
        status: nil,
        verdict: .portClosed(
          reason: "httpd does not start: apachectl configtest refuses its configuration"),
        hops: [front, hop])
    }
    let (outcome, httpdHops) = Self.route(environment.httpd, layout, request)
    let hops = [front] + httpdHops
    var rewritten = request
    switch outcome {
    case .pass(let headers), .passRewritten(_, let headers):
      if case .passRewritten(let path, _) = outcome {
        rewritten = HealthCheckRequest(path: path, port: request.port)
      }
      let host = headers["host"] ?? request.hostHeader
      var upstream = headers
      upstream["host"] = nil
      upstream["user-agent"] = nil
      let proxied: Int? = platform.isModWSGI ? nil : environment.upstreamPort.value
      return django(
        host: host, headers: upstream, proxiedPort: proxied, request: rewritten, hops: hops)
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

  /// The router's answer over the files that apply; with files that may or may not apply,
  /// the answer both ways when they agree, else unknown with the reason.
  package static func route(
    _ configuration: HttpdConfiguration, _ layout: HttpdRouter.Layout, _ request: HealthCheckRequest
  ) -> (HttpdRouter.Outcome, [TraceHop]) {
    func run(_ configuration: HttpdConfiguration) -> (HttpdRouter.Outcome, [TraceHop]) {
      HttpdRouter(configuration: configuration, layout: layout).route(
        path: request.pathOnly, host: request.hostHeader, userAgent: HealthCheckRequest.userAgent)
    }
    let without = run(configuration)
    guard !configuration.uncertainFiles.isEmpty else { return without }
    var extended = configuration
    extended.files += configuration.uncertainFiles
    extended.uncertainFiles = []
    let with = run(extended)
    let files = Set(configuration.uncertainFiles.map(\.path)).sorted().joined(separator: ", ")
    let first = configuration.uncertainFiles.first?.directives.first?.location
    if HttpdRouter.sameAnswer(without.0, with.0) {
      let hop = TraceHop(
        step: "Apache httpd",
        detail:
          "\(configuration.uncertainReason) (\(files)); the answer is the same with and without them",
        location: first)
      return (with.0, [hop] + with.1)
    }
    let unknown = Unverifiable(
      "\(configuration.uncertainReason) (\(files)), and the answer differs with and without them",
      at: first ?? Location(file: configuration.uncertainFiles[0].path, span: Span(at: 0)))
    let hop = TraceHop(step: "Apache httpd", detail: unknown.reason, location: unknown.location)
    return (.unknown(unknown), with.1 + [hop])
  }
}
