import EBCheckCore
import EBCheckFormats
import EBCheckModel

/// mod_rewrite's per-directory rules for the checker's request.
extension HttpdRun {
  mutating func rewrite(_ rules: [HttpdDirective], section: HttpdDirective?) -> HttpdRouter.Outcome?
  {
    guard let subject = rewriteSubject(section) else {
      // Only a pattern that matches anything is known to match then.
      return rewriteRules(rules, subject: nil)
    }
    return rewriteRules(rules, subject: subject)
  }

  /// What a per-directory pattern is matched against: the proxied URL (`proxy:http://...`)
  /// behind ProxyPass, the script path plus the path info under mod_wsgi (relative to a
  /// `<Directory>`).
  func rewriteSubject(_ section: HttpdDirective?) -> String? {
    switch router.layout {
    case .proxy(let upstream):
      return "proxy:http://127.0.0.1:\(upstream)\(state.path)"
    case .modWSGI(let script):
      let absolute = HttpdRouter.appFolder + "/" + script + state.path
      guard let section, section.key == "directory", let folder = section.values.first else {
        return absolute
      }
      let prefix = folder.hasSuffix("/") ? folder : folder + "/"
      guard absolute.hasPrefix(prefix) else { return nil }
      return String(absolute.dropFirst(prefix.count))
    }
  }

  mutating func rewriteRules(_ rules: [HttpdDirective], subject: String?) -> HttpdRouter.Outcome? {
    var conditions: [HttpdDirective] = []
    for directive in rules {
      if directive.key == "rewritecond" {
        conditions.append(directive)
        continue
      }
      defer { conditions = [] }
      let words = directive.values
      guard words.count >= 2 else {
        return fail(
          Unverifiable("RewriteRule needs a pattern and a substitution", at: directive.location))
      }
      let flags = Self.flags(words.count > 2 ? words[2] : "")
      var pattern = words[0]
      let negated = pattern.hasPrefix("!")
      if negated { pattern.removeFirst() }
      let matched: Bool
      let matchAll = ["^", ".*", "^.*", "^.*$", "(.*)", "^(.*)$", "^(.*)", ".", "^/?(.*)"].contains(
        pattern)
      if let subject {
        switch regexMatches(
          pattern, subject, directive.location, caseInsensitive: flags["nc"] != nil)
        {
        case .failure(let unknown): return fail(unknown)
        case .success(let value): matched = value != negated
        }
      } else if matchAll {
        matched = !negated
      } else {
        return fail(
          Unverifiable(
            "RewriteRule \(words[0]): what it is matched against here is not simulated",
            at: directive.location))
      }
      guard matched else { continue }
      switch conditionsHold(conditions) {
      case .failure(let unknown): return fail(unknown)
      case .success(false):
        hops.append(
          TraceHop(
            step: Self.step, detail: "RewriteRule \(words[0]): a RewriteCond fails for the checker",
            location: directive.location))
        continue
      case .success(true): break
      }
      if flags["f"] != nil {
        hops.append(
          TraceHop(step: Self.step, detail: "RewriteRule [F] → 403", location: directive.location))
        return .respond(status: 403, at: directive.location)
      }
      if flags["g"] != nil {
        hops.append(
          TraceHop(step: Self.step, detail: "RewriteRule [G] → 410", location: directive.location))
        return .respond(status: 410, at: directive.location)
      }
      if flags["p"] != nil { return proxied(words[1], directive) }
      if let unsupported = flags.keys.first(where: { !Self.knownFlags.contains($0) }) {
        return fail(
          Unverifiable(
            "RewriteRule flag [\(unsupported.uppercased())] is not simulated",
            at: directive.location))
      }
      let substitution = words[1]
      if substitution == "-" {
        if flags["l"] != nil || flags["end"] != nil { return nil }
        continue
      }
      let external =
        substitution.lowercased().hasPrefix("http://")
        || substitution.lowercased().hasPrefix("https://")
      if external || flags["r"] != nil {
        let code =
          flags["r"].flatMap { $0 }.flatMap { Int($0) }
          ?? (flags["r"]?.flatMap { $0 }?.lowercased() == "permanent" ? 301 : 302)
        guard let target = state.expand(Self.withoutBackReferences(substitution)) else {
          return fail(
            Unverifiable("RewriteRule target \(substitution) is not known", at: directive.location))
        }
        hops.append(
          TraceHop(
            step: Self.step,
            detail: "RewriteRule \(words[0]) \(substitution) → \(code) Location: \(target)",
            location: directive.location))
        if (300..<400).contains(code) {
          return .redirect(status: code, target: target, at: directive.location)
        }
        return .respond(status: code, at: directive.location)
      }
      return fail(
        Unverifiable(
          "RewriteRule \(words[0]) \(substitution) rewrites the request inside httpd; not simulated",
          at: directive.location))
    }
    return nil
  }

