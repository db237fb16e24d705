import EBCheckCore
import EBCheckFormats
import EBCheckModel

/// What nginx does with one request, as far as the health check cares.
public enum NginxOutcome: Sendable, Hashable {
  /// nginx answers by itself (`return 200;`, or 404 when no location matches).
  case respond(status: Int, location: Location)
  /// nginx redirects (`return 301 https://...`, `rewrite ... permanent`).
  case redirect(status: Int, target: String, location: Location)
  /// nginx passes the request to the app on 127.0.0.1:`port`; Django sees `Host: hostHeader`.
  case proxy(port: Int, hostHeader: String, location: Location?)
  /// nginx passes the request on, but to something ebcheck cannot resolve to a port
  /// (a unix socket, a variable, an unknown upstream).
  case unresolvedProxy(target: String, address: String, hostHeader: String, location: Location?)
  /// No `proxy_pass` and no `return`: nginx serves files from `root` (usually 404).
  case serveFiles(location: Location?)
  /// No server listens on the port.
  case noServer(port: Int)
}

/// The outcome plus the decisions that led to it, in order, for a trace.
public struct NginxRoute: Sendable, Hashable {
  public var outcome: NginxOutcome
  public var decisions: [TraceHop]
  /// The URI after rewrites.
  public var uri: String
  /// For a proxied request: the headers the app receives (lowercased names): the request's
  /// own headers, overridden by the effective `proxy_set_header` lines (an empty value drops
  /// the header), with `Host` as in the outcome. Empty when nginx answers by itself.
  public var upstreamHeaders: [String: String] = [:]
}

extension NginxConfiguration {
  /// Simulates one request on `port` (80 unless the health check targets another port).
  public func route(
    path: String, host: String, userAgent: String, headers: [String: String] = [:],
    port: Int = 80
  ) -> NginxRoute {
    var router = Router(
      configuration: self, path: path, host: host, userAgent: userAgent,
      headers: headers)
    return router.run(port: port)
  }
}

