import EBCheckCore
import EBCheckFormats
import EBCheckModel

/// `SetEnvIf`, `RequestHeader` and `Redirect` for the checker's request.
extension HttpdRun {
  // MARK: - Directives

  mutating func setEnvIf(_ directive: HttpdDirective) -> HttpdRouter.Outcome? {
    var words = directive.values
    let browser = directive.key.hasPrefix("browsermatch")
    if browser { words.insert("User-Agent", at: 0) }
    guard words.count >= 3 else {
      return fail(
        Unverifiable(
          "\(directive.name) needs an attribute, a regex and a variable", at: directive.location))
    }
    let attribute = words[0].lowercased()
    let subject: String?
    switch attribute {
    case "request_uri": subject = state.path
    case "request_method": subject = "GET"
    case "request_protocol": subject = "HTTP/1.1"
    case "remote_addr", "remote_host", "server_addr":
      subject = nil
    default:
      subject = state.headers[attribute] ?? ""
    }
    guard let subject else {
      return fail(
        Unverifiable(
          "\(directive.name) \(words[0]) is not known for the checker", at: directive.location))
    }
    let caseInsensitive = directive.key.hasSuffix("nocase")
    switch regexMatches(words[1], subject, directive.location, caseInsensitive: caseInsensitive) {
    case .failure(let unknown): return fail(unknown)
    case .success(false): return nil
    case .success(true):
      for assignment in words[2...] {
        if assignment.hasPrefix("!") {
          state.variables[String(assignment.dropFirst())] = nil
        } else {
          let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
          state.variables[parts[0]] = parts.count > 1 ? parts[1] : "1"
        }
      }
      hops.append(
        TraceHop(
          step: Self.step,
          detail:
            "\(directive.name) \(words[0]) matches: sets \(words[2...].joined(separator: " "))",
          location: directive.location))
      return nil
    }
  }

  /// `RequestHeader set|append|add|merge|unset NAME [VALUE] [early] [env=[!]VAR | expr=...]`.
  mutating func requestHeader(_ directive: HttpdDirective) -> HttpdRouter.Outcome? {
    var words = directive.values.filter { $0.lowercased() != "early" }
    guard words.count >= 2 else {
      return fail(
        Unverifiable("RequestHeader needs an action and a header", at: directive.location))
    }
    let action = words.removeFirst().lowercased()
    let name = words.removeFirst()
    if let condition = words.last, condition.hasPrefix("env=") || condition.hasPrefix("expr=") {
      words.removeLast()
      if condition.hasPrefix("env=") {
        let variable = condition.dropFirst(4)
        let negated = variable.hasPrefix("!")
        let set = state.variables[String(variable.drop { $0 == "!" })] != nil
        if set == negated {
          hops.append(
            TraceHop(
              step: Self.step,
              detail: "RequestHeader \(action) \(name): \(condition) does not hold for the checker",
              location: directive.location))
          return nil
        }
      } else {
        switch HttpdExpression.evaluate(String(condition.dropFirst(5)), state: state) {
        case .failure(.unknown(let reason)):
          return fail(Unverifiable("RequestHeader condition \(reason)", at: directive.location))
        case .success(false): return nil
        case .success(true): break
        }
      }
    }
    let header = name.lowercased()
    switch action {
    case "unset":
      state.headers[header] = nil
    case "set", "append", "add", "merge", "setifempty":
      guard let value = words.first else {
        return fail(
          Unverifiable("RequestHeader \(action) \(name) has no value", at: directive.location))
      }
      if value.contains("%{") || value.contains("${") {
        return fail(
          Unverifiable(
            "RequestHeader \(action) \(name) \"\(value)\": the value comes from a variable httpd expands at run time; not simulated",
            at: directive.location))
      }
      if action == "setifempty", let old = state.headers[header], !old.isEmpty { return nil }
      if action == "set" || action == "setifempty" || state.headers[header] == nil {
        state.headers[header] = value
      } else {
        state.headers[header] = (state.headers[header] ?? "") + ", " + value
      }
    default:
      return fail(
        Unverifiable("RequestHeader \(action) is not simulated", at: directive.location))
    }
    hops.append(
      TraceHop(
        step: Self.step,
        detail: "RequestHeader \(action) \(name)\(words.first.map { " \"\($0)\"" } ?? "")",
        location: directive.location))
    return nil
  }

  /// `Redirect [status] URL-path URL` (or `Redirect [status] URL` inside a `<Location>`).
  mutating func redirect(_ directive: HttpdDirective, section: HttpdDirective?) -> HttpdRouter
    .Outcome?
  {
    var words = directive.values
    var status = directive.key == "redirectpermanent" ? 301 : 302
    if let first = words.first {
      switch first.lowercased() {
      case "permanent":
        status = 301
        words.removeFirst()
      case "temp":
        status = 302
        words.removeFirst()
      case "seeother":
        status = 303
        words.removeFirst()
      case "gone":
        status = 410
        words.removeFirst()
      default:
        if let code = Int(first) {
          status = code
          words.removeFirst()
        }
      }
    }
    if directive.key == "redirectmatch" {
      guard let pattern = words.first else { return nil }
      switch regexMatches(pattern, state.path, directive.location) {
      case .failure(let unknown): return fail(unknown)
      case .success(false): return nil
      case .success(true):
        return redirected(status, words.dropFirst().first ?? "", directive)
      }
    }
    let prefix: String
    let target: String
    if words.count >= 2 {
      prefix = words[0]
      target = words[1]
    } else if let only = words.first, section?.key == "location" {
      prefix = section?.values.first ?? "/"
      target = only
    } else if !(300..<400).contains(status), let only = words.first {
      // A status outside 3xx takes no URL (mod_alias `Redirect`): `Redirect 404 /`.
      prefix = only
      target = ""
    } else {
      return fail(
        Unverifiable("\(directive.name) without a path and a URL", at: directive.location))
    }
    // mod_alias matches whole path segments: `/health` covers `/health/` but not `/healthz`.
    let path = state.path
    let covers =
      path == prefix || prefix.hasSuffix("/") && path.hasPrefix(prefix)
      || path.hasPrefix(prefix + "/")
    guard covers else { return nil }
    let rest = String(path.dropFirst(prefix.count))
    return redirected(status, (300..<400).contains(status) ? target + rest : "", directive)
  }

  mutating func redirected(_ status: Int, _ target: String, _ directive: HttpdDirective)
    -> HttpdRouter.Outcome
  {
    hops.append(
      TraceHop(
        step: Self.step,
        detail: "\(directive.name) → \(status)\(target.isEmpty ? "" : " Location: \(target)")",
        location: directive.location))
    if (300..<400).contains(status) {
      return .redirect(status: status, target: target, at: directive.location)
    }
    return .respond(status: status, at: directive.location)
  }

  /// Per-directory rules: each `RewriteRule` with the `RewriteCond`s before it.
}
