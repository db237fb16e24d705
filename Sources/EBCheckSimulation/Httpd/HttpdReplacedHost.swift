import EBCheckCore
import EBCheckFormats
import EBCheckModel

/// The Amazon Linux AMI with its `wsgi.conf` replaced by a deploy hook: the platform's
/// `<VirtualHost *:80>` is gone, and the repository's hosts answer. httpd gives the checker
/// the first `*:80` host (`_default_` is an alias of `*`) whose `ServerName`/`ServerAlias`
/// matches the Host, else the first defined (httpd docs, "Name-based Virtual Host Support").
extension HttpdRun {
  mutating func chooseReplacedHost() -> Result<HttpdDirective, Unverifiable> {
    var hosts: [HttpdDirective] = []
    func gather(_ directives: [HttpdDirective]) {
      for directive in directives {
        if directive.key == "ifmodule" {
          let name = directive.values.first ?? ""
          let negated = name.hasPrefix("!")
          if Self.loads(String(name.drop { $0 == "!" }), router.layout) != negated {
            gather(directive.block ?? [])
          }
        } else if directive.key == "virtualhost" {
          let ports = directive.values.map {
            $0.split(separator: ":").last.map(String.init) ?? ""
          }
          if ports.contains(where: { $0 == "80" || $0 == "*" }) { hosts.append(directive) }
        }
      }
    }
    for file in router.configuration.files { gather(file.directives) }
    let replaced = router.configuration.replacedPlatformHost
    hops.append(
      TraceHop(
        step: Self.step,
        detail:
          "a deploy hook replaces the platform's wsgi.conf: its <VirtualHost *:80> is gone; the repository's hosts answer",
        location: replaced))
    guard !hosts.isEmpty else {
      return .failure(
        Unverifiable(
          "no <VirtualHost> for port 80 is left after the hook: httpd's main server answers; not simulated",
          at: replaced))
    }
    for host in hosts {
      let addresses = host.values.map {
        ($0.split(separator: ":").first.map(String.init) ?? $0).lowercased()
      }
      if !addresses.allSatisfy({ $0 == "*" || $0 == "_default_" }) {
        return .failure(
          Unverifiable(
            "<VirtualHost \(host.values.joined(separator: " "))> names an address: whether the instance's address matches it is not simulated",
            at: host.location))
      }
    }
    let host = Router.hostWithoutPort(state.headers["host"] ?? "")
    let label = { (directive: HttpdDirective) in
      "<VirtualHost \(directive.values.joined(separator: " "))>"
    }
    for candidate in hosts {
      let names = (candidate.block ?? []).filter { ["servername", "serveralias"].contains($0.key) }
        .flatMap(\.values).map { $0.lowercased() }
      if let name = names.first(where: { Glob.match($0, host) }) {
        hops.append(
          TraceHop(
            step: Self.step,
            detail:
              "\(label(candidate)) answers: its name \(name) matches the instance's private IP",
            location: candidate.location))
        return .success(candidate)
      }
    }
    hops.append(
      TraceHop(
        step: Self.step,
        detail:
          "\(label(hosts[0])) answers: no ServerName or ServerAlias matches the instance's private IP, and it is the first host for port 80",
        location: hosts[0].location))
    return .success(hosts[0])
  }

  /// After the host's rules let the request through: mod_wsgi runs the script its
  /// `WSGIScriptAlias /` names (the app when that is the WSGIPath); a script missing from
  /// the bundle is mod_wsgi's 404; no alias, or no `Require` granting the app folder (the
  /// platform's own grant went with its host), is not simulated.
  mutating func replacedHostApp(_ outcome: HttpdRouter.Outcome) -> HttpdRouter.Outcome {
    switch outcome {
    case .pass, .passRewritten: break
    default: return outcome
    }
    guard let alias = scriptAlias, alias.values.count >= 2 else {
      return fail(
        Unverifiable(
          "the <VirtualHost> that answers has no WSGIScriptAlias /: httpd serves the path from its DocumentRoot; not simulated",
          at: answeringHost?.location))
    }
    let script = alias.values[1]
    let folder = HttpdRouter.appFolder + "/"
    guard script.hasPrefix(folder) else {
      return fail(
        Unverifiable(
          "WSGIScriptAlias / \(script) runs a script outside the app folder; not simulated",
          at: alias.location))
    }
    let relative = String(script.dropFirst(folder.count))
    if router.configuration.missingScripts.contains(relative) {
      hops.append(
        TraceHop(
          step: Self.step,
          detail:
            "WSGIScriptAlias / \(script): the bundle has no \(relative), so mod_wsgi answers 404",
          location: alias.location))
      return .respond(status: 404, at: alias.location)
    }
    guard relative == router.configuration.wsgiScript else {
      return fail(
        Unverifiable(
          "WSGIScriptAlias / runs \(relative), not the WSGIPath \(router.configuration.wsgiScript); not simulated",
          at: alias.location))
    }
    guard sawRequire else {
      return fail(
        Unverifiable(
          "no Require line grants the app folder in the host that answers: the platform's httpd.conf (not in the repository) decides",
          at: alias.location))
    }
    hops.append(
      TraceHop(
        step: Self.step,
        detail: "WSGIScriptAlias / runs \(relative) (the WSGIPath) in mod_wsgi",
        location: alias.location))
    return outcome
  }
}
