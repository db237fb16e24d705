import EBCheckCore
import EBCheckModel
import EBCheckPython

extension DjangoSimulation {
  /// The request Django builds from what the hop in front of the app forwarded.
  package func requestData(hostCheck: DjangoHostCheck) -> DjangoRequestData {
    let behindProxy = !headers.isEmpty
    var forwarded: [(String, String)] = []
    var dynamicHeaders: [(String, PyValue)] = []
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) where name != "host" {
      if name == "x-forwarded-for" || name == "x-real-ip" {
        // What nginx adds here is the load balancer's private address: not knowable.
        dynamicHeaders.append((name, Self.loadBalancerAddress))
      } else {
        forwarded.append((name, value))
      }
    }
    if !forwarded.contains(where: { $0.0 == "user-agent" }) {
      forwarded.append(("user-agent", HealthCheckRequest.userAgent))
    }
    let hostPart = host.split(separator: ":", maxSplits: 1)
    let port = hostPart.count > 1 ? String(hostPart[1]) : "80"
    var data = DjangoRequestData.fromHop(
      method: request.method, path: request.path, host: isInstanceHost ? nil : host,
      headers: forwarded,
      remoteAddress: behindProxy ? .string("127.0.0.1") : Self.loadBalancerAddress,
      serverPort: Int(port) ?? 80, isSecure: isSecure, hostCheck: hostCheck)
    data.djangoMajorVersion = app.version?.value.major
    for (name, value) in dynamicHeaders {
      data.meta.append(("HTTP_" + name.uppercased().replacingOccurrences("-", "_"), value))
    }
    return data
  }

  package static var loadBalancerAddress: PyValue {
    .dynamic(
      DynamicValue(
        reason: "the load balancer's private address",
        location: Location(file: "", span: Span(at: 0))))
  }

  /// What `get_host()` does for this request, as Django validates it.
  package func hostCheck(_ entry: MiddlewareEntry) -> DjangoHostCheck {
    let hostValue: PyValue =
      isInstanceHost
      ? .dynamic(
        DynamicValue(
          reason: "the instance's private IP", location: Location(file: "", span: Span(at: 0))))
      : .string(String(host.split(separator: ":").first ?? Substring(host)))
    if allowCIDR { return .allowed(host: hostValue) }
    switch HostPolicy(app: app, imdsV1Disabled: imdsV1Disabled).check(host: host, caller: entry) {
    case .allowed: return .allowed(host: hostValue)
    case .rejected(_, let why): return .disallowed(reason: why)
    case .unknown(let reasons):
      return .unknown(reason: reasons.map(\.reason).joined(separator: "; "))
    }
  }

  /// Runs a middleware of the repository; nil when it passed the request on.
  package mutating func run(
    _ custom: CustomMiddleware, _ entry: MiddlewareEntry, processView: Bool = false,
    afterLogin: Bool = false, viewName: String? = nil
  ) -> HopOutcome? {
    let name = processView ? entry.shortName + ".process_view" : entry.shortName
    let run = custom.run(
      requestData(hostCheck: hostCheck(entry)), at: entry.location, processView: processView,
      viewName: viewName)
    if run.hasProcessView, !processView { viewHooks.append((custom, entry, afterLogin)) }
    customLocale = run.appliesLocale
    for note in run.conditions where note.location.file != "" {
      let outcome = note.outcome.map { $0 ? "True" : "False" } ?? "undecided"
      hop(name, "\(Self.shortened(note.text)) → \(outcome)", at: note.location)
    }
    switch run.outcome {
    case .passedOn:
      if run.hostCheckedAt != nil {
        hop(name, "get_host() → allowed; pass", at: run.hostCheckedAt)
      } else if processView {
        hop(name, "returns None: on to the view", at: entry.location)
      } else if run.appliesLocale {
        hop(
          name, "pass (calls get_response; LocaleMiddleware's process_response applies)",
          at: entry.location)
      } else {
        hop(name, "pass (calls get_response)", at: entry.location)
      }
      return nil
    case .notUsed(let at):
      hop(name, "raises MiddlewareNotUsed: Django drops it", at: at)
      return nil
    case .answered(let status, let at, _):
      hop(name, "answers \(status)", at: at)
      return finish(status, .answered(by: name, at: at))
    case .raised(let kind, let status, let at):
      if kind == "DisallowedHost", let hostAt = run.hostCheckedAt {
        let caller = MiddlewareEntry(path: entry.path, location: hostAt, kind: entry.kind)
        if let outcome = validateHost(caller, detail: "get_host()") { return outcome }
      }
      guard let status else {
        let why = Unverifiable("\(name) raises \(kind), whose answer ebcheck cannot tell", at: at)
        hop(name, "raises \(kind) → unverifiable", at: at)
        return finish(nil, .unverifiable([why]))
      }
      hop(name, "raises \(kind) → \(status)", at: at)
      return finish(status, .answered(by: name, at: at))
    case .unknown(let reason, let at):
      hop(name, "\(reason) → unverifiable", at: at ?? entry.location)
      return finish(
        nil, .unverifiable([Unverifiable("\(name): \(reason)", at: at ?? entry.location)]))
    case .notLoadable(let reason, let at):
      hop(name, "Django cannot load it (\(reason)): the app never starts → nginx 502", at: at)
      return finish(
        502,
        .badGateway(
          .middlewareNotLoadable(path: entry.path, reason: reason), at: entry.location ?? at))
    }
  }

  /// The source text of a condition, on one line and shortened for a hop.
  package static func shortened(_ text: String) -> String {
    let flat = text.split(whereSeparator: \.isNewline).map {
      String($0.drop { $0 == " " || $0 == "\t" })
    }.joined(separator: " ")
    return flat.count > 80 ? String(flat.prefix(77)) + "..." : flat
  }
}