/// Walks one request through the configuration the way nginx does: pick the server, run the
/// server's rewrite directives, find the location (`=`, longest prefix, `^~`, regexes in
/// order), run its rewrite directives (`if`, `set`, `return`, `rewrite`), then its content
/// handler (`proxy_pass`, `uwsgi_pass`, files).
package struct Router {
  package let configuration: NginxConfiguration
  package var uri: String
  package var args: String
  package let host: String
  package let rawHost: String
  package let headers: [String: String]
  /// The request's headers with lowercased names, as they would be passed upstream.
  package let rawHeaders: [String: String]
  package var variables: [String: String] = [:]
  package var captures: [String?] = []
  package var decisions: [TraceHop] = []
  /// `if` blocks that matched inside the current location: their content directives win.
  package var matchedIfs: [NginxDirective] = []

  package init(
    configuration: NginxConfiguration, path: String, host: String, userAgent: String,
    headers: [String: String]
  ) {
    self.configuration = configuration
    if let question = path.firstIndex(of: "?") {
      uri = String(path[..<question])
      args = String(path[path.index(after: question)...])
    } else {
      uri = path
      args = ""
    }
    if uri.isEmpty { uri = "/" }
    rawHost = host
    self.host = Self.hostWithoutPort(host)
    var normalized: [String: String] = [:]
    for (key, value) in headers {
      normalized[key.lowercased().replacingDashes()] = value
    }
    normalized["user_agent"] = userAgent
    normalized["host"] = host
    self.headers = normalized
    var raw: [String: String] = [:]
    for (key, value) in headers { raw[key.lowercased()] = value }
    raw["user-agent"] = userAgent
    rawHeaders = raw
  }

  package static func hostWithoutPort(_ host: String) -> String {
    let lower = host.lowercased()
    if lower.hasPrefix("[") {
      if let close = lower.firstIndex(of: "]") { return String(lower[...close]) }
      return lower
    }
    if let colon = lower.firstIndex(of: ":") { return String(lower[..<colon]) }
    return lower
  }

  package enum Step {
    case next
    case stop(NginxOutcome)
    case breakRewrites
    case restart
  }

  package mutating func note(_ detail: String, _ directive: NginxDirective?) {
    let location = directive.flatMap(NginxConfiguration.userLocation)
    let place = directive.map { " at " + describe($0) } ?? ""
    decisions.append(TraceHop(step: "nginx", detail: detail + place, location: location))
  }

  package func describe(_ directive: NginxDirective) -> String {
    NginxConfiguration.describe(directive, lineIndexes: configuration.lineIndexes)
  }

  /// Set when the request is proxied: what the app receives.
  package var upstreamHeaders: [String: String] = [:]

  package mutating func run(port: Int) -> NginxRoute {
    let outcome = resolve(port: port)
    var route = NginxRoute(outcome: outcome, decisions: decisions, uri: uri)
    route.upstreamHeaders = upstreamHeaders
    return route
  }

  package mutating func resolve(port: Int) -> NginxOutcome {
    guard let server = selectServer(port: port) else {
      decisions.append(TraceHop(step: "nginx", detail: "no server block listens on port \(port)"))
      return .noServer(port: port)
    }
    switch runRewrites(server.directives) {
    case .stop(let outcome): return outcome
    default: break
    }
    for _ in 0..<10 {
      guard let location = findLocation(in: server.locations) else {
        note("no location matches \(uri): nginx answers 404", server.directive)
        return .respond(status: 404, location: server.directive.location)
      }
      note("location \(location.label) matches \(uri)", location.directive)
      matchedIfs = []
      let before = uri
      let step = runRewrites(location.directive.block ?? [], inLocation: true)
      switch step {
      case .stop(let outcome): return outcome
      case .restart:
        note("rewritten to \(uri): searching locations again", nil)
        continue
      case .next where uri != before:
        note("rewritten to \(uri): searching locations again", nil)
        continue
      default:
        switch tryFiles(location, server: server) {
        case .answer(let outcome): return outcome
        case .redirect(let target, let directive):
          uri = target
          matchedIfs = []
          note("try_files falls back to \(target): searching locations again", directive)
          continue
        case .none:
          return content(location, server: server)
        }
      }
    }
    note("rewrite cycle: nginx answers 500", server.directive)
    return .respond(status: 500, location: server.directive.location)
  }

  // MARK: Server selection

  package func selectServer(port: Int) -> NginxServer? {
    let candidates = configuration.servers.filter { $0.ports.contains(port) }
    guard !candidates.isEmpty else { return nil }
    if let named = candidates.first(where: { server in
      server.names.contains { Self.serverName($0, matches: host) }
    }) {
      return named
    }
    return candidates.first(where: \.isDefault) ?? candidates.first
  }

  package static func serverName(_ name: String, matches host: String) -> Bool {
    let lower = name.lowercased()
    if lower.hasPrefix("~") {
      let regex = try? NginxRegex(String(name.dropFirst()), caseInsensitive: true)
      return regex?.matches(host) ?? false
    }
    if lower == host { return true }
    if lower.hasPrefix("*.") { return host.hasSuffix(String(lower.dropFirst())) }
    if lower.hasPrefix(".") { return host == String(lower.dropFirst()) || host.hasSuffix(lower) }
    if lower.hasSuffix(".*") { return host.hasPrefix(String(lower.dropLast())) }
    return false
  }

  // MARK: Location matching

  package func findLocation(in locations: [NginxLocation]) -> NginxLocation? {
    search(locations).location
  }

  /// Mirrors `ngx_http_core_find_location`: `definitive` when an exact, `^~` or regex
  /// location decided, so outer regexes are not tried.
  package func search(_ locations: [NginxLocation]) -> (location: NginxLocation?, definitive: Bool)
  {
    var best: NginxLocation?
    var bestLength = -1
    for location in locations {
      switch location.match {
      case .exact(let path) where path == uri:
        return (location, true)
      case .prefix(let path, _) where uri.hasPrefix(path) && path.utf8.count > bestLength:
        best = location
        bestLength = path.utf8.count
      default:
        continue
      }
    }
    var found = best
    if let prefix = best {
      if !prefix.nested.isEmpty {
        let inner = search(prefix.nested)
        if inner.definitive { return inner }
        if let location = inner.location { found = location }
      }
      if case .prefix(_, true) = prefix.match { return (found, true) }
    }
    for location in locations {
      if case .regex(let regex) = location.match, regex.matches(uri) {
        return (location, true)
      }
    }
    return (found, false)
  }

  // MARK: Rewrite module

  package mutating func runRewrites(_ directives: [NginxDirective], inLocation: Bool = false)
    -> Step
  {
    for directive in directives {
      switch directive.name {
      case "set":
        guard directive.arguments.count >= 2 else { continue }
        let name =
          directive.values[0].hasPrefix("$")
          ? String(directive.values[0].dropFirst()) : directive.values[0]
        variables[name] = interpolate(directive.values[1])
      case "break":
        note("break stops the rewrite directives", directive)
        return .breakRewrites
      case "return":
        return .stop(returnOutcome(directive))
      case "rewrite":
        let step = rewrite(directive, inLocation: inLocation)
        if case .next = step { continue }
        return step
      case "if":
        let (holds, text) = condition(directive)
        guard holds else {
          note("if \(text) is false", directive)
          continue
        }
        note("if \(text) is true", directive)
        if inLocation { matchedIfs.append(directive) }
        let step = runRewrites(directive.block ?? [], inLocation: inLocation)
        if case .next = step { continue }
        return step
      default:
        continue
      }
    }
    return .next
  }

  package mutating func returnOutcome(_ directive: NginxDirective) -> NginxOutcome {
    let values = directive.values
    let location = directive.location
    if let first = values.first, let code = Int(first) {
      if [301, 302, 303, 307, 308].contains(code), values.count >= 2 {
        let target = absolute(interpolate(values[1]))
        note("return \(code) \(target)", directive)
        return .redirect(status: code, target: target, location: location)
      }
      note(
        code == NginxConfiguration.closeConnectionStatus
          ? "return 444: nginx closes the connection without an answer" : "return \(code)",
        directive)
      return .respond(status: code, location: location)
    }
    let target = absolute(interpolate(values.first ?? ""))
    note("return 302 \(target)", directive)
    return .redirect(status: 302, target: target, location: location)
  }

  package func absolute(_ target: String) -> String {
    if target.hasPrefix("http://") || target.hasPrefix("https://") { return target }
    return "http://" + host + (target.hasPrefix("/") ? target : "/" + target)
  }

  package mutating func rewrite(_ directive: NginxDirective, inLocation: Bool) -> Step {
    let values = directive.values
    guard values.count >= 2, let regex = try? NginxRegex(values[0]) else { return .next }
    guard let groups = regex.firstMatch(in: uri) else { return .next }
    captures = groups
    let flag = values.count >= 3 ? values[2] : ""
    var replacement = values[1]
    let keepArgs = !replacement.hasSuffix("?")
    if !keepArgs { replacement.removeLast() }
    let target = interpolate(replacement)
    let isURL =
      target.hasPrefix("http://") || target.hasPrefix("https://")
      || values[1].hasPrefix("$scheme")
    if flag == "permanent" || flag == "redirect" || isURL {
      let status = flag == "permanent" ? 301 : 302
      var full = absolute(target)
      if keepArgs && !args.isEmpty { full += (full.contains("?") ? "&" : "?") + args }
      note("rewrite → \(status) \(full)", directive)
      return .stop(.redirect(status: status, target: full, location: directive.location))
    }
    if let question = target.firstIndex(of: "?") {
      uri = String(target[..<question])
      args = String(target[target.index(after: question)...])
    } else {
      uri = target
      if !keepArgs { args = "" }
    }
    note("rewrite \(values[0]) → \(uri)\(flag.isEmpty ? "" : " " + flag)", directive)
    switch flag {
    case "last": return inLocation ? .restart : .breakRewrites
    case "break": return .breakRewrites
    default: return .next
    }
  }

  /// Evaluates `if (...)`: `($var)`, `=`, `!=`, `~`, `~*`, `!~`, `!~*`, file tests.
  package mutating func condition(_ directive: NginxDirective) -> (Bool, String) {
    var values = directive.values
    let text = "(" + values.joinedBySeparator(" ").trimmingCharacters(in: "()") + ")"
    guard !values.isEmpty else { return (false, text) }
    if values[0] == "(" {
      values.removeFirst()
    } else if values[0].hasPrefix("(") {
      values[0].removeFirst()
    }
    guard !values.isEmpty else { return (false, text) }
    let last = values.count - 1
    if values[last] == ")" {
      values.removeLast()
    } else if values[last].hasSuffix(")") {
      values[last].removeLast()
    }
    guard let subject = values.first else { return (false, text) }
    if values.count == 1 {
      let value = interpolate(subject)
      return (!value.isEmpty && value != "0", text)
    }
    if subject.hasPrefix("-") || subject.hasPrefix("!-") {
      // Files on the instance are unknown: assume they do not exist.
      return (subject.hasPrefix("!"), text + " (assuming the file does not exist)")
    }
    let op = values[1]
    let operand = values.count >= 3 ? values[2] : ""
    let value = interpolate(subject)
    switch op {
    case "=": return (value == interpolate(operand), text)
    case "!=": return (value != interpolate(operand), text)
    case "~", "~*", "!~", "!~*":
      guard let regex = try? NginxRegex(operand, caseInsensitive: op.hasSuffix("*")) else {
        return (false, text + " (regex not understood)")
      }
      let groups = regex.firstMatch(in: value)
      if let groups { captures = groups }
      return ((groups != nil) != op.hasPrefix("!"), text)
    default:
      return (false, text)
    }
  }

  // MARK: Content

  package mutating func content(_ location: NginxLocation, server: NginxServer) -> NginxOutcome {
    let block = location.directive.block ?? []
    let scopes = matchedIfs.reversed().map { $0.block ?? [] } + [block]
    for scope in scopes {
      if let pass = scope.last(where: { $0.name == "proxy_pass" || $0.name == "uwsgi_pass" }) {
        return proxy(pass, location: location, server: server)
      }
    }
    if let tryFiles = block.last(where: { $0.name == "try_files" }), let last = tryFiles.values.last
    {
      if last.hasPrefix("@"),
        let named = server.locations.first(where: { $0.match == .named(last) })
      {
        note("try_files falls back to \(last) (files assumed absent)", tryFiles)
        matchedIfs = []
        return content(named, server: server)
      }
      if last.hasPrefix("="), let code = Int(last.dropFirst()) {
        note("try_files falls back to \(last) (files assumed absent)", tryFiles)
        return .respond(status: code, location: tryFiles.location)
      }
    }
    note("no proxy_pass: nginx serves files", location.directive)
    return .serveFiles(location: NginxConfiguration.userLocation(location.directive))
  }

  package mutating func proxy(_ pass: NginxDirective, location: NginxLocation, server: NginxServer)
    -> NginxOutcome
  {
    let target = pass.values.first ?? ""
    var address = target
    for scheme in ["http://", "https://", "grpc://", "uwsgi://"] where address.hasPrefix(scheme) {
      address = String(address.dropFirst(scheme.count))
    }
    if !address.hasPrefix("unix:"), let slash = address.firstIndex(of: "/") {
      address = String(address[..<slash])
    }
    // nginx names a unix-socket upstream `localhost` ($proxy_host, the default Host).
    var proxyHost = address.hasPrefix("unix:") ? "localhost" : address
    var userLocation = NginxConfiguration.userLocation(pass)
    if let upstream = configuration.upstreams[address] {
      let line = configuration.upstreamServers[address]
      note("upstream \(address) → \(upstream)", line)
      if let at = line.flatMap(NginxConfiguration.userLocation) { userLocation = at }
      address = upstream
    }
    let hostHeader = self.hostHeader(location: location, server: server, proxyHost: proxyHost)
    if address.hasPrefix("unix:") || address.contains("$") {
      note("\(pass.name) \(target) (Host: \(hostHeader))", pass)
      return .unresolvedProxy(
        target: target, address: address, hostHeader: hostHeader, location: userLocation)
    }
    var port = target.hasPrefix("https://") ? 443 : 80
    if pass.name == "uwsgi_pass" { port = 0 }
    if let colon = address.lastIndex(of: ":"),
      let number = Int(address[address.index(after: colon)...])
    {
      port = number
    }
    if configuration.upstreams[proxyHost] == nil, port == 80 || port == 443 {
      proxyHost = Self.hostWithoutPort(proxyHost)
    }
    guard port > 0 else {
      note("\(pass.name) \(target) (no port)", pass)
      return .unresolvedProxy(
        target: target, address: address, hostHeader: hostHeader, location: userLocation)
    }
    note("\(pass.name) → 127.0.0.1:\(port) with Host: \(hostHeader)", pass)
    return .proxy(port: port, hostHeader: hostHeader, location: userLocation)
  }

  /// `proxy_set_header` is inherited only by levels that define none of their own.
  package mutating func hostHeader(location: NginxLocation, server: NginxServer, proxyHost: String)
    -> String
  {
    // The client's headers pass through (names as sent, lowercased).
    var sent: [String: String] = [:]
    for (key, value) in rawHeaders where key != "host" { sent[key] = value }
    sent["connection"] = "close"
    var host = proxyHost
    let levels = [location.directive.block ?? [], server.directives, configuration.httpDirectives]
    for level in levels {
      let headers = level.filter { $0.name == "proxy_set_header" && $0.values.count >= 2 }
      guard !headers.isEmpty else { continue }
      for header in headers {
        let name = header.values[0].lowercased()
        let value = interpolate(header.values[1], proxyHost: proxyHost)
        if name == "host" {
          host = value
        } else if value.isEmpty {
          sent[name] = nil
        } else {
          sent[name] = value
        }
      }
      break
    }
    sent["host"] = host
    upstreamHeaders = sent
    return host
  }

  // MARK: Variables

  package func variable(_ name: String, proxyHost: String, depth: Int = 0) -> String {
    if let value = variables[name] { return value }
    if let map = configuration.maps[name], depth < 8 {
      // Evaluated when used, from the source's value at that moment.
      let (value, groups) = map.lookup(
        interpolate(map.source, proxyHost: proxyHost, depth: depth + 1))
      var scoped = self
      if let groups { scoped.captures = groups }
      return scoped.interpolate(value, proxyHost: proxyHost, depth: depth + 1)
    }
    if let index = Int(name) {
      return index < captures.count ? (captures[index] ?? "") : ""
    }
    switch name {
    case "host": return host
    case "http_host": return rawHost
    case "uri", "document_uri": return uri
    case "request_uri": return args.isEmpty ? uri : uri + "?" + args
    case "args", "query_string": return args
    case "is_args": return args.isEmpty ? "" : "?"
    case "scheme": return "http"
    case "server_port": return "80"
    case "request_method": return "GET"
    case "server_protocol": return "HTTP/1.1"
    case "remote_addr": return "10.0.0.2"
    case "proxy_add_x_forwarded_for":
      return headers["x_forwarded_for"].map { $0 + ", 10.0.0.2" } ?? "10.0.0.2"
    case "proxy_host": return proxyHost
    case "time_iso8601": return "2026-01-01T00:00:00+00:00"
    default:
      if name.hasPrefix("http_") { return headers[String(name.dropFirst(5))] ?? "" }
      if name.hasPrefix("arg_") {
        let key = String(name.dropFirst(4))
        for pair in args.split(separator: "&") {
          let parts = pair.split(separator: "=", maxSplits: 1)
          if parts.first.map(String.init) == key { return parts.count > 1 ? String(parts[1]) : "" }
        }
      }
      return ""
    }
  }

  package func interpolate(_ text: String, proxyHost: String = "", depth: Int = 0) -> String {
    guard text.contains("$") else { return text }
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    var index = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count else {
        out.append(bytes[index])
        index += 1
        continue
      }
      var start = index + 1
      var braced = false
      if bytes[start] == UInt8(ascii: "{") {
        braced = true
        start += 1
      }
      var end = start
      let isDigit = start < bytes.count && bytes[start] >= 48 && bytes[start] <= 57
      while end < bytes.count {
        let byte = bytes[end]
        let word =
          (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
          || byte == 95
        if !word || (isDigit && !(byte >= 48 && byte <= 57)) { break }
        end += 1
      }
      guard end > start else {
        out.append(bytes[index])
        index += 1
        continue
      }
      let name = String(decoding: bytes[start..<end], as: UTF8.self)
      out += Array(variable(name, proxyHost: proxyHost, depth: depth).utf8)
      index = end
      if braced, index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1 }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

extension String {
  fileprivate func replacingDashes() -> String {
    String(map { $0 == "-" ? "_" : $0 })
  }

  fileprivate func trimmingCharacters(in set: String) -> String {
    var result = Substring(self)
    while let first = result.first, set.contains(first) { result.removeFirst() }
    while let last = result.last, set.contains(last) { result.removeLast() }
    return String(result.trimmingWhitespace())
  }
}

/// What `try_files` and plain file serving do when the `root` is in the application bundle.
package enum FileAnswer {
  case answer(NginxOutcome)
  /// The last `try_files` argument is a URI: an internal redirect.
  case redirect(String, NginxDirective)
  /// Not decided here (a proxy, a root outside the bundle, a named location or `=code`).
  case none
}

extension Router {
  /// The `root` in effect for the location (the location's, else the server's, else http's),
  /// as a folder of the bundle; nil when it is elsewhere on the instance or set by `alias`.
  package func bundleRoot(_ location: NginxLocation, server: NginxServer) -> (
    String, NginxDirective
  )? {
    let block = location.directive.block ?? []
    guard !block.contains(where: { $0.name == "alias" }) else { return nil }
    let scopes = [block, server.directives, configuration.httpDirectives]
    guard let root = scopes.lazy.compactMap({ $0.last { $0.name == "root" } }).first,
      let value = root.values.first
    else { return nil }
    let path = interpolate(value)
    for folder in ProcfileModel.deployedAppFolders {
      let bare = String(folder.dropLast())
      if path == bare { return ("", root) }
      if path.hasPrefix(folder) {
        let relative = RelativePath.normalize(String(path.dropFirst(folder.count)))
        return (relative.isEmpty || relative == "." ? "" : relative + "/", root)
      }
    }
    return nil
  }

  /// Whether the bundle holds `uri` under `root`: a file, or (for a `/`-ending name) a folder.
  package func bundleHas(_ root: String, _ uri: String) -> (file: Bool, folder: Bool) {
    var relative = root + uri.drop { $0 == "/" }
    while relative.contains("//") { relative = relative.replacingOccurrences("//", "/") }
    let paths = configuration.bundlePaths
    if relative.hasSuffix("/") || relative.isEmpty {
      return (false, paths.contains { $0.hasPrefix(relative) })
    }
    return (paths.contains(relative), paths.contains { $0.hasPrefix(relative + "/") })
  }

  package mutating func tryFiles(_ location: NginxLocation, server: NginxServer) -> FileAnswer {
    let block = location.directive.block ?? []
    let scopes = matchedIfs.reversed().map { $0.block ?? [] } + [block]
    if scopes.contains(where: { scope in
      scope.contains { $0.name == "proxy_pass" || $0.name == "uwsgi_pass" }
    }) {
      return .none
    }
    guard let (root, rootDirective) = bundleRoot(location, server: server) else { return .none }
    guard let directive = block.last(where: { $0.name == "try_files" }) else {
      return serveFile(uri, root: root, at: rootDirective)
    }
    let values = directive.values
    guard let last = values.last, values.count >= 2 else { return .none }
    for candidate in values.dropLast() {
      let name = interpolate(candidate)
      let found = bundleHas(root, name)
      if name.hasSuffix("/") ? found.folder : found.file {
        note(
          "try_files finds \(name) in the repository under \(root.isEmpty ? "the bundle" : root)",
          directive)
        return serveFile(name, root: root, at: directive)
      }
    }
    if last.hasPrefix("@") || last.hasPrefix("=") { return .none }
    return .redirect(interpolate(last), directive)
  }

  /// nginx's static handler for `uri`: the file (200), a folder's `index.html` (200), a folder
  /// without one (403), nothing (404).
  package mutating func serveFile(_ uri: String, root: String, at directive: NginxDirective)
    -> FileAnswer
  {
    let found = bundleHas(root, uri)
    if uri.hasSuffix("/") {
      guard found.folder else { return .none }
      if bundleHas(root, uri + "index.html").file {
        note("nginx serves \(uri)index.html from the repository", directive)
        return .answer(.respond(status: 200, location: directive.location))
      }
      note("\(uri) is a folder without index.html: nginx answers 403", directive)
      return .answer(.respond(status: 403, location: directive.location))
    }
    if found.file {
      note("nginx serves \(uri) from the repository", directive)
      return .answer(.respond(status: 200, location: directive.location))
    }
    return .none
  }
}