  static let knownFlags: Set<String> = [
    "r", "l", "nc", "qsa", "ne", "end", "last", "noescape", "qsd", "nocase", "redirect", "p",
  ]

  /// `[P]`: mod_proxy sends the request to the substitution's URL (with the Host the virtual
  /// host preserves). To the app's own port it reaches the app with that path; anywhere else
  /// what answers is not known.
  mutating func proxied(_ substitution: String, _ directive: HttpdDirective) -> HttpdRouter.Outcome
  {
    guard case .proxy(let upstream) = router.layout else {
      return fail(
        Unverifiable(
          "RewriteRule [P] under mod_wsgi: mod_proxy's answer is not simulated",
          at: directive.location))
    }
    let written = substitution.contains("$") ? nil : state.expand(substitution)
    guard let target = written, let url = Self.loopbackURL(target), url.port == upstream else {
      return fail(
        Unverifiable(
          "RewriteRule \(directive.values.joined(separator: " ")) proxies to \(substitution); what answers there is not simulated",
          at: directive.location))
    }
    hops.append(
      TraceHop(
        step: Self.step,
        detail: "RewriteRule [P] proxies to \(target): the app on :\(upstream) gets \(url.path)",
        location: directive.location))
    return .passRewritten(path: url.path, headers: state.headers)
  }

  /// `http://127.0.0.1:PORT/path` or `http://localhost:PORT/path`.
  static func loopbackURL(_ text: String) -> (port: Int, path: String)? {
    guard text.lowercased().hasPrefix("http://") else { return nil }
    let rest = text.dropFirst(7)
    let authority = rest.prefix { $0 != "/" }
    let path = rest.dropFirst(authority.count)
    let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count <= 2, ["127.0.0.1", "localhost"].contains(parts[0].lowercased()) else {
      return nil
    }
    let port = parts.count == 2 ? Int(parts[1]) : 80
    guard let port else { return nil }
    return (port, path.isEmpty ? "/" : String(path))
  }

  /// `$1`-style references are only used to carry the path; the path is the request's.
  static func withoutBackReferences(_ substitution: String) -> String {
    var text = substitution
    for index in (0...9).reversed() {
      text = text.replacingOccurrences("$\(index)", "%{REQUEST_URI}")
    }
    return text.replacingOccurrences("%{REQUEST_URI}%{REQUEST_URI}", "%{REQUEST_URI}")
  }

  static func flags(_ text: String) -> [String: String?] {
    guard text.hasPrefix("["), text.hasSuffix("]") else { return [:] }
    var result: [String: String?] = [:]
    for flag in text.dropFirst().dropLast().split(separator: ",") {
      let parts = flag.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
      var name = parts[0].lowercased()
      if name == "redirect" { name = "r" }
      if name == "last" { name = "l" }
      if name == "nocase" { name = "nc" }
      if name == "forbidden" { name = "f" }
      if name == "gone" { name = "g" }
      result[name] = parts.count > 1 ? parts[1] : nil
    }
    return result
  }

  /// `RewriteCond TestString CondPattern [NC,OR]` in order: ANDed unless `[OR]`.
  mutating func conditionsHold(_ conditions: [HttpdDirective]) -> Result<Bool, Unverifiable> {
    var result = true
    var pendingOr = false
    for condition in conditions {
      let words = condition.values
      guard words.count >= 2 else {
        return .failure(
          Unverifiable("RewriteCond needs a test string and a pattern", at: condition.location))
      }
      let flags = Self.flags(words.count > 2 ? words[2] : "")
      guard let subject = state.expand(words[0]) else {
        return .failure(
          Unverifiable(
            "RewriteCond \(words[0]) is not known for the checker", at: condition.location))
      }
      var pattern = words[1]
      let negated = pattern.hasPrefix("!")
      if negated { pattern.removeFirst() }
      let value: Bool
      if pattern.hasPrefix("=") {
        value = subject == String(pattern.dropFirst())
      } else if pattern.hasPrefix("-") || pattern.hasPrefix("<") || pattern.hasPrefix(">") {
        return .failure(
          Unverifiable("RewriteCond test \(pattern) is not simulated", at: condition.location))
      } else {
        switch regexMatches(
          pattern, subject, condition.location, caseInsensitive: flags["nc"] != nil)
        {
        case .failure(let unknown): return .failure(unknown)
        case .success(let matched): value = matched
        }
      }
      let holds = value != negated
      result = pendingOr ? (result || holds) : (result && holds)
      pendingOr = flags["or"] != nil
      if !pendingOr, !result { return .success(false) }
    }
    return .success(result)
  }

  func regexMatches(
    _ pattern: String, _ subject: String, _ location: Location, caseInsensitive: Bool = false
  )
    -> Result<Bool, Unverifiable>
  {
    do {
      return .success(try NginxRegex(pattern, caseInsensitive: caseInsensitive).matches(subject))
    } catch {
      return .failure(
        Unverifiable("the regular expression \(pattern) is not supported", at: location))
    }
  }

}
