import EBCheckCore
import EBCheckModel
import EBCheckPython

/// Predicts, hop by hop, what the health checker gets back from one process of one environment.
public struct HealthCheckSimulator: Sendable {
  public let environment: Environment
  public let handle: EnvironmentHandle

  public init(environment: Environment, handle: EnvironmentHandle) {
    self.environment = environment
    self.handle = handle
  }

  /// Every process of every environment of the model, default process of the first first.
  public static func predictAll(_ model: ProjectModel) -> [HealthCheckPrediction] {
    model.handles.flatMap { handle, environment in
      HealthCheckSimulator(environment: environment, handle: handle).predictAll()
    }
  }

  public func predictAll() -> [HealthCheckPrediction] {
    environment.processes.map(predict)
  }

  public func predict(_ check: ProcessCheck) -> HealthCheckPrediction {
    // Evaluated once per instance family: the arms hold the answers.
    if !environment.instanceFamilyArms.isEmpty { return acrossInstanceFamilies(nil, check) }
    var prediction = withRequiredArm(predictOnce(check), check)
    // The answer takes the values the repository's lines give the settings; writes under
    // names ebcheck cannot read could change it only by setting one the model reads.
    if let open = environment.django?.openSettings, Self.reachesDjango(prediction.verdict) {
      prediction.trace.append("settings", open.condition, at: open.namespace.location)
      prediction.conditions.append(RelatedLocation(open.namespace.location, open.condition))
    }
    if let premise = prediction.premise { prediction = resting(prediction, on: premise) }
    return acrossInstanceFamilies(
      withConsoleWSGIPaths(acrossGenerations(prediction, check), check), check)
  }

