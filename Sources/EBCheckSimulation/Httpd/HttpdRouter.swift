import EBCheckCore
import EBCheckFormats
import EBCheckModel

/// What Apache httpd does with the checker's request before the app sees it: the repository's
/// httpd files over the platform's virtual host, in the order httpd's phases apply them
/// (docs/facts.md, Apache; each behaviour checked against real httpd in the e2e harness).
package struct HttpdRouter {
  package enum Layout: Sendable {
    /// Amazon Linux 2 `ProxyServer: apache`: `ProxyPass /` to the app port.
    case proxy(upstream: Int)
    /// The Amazon Linux AMI: mod_wsgi runs `WSGIPath` (relative to the app folder).
    case modWSGI(script: String)
  }

  package enum Outcome: Sendable {
    /// The request reaches the app with these headers (Host included).
    case pass(headers: [String: String])
    /// A `RewriteRule [P]` sends the request to the app with another path.
    case passRewritten(path: String, headers: [String: String])
    case respond(status: Int, at: Location)
    case redirect(status: Int, target: String, at: Location)
    case unknown(Unverifiable)
  }

  package let configuration: HttpdConfiguration
  package let layout: Layout

  package init(configuration: HttpdConfiguration, layout: Layout) {
    self.configuration = configuration
    self.layout = layout
  }

  /// Whether two runs give the checker the same answer.
  package static func sameAnswer(_ lhs: Outcome, _ rhs: Outcome) -> Bool {
    switch (lhs, rhs) {
    case (.pass(let a), .pass(let b)): a == b
    case (.passRewritten(let p, let a), .passRewritten(let q, let b)): p == q && a == b
    case (.respond(let s, _), .respond(let t, _)): s == t
    case (.redirect(let s, let a, _), .redirect(let t, let b, _)): s == t && a == b
    default: false
    }
  }

  /// The app folder as the platform deploys it.
  static let appFolder = "/opt/python/current/app"

  package func route(path: String, host: String, userAgent: String) -> (Outcome, [TraceHop]) {
    var run = HttpdRun(
      router: self,
      state: HttpdRequestState(path: path, headers: ["host": host, "user-agent": userAgent]))
    var outcome = run.evaluate()
    if configuration.replacedPlatformHost != nil { outcome = run.replacedHostApp(outcome) }
    return (outcome, run.hops)
  }
}

