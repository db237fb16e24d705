import EBCheckCore
import EBCheckFormats
import EBCheckModel

/// httpd's access phase for the checker's request: mod_access_compat (`Order`, `Allow`,
/// `Deny`, the 2.2 style) and mod_authz_core (`Require`). Both must grant (`Satisfy All`, the
/// default); each behaviour below was probed on real httpd 2.4 (docs/facts.md, Apache).
extension HttpdRun {
  /// 403 when either module refuses the checker, unknown when the answer depends on what
  /// ebcheck cannot know (the load balancer node's address), nil when the request goes on.
  mutating func accessCheck(_ merged: [(HttpdDirective, HttpdDirective?)]) -> HttpdRouter.Outcome? {
    let access = merged.filter { ["order", "allow", "deny", "satisfy"].contains($0.0.key) }
    if let satisfy = access.last(where: { $0.0.key == "satisfy" }),
      satisfy.0.values.first?.lowercased() == "any"
    {
      return fail(
        Unverifiable(
          "Satisfy Any grants when either Require or Allow does; not simulated",
          at: satisfy.0.location))
    }
    if let outcome = compatAccess(access.filter { $0.0.key != "satisfy" }) { return outcome }
    return authorization(merged.filter { $0.0.key == "require" })
  }

  /// The `Order`/`Allow`/`Deny` lines of the last section that has any: a section without
  /// them inherits the one before (the platform's own sections have none, so a repository
  /// `<Directory />` with `Deny from all` still refuses under mod_wsgi, probed).
  private mutating func compatAccess(_ lines: [(HttpdDirective, HttpdDirective?)])
    -> HttpdRouter.Outcome?
  {
    guard let last = lines.last else { return nil }
    let section = last.1
    let own = lines.filter { $0.1 == section }.map(\.0)
    var order = "deny,allow"
    if let written = own.last(where: { $0.key == "order" }) {
      order = written.values.joined().lowercased().replacingOccurrences(" ", "")
    }
    var unknownAddress: HttpdDirective?
    func matches(_ kind: String) -> Bool? {
      var result: Bool? = false
      for line in own where line.key == kind {
        for word in line.values.dropFirst() {
          switch checkerMatches(word) {
          case .some(true): return true
          case .some(false): continue
          case .none:
            unknownAddress = line
            result = nil
          }
        }
      }
      return result
    }
    let allowed = matches("allow")
    let denied = matches("deny")
    let granted: Bool?
    switch order {
    case "deny,allow":
      // Allowed unless a Deny matches and no Allow does.
      if allowed == true || denied == false {
        granted = true
      } else if allowed == false && denied == true {
        granted = false
      } else {
        granted = nil
      }
    case "allow,deny", "mutual-failure":
      // Refused unless an Allow matches and no Deny does.
      if allowed == false || denied == true {
        granted = false
      } else if allowed == true && denied == false {
        granted = true
      } else {
        granted = nil
      }
    default:
      return fail(Unverifiable("Order \(order) is not understood", at: last.0.location))
    }
    let place = own.first?.location
    switch granted {
    case .some(true):
      hops.append(
        TraceHop(
          step: Self.step, detail: "Order \(order): the checker is allowed", location: place))
      return nil
    case .some(false):
      hops.append(
        TraceHop(
          step: Self.step, detail: "Order \(order): the checker is denied → 403", location: place))
      return .respond(status: 403, at: place ?? last.0.location)
    case .none:
      let line = unknownAddress ?? last.0
      return fail(
        Unverifiable(
          "\(line.name) \(line.values.joined(separator: " ")): the checker connects from the load balancer's private address, which the repository does not know",
          at: line.location))
    }
  }

  /// `from all`, `from env=[!]VAR` for the checker; nil for an address or a host name.
  private func checkerMatches(_ word: String) -> Bool? {
    let lower = word.lowercased()
    if lower == "from" { return false }
    if lower == "all" { return true }
    if lower.hasPrefix("env=") {
      let name = word.dropFirst(4)
      let negated = name.hasPrefix("!")
      let set = state.variables[String(name.drop { $0 == "!" })] != nil
      return set != negated
    }
    return nil
  }

  /// The `Require` lines of the last section that has any (`AuthMerging Off`, the default):
  /// several lines grant when any does (an implicit `<RequireAny>`). Under mod_wsgi the
  /// platform's `<Directory app/> Require all granted` is more specific than a repository
  /// `<Directory>`, and behind the proxy its `<Proxy *>` grants, so only a `<Location>` or an
  /// `<If>` keeps its own.
  private mutating func authorization(_ lines: [(HttpdDirective, HttpdDirective?)])
    -> HttpdRouter.Outcome?
  {
    guard let last = lines.last else { return nil }
    let section = last.1
    let platformWins: Bool
    switch router.layout {
    case .modWSGI:
      platformWins =
        router.configuration.replacedPlatformHost == nil
        && (section == nil || section?.key == "directory")
    case .proxy: platformWins = section == nil
    }
    if platformWins {
      hops.append(
        TraceHop(
          step: Self.step,
          detail:
            "Require \(last.0.values.joined(separator: " ")): the platform's own section grants all and is merged after it",
          location: last.0.location))
      return nil
    }
    var unknown: Unverifiable?
    for line in lines.filter({ $0.1 == section }).map(\.0) {
      switch requireGrants(line) {
      case .success(true):
        hops.append(
          TraceHop(
            step: Self.step,
            detail: "Require \(line.values.joined(separator: " ")) grants the checker",
            location: line.location))
        return nil
      case .success(false): continue
      case .failure(let reason): unknown = unknown ?? reason
      }
    }
    if let unknown { return fail(unknown) }
    hops.append(
      TraceHop(
        step: Self.step, detail: "no Require line grants the checker → 403",
        location: last.0.location))
    return .respond(status: 403, at: last.0.location)
  }

  private func requireGrants(_ line: HttpdDirective) -> Result<Bool, Unverifiable> {
    var words = line.values.map { $0.lowercased() }
    let negated = words.first == "not"
    if negated { words.removeFirst() }
    let text = "Require \(line.values.joined(separator: " "))"
    guard let kind = words.first else {
      return .failure(Unverifiable("\(text) names no provider", at: line.location))
    }
    let rest = Array(line.values.dropFirst(negated ? 2 : 1))
    let value: Bool
    switch kind {
    case "all":
      value = rest.first?.lowercased() == "granted"
    case "env":
      value = rest.contains { state.variables[$0] != nil }
    case "method":
      value = rest.contains { $0.uppercased() == "GET" }
    case "expr":
      switch HttpdExpression.evaluate(rest.joined(separator: " "), state: state) {
      case .success(let result): value = result
      case .failure(.unknown(let reason)):
        return .failure(Unverifiable("\(text): \(reason)", at: line.location))
      }
    case "ip", "host", "forward-dns", "local":
      return .failure(
        Unverifiable(
          "\(text): the checker connects from the load balancer's private address, which the repository does not know",
          at: line.location))
    default:
      return .failure(Unverifiable("\(text) is not simulated", at: line.location))
    }
    return .success(value != negated)
  }
}