  /// The prediction with the environment's values as they are (open variables unset).
  package func predictOnce(_ check: ProcessCheck) -> HealthCheckPrediction {
    var trace = Trace()
    if let infrastructure = environment.infrastructure {
      let definition = infrastructure.definition
      var detail = "\(definition.title)"
      if let name = definition.name, name != definition.resource { detail += " (\(name))" }
      if let template = infrastructure.template {
        detail += ", created from configuration template \(template.resource)"
      }
      detail += "; its settings override .ebextensions"
      trace.append("environment", detail, at: definition.location)
      let folder =
        infrastructure.appFolder.isEmpty ? "the repository root" : infrastructure.appFolder
      trace.append(
        "application", "deploys \(folder): \(infrastructure.appFolderReason)",
        at: infrastructure.appFolderLocation)
    }
    let loadBalancer = environment.loadBalancer
    trace.append(
      "load balancer", "\(loadBalancer.value.rawValue)\(Self.origin(loadBalancer))",
      at: loadBalancer.location)
    let platform = environment.platform
    trace.append(
      "platform",
      "\(platform.runtime.value.rawValue) on \(platform.generation.value.rawValue)"
        + "\(Self.origin(platform.generation)), \(platform.front)",
      at: platform.generation.location ?? platform.runtime.location)
    let protocolName = check.protocolName.value.uppercased()
    func prediction(_ status: Int?, _ healthy: Bool?, _ verdict: Verdict) -> HealthCheckPrediction {
      HealthCheckPrediction(
        environment: handle, process: check.name, loadBalancer: loadBalancer.value,
        protocol: protocolName, port: check.port.value,
        path: protocolName == "TCP" ? nil : check.path.value,
        host: protocolName == "TCP" ? nil : HealthCheckRequest.instanceHost,
        matcher: protocolName == "TCP" ? nil : check.matcher.value,
        status: status, healthy: healthy, trace: trace, verdict: verdict, check: check)
    }

    if loadBalancer.value == .none {
      trace.append("environment", "single instance: no load balancer health check")
      return prediction(nil, nil, .noLoadBalancer)
    }
    if !check.unverifiable.isEmpty {
      trace.append(
        "health check", "settings computed at deploy time → unverifiable",
        at: check.unverifiable[0].location)
      return prediction(nil, nil, .unverifiable(check.unverifiable))
    }
    if protocolName == "TCP" || protocolName == "SSL" {
      trace.append("TCP", "connect :\(check.port.value)", at: check.port.location)
      guard check.port.value == 80 || check.port.value == environment.upstreamPort.value else {
        trace.append("instance", "nothing listens on :\(check.port.value) → unhealthy")
        return prediction(
          nil, false, .portClosed(reason: "nothing listens on :\(check.port.value)"))
      }
      if let reason = environment.appServer.containerNotListening {
        trace.append("containers", reason.value + " → unhealthy", at: reason.location)
        return prediction(nil, false, .portClosed(reason: reason.value))
      }
      if environment.platform.runtime.value == .multicontainerDocker {
        // No nginx on the host: :80 is whichever container maps it, if one starts.
        let why = Unverifiable(
          "whether a container listens on :\(check.port.value) (multi-container Docker: the containers' port mappings and start-up are not modelled)",
          at: environment.platform.runtime.location)
        trace.append("instance", why.reason + " → unverifiable", at: why.location)
        return prediction(nil, nil, .unverifiable([why]))
      }
      trace.append("nginx", "listening on :\(check.port.value) → healthy")
      return prediction(nil, true, .tcpOpen)
    }
    if protocolName == "HTTPS" {
      trace.append("instance", "no TLS listener on :\(check.port.value) by default → unhealthy")
      return prediction(
        nil, false, .portClosed(reason: "the instance serves plain HTTP; nothing answers TLS"))
    }

    let request = HealthCheckRequest(path: check.path.value, port: check.port.value)
    trace.append(
      "GET \(request.path)",
      "Host: \(HealthCheckRequest.instanceHost), User-Agent: \(HealthCheckRequest.userAgent)\(Self.origin(check.path))",
      at: check.path.location)
    let outcome = answer(request)
    func premised(_ made: HealthCheckPrediction) -> HealthCheckPrediction {
      var made = made
      made.premise = outcome.premise
      made.throttles = outcome.throttles
      return made
    }
    trace.hops += outcome.hops
    guard let status = outcome.status else {
      // Nothing answering is a failed check; an unknown answer is unverifiable.
      switch outcome.verdict {
      case .portClosed, .connectionClosed: return premised(prediction(nil, false, outcome.verdict))
      default: return premised(prediction(nil, nil, outcome.verdict))
      }
    }
    guard let matcher = StatusMatcher(check.matcher.value) else {
      trace.append(
        "matcher", "'\(check.matcher.value)' is not a valid matcher", at: check.matcher.location)
      return premised(prediction(status, nil, outcome.verdict))
    }
    let healthy = matcher.accepts(status)
    trace.append(
      "matcher", "\(matcher)\(Self.origin(check.matcher)) → \(healthy ? "healthy" : "unhealthy")",
      at: check.matcher.location)
    return premised(prediction(status, healthy, outcome.verdict))
  }

  package static func origin<T>(_ sourced: Sourced<T>) -> String {
    sourced.isDefault && !sourced.origin.isEmpty ? " (\(sourced.origin))" : ""
  }