/// One pass of the request through the repository's directives.
package struct HttpdRun {
  let router: HttpdRouter
  var state: HttpdRequestState
  var hops: [TraceHop] = []
  /// Whether the file being read comes before the platform's `<VirtualHost *:80>`.
  var readBeforePlatformHost = false
  /// Where a deploy hook replaced the platform's `wsgi.conf`: the repository host that
  /// answers, whether its directives are being read, and its `WSGIScriptAlias`.
  var answeringHost: HttpdDirective?
  var inAnsweringHost = false
  var scriptAlias: HttpdDirective?
  /// Whether a `Require` line applied to the request (the replaced host has no platform grant).
  var sawRequire = false

  static let step = "Apache httpd"

  /// Directives that do not change the checker's answer (response headers, logging, limits,
  /// mod_wsgi and server tuning).
  private static let inert: Set<String> = [
    "header", "errordocument", "options", "allowoverride", "expiresactive", "expiresbytype",
    "expiresdefault", "addtype", "addoutputfilterbytype", "setoutputfilter", "logformat",
    "customlog", "errorlog", "loglevel", "keepalive", "keepalivetimeout", "maxkeepaliverequests",
    "timeout", "limitrequestbody", "servername", "serveralias", "serveradmin", "directoryindex",
    "adddefaultcharset", "fileetag", "traceenable", "servertokens", "serversignature",
    "requestreadtimeout", "enablesendfile", "enablemmap", "loadmodule", "setenv", "unsetenv",
    "passenv", "addhandler", "addcharset", "addencoding", "deflatecompressionlevel",
    "wsgipassauthorization", "wsgiapplicationgroup", "wsgiscriptreloading", "wsgisocketprefix",
    "wsgirestrictembedded", "wsgipythonhome", "wsgipythonpath", "wsgilazyinitialization",
    "proxytimeout", "proxypassreverse", "proxypreservehost", "proxyrequests", "proxyerroroverride",
    "startservers", "minspareservers", "maxspareservers", "serverlimit", "maxrequestworkers",
    "maxclients", "maxconnectionsperchild", "maxrequestsperchild", "threadsperchild",
    "listenbacklog", "hostnamelookups", "usecanonicalname", "limitrequestfieldsize",
    "limitrequestline", "limitrequestfields", "rewriteoptions", "rewritebase", "browsermatch",
  ]

  mutating func evaluate() -> HttpdRouter.Outcome {
    if let first = router.configuration.unmodelled.first {
      hops.append(TraceHop(step: Self.step, detail: first.reason, location: first.location))
      return .unknown(first)
    }
    if router.configuration.refused {
      hops.append(
        TraceHop(
          step: Self.step,
          detail: "apachectl configtest refuses the repository's httpd files: none apply",
          location: router.configuration.diagnostics.first?.location))
      return .pass(headers: state.headers)
    }
    var serverLevel: [HttpdDirective] = []
    var sections: [HttpdDirective] = []
    if router.configuration.replacedPlatformHost != nil {
      switch chooseReplacedHost() {
      case .failure(let unknown): return fail(unknown)
      case .success(let host): answeringHost = host
      }
    }
    for (index, file) in router.configuration.files.enumerated() {
      readBeforePlatformHost = router.configuration.readBeforePlatformHost.contains(index)
      if let failure = collect(file.directives, server: &serverLevel, sections: &sections) {
        return failure
      }
    }
    if serverLevel.isEmpty && sections.isEmpty { return .pass(headers: state.headers) }

    // post-read-request: SetEnvIf at server level.
    for directive in serverLevel where Self.isSetEnvIf(directive) {
      if let failure = setEnvIf(directive) { return failure }
    }
    // translate-name: server-level rewrite rules stay in the main server; Redirect runs
    // before mod_wsgi's alias but after ProxyPass / has taken the URL.
    if let inherit = serverLevel.first(where: {
      $0.key == "rewriteoptions" && $0.values.contains { $0.lowercased().hasPrefix("inheritdown") }
    }) {
      return fail(
        Unverifiable(
          "RewriteOptions \(inherit.values.joined(separator: " ")) passes server-level rules to the virtual hosts; not simulated",
          at: inherit.location))
    }
    let rewrites = serverLevel.filter { ["rewriterule", "rewritecond"].contains($0.key) }
    if let rule = rewrites.first(where: { $0.key == "rewriterule" }) {
      hops.append(
        TraceHop(
          step: Self.step,
          detail:
            "RewriteRule at server level: mod_rewrite does not pass main-server rules to the platform's <VirtualHost *:80>, so it does not apply",
          location: rule.location))
    }
    for directive in serverLevel where ["redirect", "redirectmatch"].contains(directive.key) {
      if case .proxy = router.layout {
        hops.append(
          TraceHop(
            step: Self.step,
            detail:
              "\(directive.name) at server level: the platform's ProxyPass / takes the URL first, so it does not apply",
            location: directive.location))
        continue
      }
      if let outcome = redirect(directive, section: nil) { return outcome }
    }

    // Per-directory sections that apply, in httpd's merge order: <Directory> (mod_wsgi only;
    // the platform's own <Directory app/> comes after a shorter one), <Location>, <If>.
    var merged: [(HttpdDirective, HttpdDirective?)] = serverLevel.filter(Self.isPerDirectory).map {
      ($0, nil)
    }
    var ordered: [HttpdDirective] = []
    ordered += sections.filter {
      ["directory", "directorymatch", "files", "filesmatch"].contains($0.key)
    }
    ordered += sections.filter { ["location", "locationmatch"].contains($0.key) }
    ordered += sections.filter { ["if", "elseif", "else"].contains($0.key) }
    var previousIf: Bool?
    for section in ordered {
      switch applies(section, previousIf: &previousIf) {
      case .failure(let unknown): return fail(unknown)
      case .success(false): continue
      case .success(true):
        if let failure = flatten(section.block ?? [], in: section, into: &merged) { return failure }
      }
    }
    return perDirectory(merged)
  }

  // MARK: - Contexts

  /// Splits a file into server-level directives and per-directory sections; `<IfModule>` of a
  /// module the platform loads is read through, a `<VirtualHost>` for port 80 is unknown.
  mutating func collect(
    _ directives: [HttpdDirective], server: inout [HttpdDirective], sections: inout [HttpdDirective]
  ) -> HttpdRouter.Outcome? {
    for directive in directives {
      switch directive.key {
      case "ifmodule":
        let name = directive.values.first ?? ""
        let negated = name.hasPrefix("!")
        if Self.loads(String(name.drop { $0 == "!" }), router.layout) != negated {
          if let failure = collect(directive.block ?? [], server: &server, sections: &sections) {
            return failure
          }
        }
      case "virtualhost":
        let ports = directive.values.map { $0.split(separator: ":").last.map(String.init) ?? "" }
        if !ports.contains(where: { $0 == "80" || $0 == "*" || !$0.allSatisfy(\.isNumber) }) {
          hops.append(
            TraceHop(
              step: Self.step,
              detail:
                "<VirtualHost \(directive.values.joined(separator: " "))> is not port 80: the checker does not reach it",
              location: directive.location))
          continue
        }
        if router.configuration.replacedPlatformHost != nil {
          guard directive == answeringHost else { continue }
          inAnsweringHost = true
          let failure = collect(directive.block ?? [], server: &server, sections: &sections)
          inAnsweringHost = false
          if let failure { return failure }
          continue
        }
        if let failure = virtualHost(directive) { return failure }
      case "directory", "directorymatch", "files", "filesmatch", "location", "locationmatch", "if",
        "elseif", "else":
        sections.append(directive)
      case "wsgidaemonprocess":
        continue  // defines a daemon: where the app runs, not whether it answers
      case "wsgiprocessgroup" where inAnsweringHost:
        continue  // where the app runs, not whether it answers
      case "wsgiscriptalias" where inAnsweringHost && directive.values.first == "/":
        scriptAlias = directive
      case "rewriterule" where inAnsweringHost:
        return fail(
          Unverifiable(
            "RewriteRule in the <VirtualHost> that answers is not simulated", at: directive.location
          ))
      case "proxypass", "proxypassmatch", "proxy", "proxymatch", "alias", "aliasmatch",
        "scriptalias", "wsgiscriptalias", "wsgiprocessgroup":
        if ["alias", "aliasmatch", "scriptalias"].contains(directive.key),
          case .proxy = router.layout
        {
          // mod_alias maps URLs after mod_proxy: the platform's ProxyPass / takes them first.
          hops.append(
            TraceHop(
              step: Self.step,
              detail:
                "\(directive.name) at server level: the platform's ProxyPass / takes the URL first, so it does not apply",
              location: directive.location))
          continue
        }
        if directive.key == "alias", case .modWSGI = router.layout,
          let url = directive.values.first, !state.path.hasPrefix(url)
        {
          continue  // an Alias for another path (static files)
        }
        return fail(
          Unverifiable(
            "\(directive.name) \(directive.values.joined(separator: " ")) changes where httpd sends requests; not simulated",
            at: directive.location))
      case "ifdefine", "ifversion", "macro", "use", "define", "include", "includeoptional":
        return fail(
          Unverifiable(
            "<\(directive.name)> / \(directive.name) is not simulated", at: directive.location))
      default:
        server.append(directive)
      }
    }
    return nil
  }

  static func loads(_ module: String, _ layout: HttpdRouter.Layout) -> Bool {
    let name = module.replacingOccurrences("mod_", "").replacingOccurrences(".c", "")
      .replacingOccurrences("_module", "")
    var loaded: Set<String> = [
      "rewrite", "headers", "setenvif", "alias", "mime", "dir", "authz_core", "authz_host",
      "access_compat", "env", "log_config", "deflate", "expires", "proxy", "proxy_http",
    ]
    if case .modWSGI = layout { loaded.insert("wsgi") }
    return loaded.contains(name)
  }

  /// Whether a section covers the checker's request.
  mutating func applies(_ section: HttpdDirective, previousIf: inout Bool?) -> Result<
    Bool, Unverifiable
  > {
    let argument = section.values.first ?? ""
    switch section.key {
    case "location":
      previousIf = nil
      // A plain prefix: `<Location /health>` also covers `/healthz`.
      return .success(state.path.hasPrefix(argument))
    case "locationmatch":
      previousIf = nil
      return regexMatches(argument, state.path, section.location).map { $0 }
    case "directory":
      previousIf = nil
      guard case .modWSGI = router.layout else {
        hops.append(
          TraceHop(
            step: Self.step,
            detail:
              "<Directory \(argument)>: a proxied request maps to no folder, so it does not apply",
            location: section.location))
        return .success(false)
      }
      let folder = argument.hasSuffix("/") ? argument : argument + "/"
      if (HttpdRouter.appFolder + "/").hasPrefix(folder) || folder == "/var/app/current/" {
        return .success(true)
      }
      return .success(false)
    case "if", "elseif", "else":
      if section.key != "if", previousIf == nil {
        return .failure(
          Unverifiable("<\(section.name)> without a preceding <If>", at: section.location))
      }
      if section.key != "if", previousIf == true {
        return .success(false)
      }
      if section.key == "else" {
        previousIf = true
        return .success(true)
      }
      switch HttpdExpression.evaluate(
        section.values.joined(separator: " "), state: state)
      {
      case .success(let value):
        previousIf = value || (previousIf ?? false)
        hops.append(
          TraceHop(
            step: Self.step,
            detail:
              "<\(section.name) \"\(section.values.joined(separator: " "))\"> is \(value) for the checker",
            location: section.location))
        return .success(value)
      case .failure(.unknown(let reason)):
        return .failure(
          Unverifiable("<\(section.name)> condition \(reason)", at: section.location))
      }
    default:
      previousIf = nil
      return .failure(
        Unverifiable("<\(section.name) \(argument)> is not simulated", at: section.location))
    }
  }

  /// A section's directives, with nested `<If>` sections evaluated in place.
  mutating func flatten(
    _ directives: [HttpdDirective], in section: HttpdDirective,
    into merged: inout [(HttpdDirective, HttpdDirective?)]
  ) -> HttpdRouter.Outcome? {
    var previousIf: Bool?
    for directive in directives {
      if directive.isSection {
        switch applies(directive, previousIf: &previousIf) {
        case .failure(let unknown): return fail(unknown)
        case .success(false): continue
        case .success(true):
          if let failure = flatten(directive.block ?? [], in: directive, into: &merged) {
            return failure
          }
        }
        continue
      }
      merged.append((directive, section))
    }
    return nil
  }

  static func isSetEnvIf(_ directive: HttpdDirective) -> Bool {
    ["setenvif", "setenvifnocase", "browsermatch", "browsermatchnocase"].contains(directive.key)
  }

  static func isPerDirectory(_ directive: HttpdDirective) -> Bool {
    !isSetEnvIf(directive) && !["redirect", "redirectmatch"].contains(directive.key)
  }

  // MARK: - Per-directory phases

  /// Access control, then mod_rewrite's per-directory rules, then `Redirect`, then
  /// `RequestHeader` (the order of httpd's access-checker and fixup hooks).
  mutating func perDirectory(_ merged: [(HttpdDirective, HttpdDirective?)]) -> HttpdRouter.Outcome {
    var rewriteEngine = false
    var rulesSection: HttpdDirective?
    var rules: [HttpdDirective] = []
    var requestHeaders: [HttpdDirective] = []
    var redirects: [(HttpdDirective, HttpdDirective?)] = []
    var accessLines: [(HttpdDirective, HttpdDirective?)] = []
    for (directive, section) in merged {
      switch directive.key {
      case "setenvif", "setenvifnocase", "browsermatch", "browsermatchnocase":
        if let failure = setEnvIf(directive) { return failure }
      case "rewriteengine":
        rewriteEngine = directive.values.first?.lowercased() == "on"
      case "rewriterule", "rewritecond":
        // A section's own rules replace the ones merged before it; rules at server level
        // stay in the main server (see evaluate()).
        guard let section else { continue }
        if rulesSection != section {
          rules = []
          rulesSection = section
        }
        rules.append(directive)
      case "requestheader":
        requestHeaders.append(directive)
      case "redirect", "redirectmatch", "redirectpermanent", "redirecttemp":
        redirects.append((directive, section))
      case "require", "order", "allow", "deny", "satisfy":
        accessLines.append((directive, section))
      case "authtype", "authname", "authuserfile":
        return fail(
          Unverifiable(
            "access control by \(directive.name) is not simulated", at: directive.location))
      default:
        if Self.inert.contains(directive.key) { continue }
        return fail(
          Unverifiable(
            "\(directive.name) is not simulated", at: directive.location))
      }
    }
    sawRequire = accessLines.contains { $0.0.key == "require" }
    if let outcome = accessCheck(accessLines) { return outcome }
    if !rules.isEmpty, !rewriteEngine {
      hops.append(
        TraceHop(
          step: Self.step, detail: "RewriteEngine is not on: the rewrite rules do not run",
          location: rules[0].location))
    }
    if rewriteEngine, !rules.isEmpty, let outcome = rewrite(rules, section: rulesSection) {
      return outcome
    }
    for (directive, section) in redirects {
      if let outcome = redirect(directive, section: section) { return outcome }
    }
    for directive in requestHeaders {
      if let failure = requestHeader(directive) { return failure }
    }
    return .pass(headers: state.headers)
  }

  mutating func fail(_ unknown: Unverifiable) -> HttpdRouter.Outcome {
    hops.append(
      TraceHop(step: Self.step, detail: unknown.reason + " → unknown", location: unknown.location))
    return .unknown(unknown)
  }
}
