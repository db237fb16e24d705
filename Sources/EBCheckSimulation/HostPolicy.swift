import EBCheckCore
import EBCheckModel

/// Decides whether Django's `get_host()` accepts the health checker's host.
package struct HostPolicy {
  package let app: DjangoApp
  package let imdsV1Disabled: Sourced<Bool>

  package enum Result {
    case allowed(String)
    case rejected(HostRejection, String)
    case unknown([Unverifiable])
  }

  package func check(host: String, caller: MiddlewareEntry) -> Result {
    let isInstance = host.hasPrefix(HealthCheckRequest.instanceHost)
    guard
      let domain = isInstance ? HealthCheckRequest.instanceHost : HostValidation.domain(of: host)
    else {
      return .rejected(
        HostRejection(caller: caller, allowedHosts: app.allowedHosts.location),
        "'\(host)' is not a valid host name")
    }
    let entries: [HostEntry]
    switch app.allowedHosts {
    case .unknown(let why):
      if isInstance, let rejection = rejectedForEveryValue([why], caller: caller) {
        return rejection
      }
      return .unknown([why])
    case .known(let list):
      if list.value.isEmpty {
        switch app.debug {
        case .unknown(let why):
          return .unknown([why])
        case .known(let debug) where debug.value:
          entries = HostValidation.debugDefaults.map { .pattern($0, at: debug.location) }
        case .known:
          return .rejected(
            HostRejection(caller: caller, allowedHosts: list.location, emptyList: true),
            "ALLOWED_HOSTS is empty and DEBUG is False")
        }
      } else {
        entries = list.value
      }
    }
    var unknowns: [Unverifiable] = []
    var failed: [HostEntry] = []
    for entry in entries {
      switch entry {
      case .pattern(let pattern, _):
        if pattern == "*" { return .allowed("ALLOWED_HOSTS has '*'") }
        if !isInstance, HostValidation.matches(domain: domain, pattern: pattern) {
          return .allowed("matches '\(pattern)'")
        }
      case .instanceIP(_, let at) where !isInstance:
        // The proxy rewrote the Host: the IP matches only a Host that is an address itself.
        if CIDR.parse(domain) != nil { unknowns.append(Unverifiable("the instance IP", at: at)) }
      case .instanceIP(let source, _):
        switch source {
        case .imdsWithToken: return .allowed("instance IP from IMDSv2")
        case .hostname: return .allowed("instance IP from the hostname")
        case .imdsWithoutToken:
          if imdsV1Disabled.value {
            failed.append(entry)
          } else {
            return .allowed("instance IP from IMDSv1")
          }
        }
      case .instanceHostname(let at):
        // Not the IP; a Host of the host name's shape could be the name itself.
        if !isInstance, Self.couldBeHostname(domain) {
          unknowns.append(Unverifiable("the instance's host name", at: at))
        }
      case .unknown(let why):
        unknowns.append(why)
      }
    }
    if isInstance, case .known(let nets) = app.allowedCIDRNets, caller.kind == .allowCIDR,
      nets.value.contains(where: CIDR.coversDefaultVPC)
    {
      return .allowed("ALLOWED_CIDR_NETS covers the VPC's private range")
    }
    if !unknowns.isEmpty {
      if isInstance, let rejection = rejectedForEveryValue(unknowns, caller: caller) {
        return rejection
      }
      return .unknown(unknowns)
    }
    let shown = entries.compactMap { entry -> String? in
      if case .pattern(let pattern, _) = entry { return "'\(pattern)'" }
      return nil
    }
    var why = "\(isInstance ? "the instance IP" : "'\(domain)'") is not in ALLOWED_HOSTS"
    if !shown.isEmpty { why += " [\(shown.joined(separator: ", "))]" }
    if !failed.isEmpty { why += "; the IMDS lookup without a token got 401" }
    if entries.contains(where: { if case .instanceHostname = $0 { true } else { false } }) {
      why +=
        "; socket.gethostname() is the host name (ip-172-31-….<region>.compute.internal or i-….<region>.compute.internal), not the IP"
    }
    let location: Location?
    if case .known(let list) = app.allowedHosts { location = list.location } else { location = nil }
    return .rejected(
      HostRejection(caller: caller, allowedHosts: location, failedLookups: failed), why)
  }
}

extension HostPolicy {
  /// Whether `domain` has the shape of an instance's host name (facts.md §5): the EC2 IP name
  /// `ip-…` or resource name `i-…`, or a Docker container's 12-hex-digit ID.
  package static func couldBeHostname(_ domain: String) -> Bool {
    let lower = domain.lowercased()
    if lower.hasPrefix("ip-") || lower.hasPrefix("i-") { return true }
    return lower.count == 12 && lower.allSatisfy { $0.isHexDigit }
  }

  /// Hosts read from environment variables are set in the console or CLI before an instance
  /// starts, so no value can hold the private IP of an instance the auto-scaling group starts
  /// later: the instance host is rejected whatever they are, unless one of them is `'*'`.
  /// Unknowns of another kind (a file or network read) stay unknown.
  package func rejectedForEveryValue(_ unknowns: [Unverifiable], caller: MiddlewareEntry)
    -> Result?
  {
    guard !unknowns.isEmpty, unknowns.allSatisfy({ !$0.variables.isEmpty }) else { return nil }
    let variables = unknowns.flatMap(\.variables).reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    let location: Location?
    if case .known(let list) = app.allowedHosts {
      location = list.location
    } else {
      location = unknowns.first?.location
    }
    let names = variables.joined(separator: " or ")
    return .rejected(
      HostRejection(caller: caller, allowedHosts: location, unlessWildcardIn: variables),
      "no value of \(names), set before the instance starts, holds its IP, unless it is '*'"
    )
  }
}

/// IPv4 CIDR checks against the address range the health checker comes from.
package enum CIDR {
  /// True when the network contains the default VPC range 172.31.0.0/16, or all private ranges.
  package static func coversDefaultVPC(_ text: String) -> Bool {
    guard let (network, prefix) = parse(text) else { return false }
    let defaultVPC: UInt32 = 172 << 24 | 31 << 16
    guard prefix <= 16 else { return false }
    let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - UInt32(prefix))
    return network & mask == defaultVPC & mask
  }

  package static func parse(_ text: String) -> (UInt32, Int)? {
    let parts = text.split(separator: "/")
    guard parts.count <= 2 else { return nil }
    let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
    guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
    let prefix = parts.count == 2 ? Int(parts[1]) : 32
    guard let prefix, (0...32).contains(prefix) else { return nil }
    return (octets.reduce(0) { $0 << 8 | $1 }, prefix)
  }
}

/// Python `re.search` for the simple patterns settings use, through Swift's Regex.
package enum PythonRegex {
  /// nil when the pattern is not understood.
  package static func search(_ pattern: String, in text: String) -> Bool? {
    guard RegexSafety.isSafe(pattern), let regex = try? Regex(pattern) else { return nil }
    do {
      return try regex.firstMatch(in: text) != nil
    } catch {
      return nil
    }
  }
}