  /// The HTTP answer for the request and the hops that produced it.
  package func answer(_ request: HealthCheckRequest) -> HopOutcome {
    if let outcome = apacheAnswer(request) { return outcome }
    if let hop = proxyWithoutNginx() {
      return django(
        host: request.hostHeader, headers: [:], proxiedPort: nil, request: request, hops: [hop])
    }
    let route = environment.nginx.route(
      path: request.path, host: request.hostHeader, userAgent: HealthCheckRequest.userAgent,
      port: request.port)
    // The platform's own `if` (the healthd log timestamp) says nothing about this request.
    let hops = route.decisions.filter { !($0.location == nil && $0.detail.hasPrefix("if (")) }
    switch route.outcome {
    case .respond(let status, let location):
      let at = NginxConfiguration.userLocation(location)
      if status == NginxConfiguration.closeConnectionStatus {
        // 444 is nginx's own: the connection is closed and the checker gets no answer.
        return HopOutcome(status: nil, verdict: .connectionClosed(by: "nginx", at: at), hops: hops)
      }
      return HopOutcome(status: status, verdict: .answered(by: "nginx", at: at), hops: hops)
    case .redirect(let status, let target, let nginxLocation):
      let location = NginxConfiguration.userLocation(nginxLocation)
      let verdict: Verdict =
        target.lowercased().hasPrefix("https:")
        ? .httpsRedirect(by: "nginx", at: location)
        : .answered(by: "nginx redirect", at: location)
      return HopOutcome(status: status, verdict: verdict, hops: hops)
    case .serveFiles(let location):
      return HopOutcome(
        status: 404,
        verdict: .notRouted(path: request.path, urlconf: NginxConfiguration.userLocation(location)),
        hops: hops)
    case .noServer(let port):
      return HopOutcome(
        status: nil, verdict: .portClosed(reason: "nginx does not listen on :\(port)"), hops: hops)
    case .unresolvedProxy(let target, let address, let hostHeader, let at):
      let reached = unreachedTarget(target, address: address, at: at, hops: hops)
      if let failed = reached.outcome { return failed }
      return django(
        host: hostHeader, headers: route.upstreamHeaders, proxiedPort: nil, request: request,
        hops: reached.hops)
    case .proxy(let port, let hostHeader, let at):
      return django(
        host: hostHeader, headers: route.upstreamHeaders, proxiedPort: port, request: request,
        hops: hops, proxiedAt: at)
    }
  }

  /// The hop in front of the app when neither nginx nor Apache is: no proxy (Apache is
  /// `apacheAnswer`).
  package func proxyWithoutNginx() -> TraceHop? {
    let platform = environment.platform
    guard !platform.isModWSGI, platform.proxy.value == .none else { return nil }
    return TraceHop(
      step: "proxy", detail: "none: the app server answers on port 80",
      location: platform.proxy.location)
  }

  /// From the app server on: the port nginx proxies to must be the one it binds.
  package func django(
    host: String, headers: [String: String], proxiedPort: Int?, request: HealthCheckRequest,
    hops: [TraceHop], proxiedAt: Location? = nil
  ) -> HopOutcome {
    var hops = hops
    let server = environment.appServer
    if let reason = server.containerNotListening {
      hops.append(
        TraceHop(
          step: "containers", detail: reason.value + " → no answer", location: reason.location))
      return HopOutcome(status: nil, verdict: .portClosed(reason: reason.value), hops: hops)
    }
    if let loopback = server.containerLoopback {
      return containerUnreachable(loopback, proxied: proxiedPort != nil, hops: hops)
    }
    var premise: DeploymentPremise?
    if let reason = server.containerCommandUnknown {
      // What follows is the app's answer if the command starts it: a premise, never assumed.
      premise = self.premise(proxiedPort: proxiedPort)
      hops.append(
        TraceHop(
          step: "container", detail: reason.value + "; if it starts the app, it answers:",
          location: reason.location))
    }
    var outcome = appServerAnswer(
      host: host, headers: headers, proxiedPort: proxiedPort, request: request, hops: hops,
      proxiedAt: proxiedAt)
    outcome.premise = premise
    return outcome
  }

