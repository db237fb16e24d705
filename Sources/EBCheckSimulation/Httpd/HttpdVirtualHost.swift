import EBCheckCore
import EBCheckFormats
import EBCheckModel

/// Which `<VirtualHost>` on port 80 answers the checker. httpd picks, among the name-based
/// hosts of `*:80` (`_default_` is an alias of `*`), the first whose `ServerName` or
/// `ServerAlias` matches the request's Host, else the first one defined (httpd docs,
/// "Name-based Virtual Host Support"). The checker's Host is the instance's private IP.
extension HttpdRun {
  /// Nil when the platform's virtual host still answers (the repository's is then left out);
  /// unknown when the repository's answers, since its contents are not simulated.
  mutating func virtualHost(_ directive: HttpdDirective) -> HttpdRouter.Outcome? {
    let addresses = directive.values.map { $0.lowercased() }
    let wildcard = addresses.allSatisfy { address in
      let host = address.split(separator: ":").first.map(String.init) ?? address
      return host == "*" || host == "_default_"
    }
    let label = "<VirtualHost \(directive.values.joined(separator: " "))>"
    guard wildcard else {
      return fail(
        Unverifiable(
          "\(label) names an address: whether the instance's address matches it is not simulated",
          at: directive.location))
    }
    let names = (directive.block ?? []).filter { ["servername", "serveralias"].contains($0.key) }
      .flatMap(\.values).map { $0.lowercased() }
    let host = Router.hostWithoutPort(state.headers["host"] ?? "")
    if let name = names.first(where: { Glob.match($0, host) }) {
      return fail(
        Unverifiable(
          "\(label) answers the checker (its name \(name) matches the instance's private IP); its directives are not simulated",
          at: directive.location))
    }
    if readBeforePlatformHost {
      return fail(
        Unverifiable(
          "\(label) is read before the platform's <VirtualHost *:80>, so it is the default for a Host no name matches and answers the checker; its directives are not simulated",
          at: directive.location))
    }
    let named = names.isEmpty ? "no ServerName" : names.joined(separator: ", ")
    hops.append(
      TraceHop(
        step: Self.step,
        detail:
          "\(label) (\(named)) does not answer the checker: no name matches the instance's private IP, and the platform's <VirtualHost *:80>, defined first, is the default",
        location: directive.location))
    return nil
  }
}