  /// The app server's and the app's answer, once a container (if any) is taken to run it.
  package func appServerAnswer(
    host: String, headers: [String: String], proxiedPort: Int?, request: HealthCheckRequest,
    hops: [TraceHop], proxiedAt: Location? = nil
  ) -> HopOutcome {
    var hops = hops
    let server = environment.appServer
    if let port = proxiedPort, let bound = server.port, bound.value != port, let proxiedAt,
      port != environment.upstreamPort.value
    {
      // The repository's own nginx file picked a port the app server does not bind.
      let reason =
        "nothing listens on :\(port): \(server.kind) binds :\(bound.value); nginx answers 502"
      hops.append(TraceHop(step: server.kind, detail: reason, location: bound.location))
      return HopOutcome(
        status: 502,
        verdict: .badGateway(.proxiedPortClosed(proxied: port, bound: bound.value), at: proxiedAt),
        hops: hops)
    }
    if let port = proxiedPort, let bound = server.port, bound.value != port {
      let reason = "\(server.kind) binds :\(bound.value) but nginx proxies to :\(port)"
      hops.append(TraceHop(step: server.kind, detail: reason + " → 502", location: bound.location))
      return HopOutcome(
        status: 502,
        verdict: .badGateway(.portMismatch(bound: bound.value, proxied: port), at: bound.location),
        hops: hops)
    }
    if let module = server.module, server.moduleMissing {
      let reason =
        server.moduleFoundOnlyAt.map {
          "\(server.kind) cannot import \(module.value) from its working directory: the module is only at \($0), in a folder not on sys.path"
        } ?? "\(server.kind) cannot import \(module.value): no such module in the repository"
      hops.append(
        TraceHop(step: server.kind, detail: reason + " → nginx 502", location: module.location))
      return HopOutcome(
        status: 502, verdict: .badGateway(.moduleNotFound(module.value), at: module.location),
        hops: hops)
    }
    let module = server.module.map { " \($0.value)" } ?? ""
    let port = server.port.map { ":\($0.value)" } ?? proxiedPort.map { ":\($0)" } ?? ""
    hops.append(
      TraceHop(
        step: server.kind, detail: "\(port)\(module)".trimmingWhitespace(),
        location: server.port?.location ?? server.module?.location))
    guard let django = environment.django else {
      if let image = server.unbuiltImage {
        // The app's code is the image's, not the bundle's: nothing here says it is missing.
        let why = Unverifiable(
          "the app runs in \(image.value), which no file of the repository builds, and this repository's Django settings are not found where that image would import them from",
          at: image.location)
        hops.append(
          TraceHop(
            step: "Django",
            detail: "the app's code is whatever \(image.value) holds → unverifiable",
            location: image.location))
        return HopOutcome(status: nil, verdict: .unverifiable([why]), hops: hops)
      }
      if case .known(let named)? = environment.settingsModule, named.location != nil,
        !named.value.contains("$")
      {
        // Django imports it when the first worker boots: ModuleNotFoundError, no worker.
        let reason =
          "DJANGO_SETTINGS_MODULE is \(named.value), which is not a module of this repository: importing it fails, the app never starts"
        hops.append(
          TraceHop(step: "Django", detail: reason + " → nginx 502", location: named.location))
        return HopOutcome(
          status: 502, verdict: .badGateway(.moduleNotFound(named.value), at: named.location),
          hops: hops)
      }
      let why = Unverifiable(
        "no Django settings module found for this environment",
        variables: ["DJANGO_SETTINGS_MODULE"])
      hops.append(TraceHop(step: "Django", detail: "settings not found → unverifiable"))
      return HopOutcome(status: nil, verdict: .unverifiable([why]), hops: hops)
    }
    if let failure = django.startupFailure {
      let reason = "importing the settings fails (\(failure.value)): the app never starts"
      hops.append(
        TraceHop(step: "Django", detail: reason + " → nginx 502", location: failure.location))
      return HopOutcome(
        status: 502, verdict: .badGateway(.startupFailure(failure.value), at: failure.location),
        hops: hops)
    }
    var simulation = DjangoSimulation(
      app: django, request: request, host: host, headers: headers,
      imdsV1Disabled: environment.imdsV1Disabled)
    let outcome = simulation.run()
    return HopOutcome(
      status: outcome.status, verdict: outcome.verdict, hops: hops + outcome.hops,
      throttles: outcome.throttles)
  }
}

/// A status (nil when unverifiable), why, and the hops that explain it.
package struct HopOutcome {
  package var status: Int?
  package var verdict: Verdict
  package var hops: [TraceHop]
  /// What the deployment must do for this answer to hold (a container command ebcheck does
  /// not read starting the app).
  package var premise: DeploymentPremise? = nil
  /// The rate throttles the view passed on the way (HC015).
  package var throttles: [ThrottleNote] = []
}
