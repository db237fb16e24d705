import EBCheckCore
import EBCheckFormats

/// A `location` block with its parsed modifier.
public struct NginxLocation: Sendable, Hashable {
  public enum Match: Sendable, Hashable {
    case exact(String)
    case prefix(String, noRegex: Bool)
    case regex(NginxRegex)
    case named(String)
  }

  public var match: Match
  public var directive: NginxDirective
  public var nested: [NginxLocation]

  public var label: String {
    switch match {
    case .exact(let path): "= \(path)"
    case .prefix(let path, let noRegex): noRegex ? "^~ \(path)" : path
    case .regex(let regex): (regex.caseInsensitive ? "~* " : "~ ") + regex.pattern
    case .named(let name): name
    }
  }
}

/// One `server` block after includes are expanded.
public struct NginxServer: Sendable, Hashable {
  public var directive: NginxDirective
  public var ports: [Int]
  public var isDefault: Bool
  public var names: [String]
  /// Server-level directives (includes expanded), in order.
  public var directives: [NginxDirective]
  public var locations: [NginxLocation]
}

/// `map $source $variable { default v; key v; ~regex v; ~*regex v; }` at http level.
public struct NginxMap: Sendable, Hashable {
  public var source: String
  /// Exact keys, lowercased (nginx compares them case-insensitively).
  public var exact: [String: String]
  /// Regex keys in the order written.
  public var regexes: [(NginxRegex, String)]
  public var defaultValue: String
  public var directive: NginxDirective

  public static func == (lhs: NginxMap, rhs: NginxMap) -> Bool { lhs.directive == rhs.directive }
  public func hash(into hasher: inout Hasher) { hasher.combine(directive) }

  package init?(_ directive: NginxDirective) {
    guard directive.name == "map", directive.values.count >= 2, let block = directive.block else {
      return nil
    }
    source = directive.values[0]
    exact = [:]
    regexes = []
    defaultValue = ""
    self.directive = directive
    for entry in block {
      let value = entry.values.first ?? ""
      switch entry.name {
      case "default": defaultValue = value
      case "hostnames", "volatile", "include": continue
      default:
        if entry.name.hasPrefix("~*"),
          let regex = try? NginxRegex(String(entry.name.dropFirst(2)), caseInsensitive: true)
        {
          regexes.append((regex, value))
        } else if entry.name.hasPrefix("~"),
          let regex = try? NginxRegex(String(entry.name.dropFirst()))
        {
          regexes.append((regex, value))
        } else {
          var key = entry.name
          if key.hasPrefix("\\") { key.removeFirst() }
          if exact[key.lowercased()] == nil { exact[key.lowercased()] = value }
        }
      }
    }
  }

  /// The value for a source value (variables in it are left for the caller to expand),
  /// with the regex captures when a regex key matched.
  package func lookup(_ text: String) -> (String, [String?]?) {
    if let value = exact[text.lowercased()] { return (value, nil) }
    for (regex, value) in regexes {
      if let groups = regex.firstMatch(in: text) { return (value, groups) }
    }
    return (defaultValue, nil)
  }
}

/// The nginx configuration an instance runs: platform defaults plus `.platform/nginx`.
public struct NginxConfiguration: Sendable {
  /// `return 444`: nginx closes the connection without sending an answer.
  public static let closeConnectionStatus = 444

  /// Parsed `.platform/nginx` files.
  public var files: [NginxFile]
  public var diagnostics: [Diagnostic]
  /// `.platform/nginx/nginx.conf` replaces the platform's main file.
  public var replacesMainConf: Bool
  /// Whether the port-80 server still includes `conf.d/elasticbeanstalk/*.conf`.
  public var includesBeanstalkConfs: Bool
  /// `.platform/nginx/conf.d/**` files no include pulls in (e.g. after a replaced nginx.conf).
  public var unusedFiles: [String]
  public var servers: [NginxServer]
  /// `upstream` name → first server address (`host:port` or `unix:...`).
  public var upstreams: [String: String]
  /// `upstream` name → its first `server` line, where the address is written.
  public var upstreamServers: [String: NginxDirective] = [:]
  /// http-level directives (includes expanded).
  public var httpDirectives: [NginxDirective]
  /// `map` blocks by the variable they define (without `$`).
  public var maps: [String: NginxMap] = [:]
  /// The port the platform's default `location /` proxies to (`PORT`, else 8000).
  public var defaultUpstreamPort: Int
  /// The repository's files (paths in the application folder): what nginx finds under a
  /// `root` inside /var/app/current, where the instance unpacks the bundle.
  public var bundlePaths: Set<String> = []

  /// Reads `.platform/nginx/**` over the platform defaults; `env` supplies `PORT`.
  /// `applicationPort` overrides the default upstream (the container port on the Docker
  /// platform); otherwise `PORT`, else 8000.
  public static func load(
    from files: SourceFiles, env: [String: String] = [:], applicationPort: Int? = nil
  ) -> NginxConfiguration {
    var loader = Loader(files: files, env: env)
    if let applicationPort, (1...65535).contains(applicationPort) { loader.port = applicationPort }
    let configuration = loader.load()
    guard !configuration.refusals.isEmpty else { return configuration }
    // `nginx -t` fails, so the deployment does: none of the repository's nginx files apply.
    let platformOnly = SourceFiles(files.all.filter { !$0.path.hasPrefix(Loader.base) })
    var fallback = Loader(files: platformOnly, env: env)
    fallback.port = loader.port
    var result = fallback.load()
    result.diagnostics = configuration.diagnostics
    result.refusals = configuration.refusals
    result.bundlePaths = configuration.bundlePaths
    return result
  }

  /// Directives `nginx -t` refuses although they parse (a `location` directly in `http {}`).
  public var refusals: [Location] = []

  /// A location reported to users; nil for the platform's own files.
  package static func userLocation(_ directive: NginxDirective) -> Location? {
    NginxDefaults.isDefault(directive.file) ? nil : directive.location
  }

  package static func describe(_ directive: NginxDirective, lineIndexes: [String: LineIndex])
    -> String
  {
    if NginxDefaults.isDefault(directive.file) {
      return "Beanstalk default \(directive.file.dropFirst(NginxDefaults.prefix.count))"
    }
    if let index = lineIndexes[directive.file] {
      return "\(directive.file):\(index.location(of: directive.nameSpan.start).line)"
    }
    return directive.file
  }

  package var lineIndexes: [String: LineIndex] = [:]
}

// MARK: - Loading

private struct Loader {
  package static let base = ".platform/nginx/"
  package let files: SourceFiles
  package let env: [String: String]
  package var parsed: [String: NginxFile] = [:]
  package var diagnostics: [Diagnostic] = []
  package var included: Set<String> = []
  /// Files being expanded right now, outermost first: a file that includes itself, directly
  /// or through others, is not expanded again (nginx would recurse until it gives up).
  package var including: [String] = []
  /// Directives pulled in by includes so far; past the budget, includes are left out, so
  /// fan-out (many includes of files that include many files) cannot grow without bound.
  package var expanded = 0
  package static let expansionBudget = 200_000
  /// The platform's own files, parsed once per run rather than once per application (the
  /// application conf for the usual upstream port; other ports parse their own).
  package static let defaultMain = NginxParser.parse(
    bytes: Array(NginxDefaults.mainConf.utf8), path: NginxDefaults.mainPath)
  package static let defaultHealthd = NginxParser.parse(
    bytes: Array(NginxDefaults.healthdConf.utf8), path: NginxDefaults.healthdPath)
  package static let defaultApplication = application(port: 8000)
  package static func application(port: Int) -> NginxFile {
    NginxParser.parse(
      bytes: Array(NginxDefaults.applicationConf(port: port).utf8),
      path: NginxDefaults.applicationPath)
  }
  package var upstreams: [String: String] = [:]
  package var upstreamServers: [String: NginxDirective] = [:]
  package var port = 8000

  package init(files: SourceFiles, env: [String: String]) {
    self.files = files
    self.env = env
    if let value = env["PORT"], let number = Int(value.trimmingWhitespace()),
      (1...65535).contains(number)
    {
      port = number
    }
  }

  /// Every file nginx could include, keyed by its path relative to /etc/nginx.
  package mutating func available() -> [String: NginxFile] {
    var result: [String: NginxFile] = [:]
    result["conf.d/elasticbeanstalk/00_application.conf"] =
      port == 8000 ? Self.defaultApplication : Self.application(port: port)
    result["conf.d/elasticbeanstalk/healthd.conf"] = Self.defaultHealthd
    for file in files.all where file.path.hasPrefix(Self.base) && file.kind == .nginx {
      let relative = String(file.path.dropFirst(Self.base.count))
      let nginx = NginxParser.parse(file)
      diagnostics += nginx.diagnostics
      parsed[file.path] = nginx
      result[relative] = nginx
    }
    return result
  }

  /// Directives nginx sets once per block: a second one in the same block (after includes)
  /// is refused as duplicate.
  package static let setOnce: Set<String> = [
    "server_tokens", "default_type", "client_header_timeout", "client_body_timeout",
    "keepalive_timeout", "gzip", "gzip_comp_level", "client_max_body_size", "send_timeout",
    "proxy_read_timeout", "proxy_connect_timeout", "proxy_send_timeout", "sendfile",
    "tcp_nopush", "tcp_nodelay", "root",
  ]

  /// Each repeated set-once directive with the first one, when the repeat is the repository's.
  package static func duplicates(in block: [NginxDirective])
    -> [(NginxDirective, NginxDirective)]
  {
    var seen: [String: NginxDirective] = [:]
    var found: [(NginxDirective, NginxDirective)] = []
    for directive in block where setOnce.contains(directive.name) {
      if let first = seen[directive.name] {
        if !NginxDefaults.isDefault(directive.file) { found.append((first, directive)) }
      } else {
        seen[directive.name] = directive
      }
    }
    return found
  }

  package mutating func load() -> NginxConfiguration {
    let available = available()
    var lineIndexes: [String: LineIndex] = [:]
    for file in files.all where parsed[file.path] != nil { lineIndexes[file.path] = file.lineIndex }
    let main: NginxFile
    let replaces = available["nginx.conf"] != nil
    if let user = available["nginx.conf"] {
      main = user
    } else {
      main = Self.defaultMain
    }
    var depth = 0
    let top = expand(main.directives, available: available, depth: &depth)
    let http = top.first { $0.name == "http" }
    let httpDirectives = http.map { expandBlock($0, available: available) } ?? []
    var servers: [NginxServer] = []
    var includesBeanstalk = false
    for directive in httpDirectives {
      if directive.name == "upstream", let name = directive.values.first {
        if let line = directive.children(named: "server").first, let server = line.values.first {
          upstreams[name] = server
          upstreamServers[name] = line
        }
      }
    }
    for directive in httpDirectives where directive.name == "server" {
      let raw = directive.block ?? []
      let holdsBeanstalk = raw.contains {
        $0.name == "include" && ($0.values.first ?? "").contains("conf.d/elasticbeanstalk/")
      }
      let inner = expandBlock(directive, available: available)
      let server = makeServer(directive, inner)
      if holdsBeanstalk && server.ports.contains(80) { includesBeanstalk = true }
      servers.append(server)
    }
    let unused = parsed.keys.filter { path in
      path != Self.base + "nginx.conf" && !included.contains(path)
    }.sorted()
    var configuration = NginxConfiguration(
      files: parsed.keys.sorted().compactMap { parsed[$0] }, diagnostics: diagnostics,
      replacesMainConf: replaces, includesBeanstalkConfs: includesBeanstalk, unusedFiles: unused,
      servers: servers, upstreams: upstreams, httpDirectives: httpDirectives,
      defaultUpstreamPort: port)
    configuration.lineIndexes = lineIndexes
    configuration.upstreamServers = upstreamServers
    let refused =
      ": nginx -t refuses the configuration, the deployment fails and none of the repository's nginx files apply"
    /// A directive `nginx -t` refuses as a repeat of `first`: a refusal and its finding.
    func refuse(
      _ repeated: NginxDirective, after first: NginxDirective, _ message: (String) -> String
    ) {
      let location = Location(file: repeated.file, span: repeated.nameSpan)
      configuration.refusals.append(location)
      configuration.diagnostics.append(
        Diagnostic(
          problem: .nginxSyntax, severity: .error,
          message: message(NginxConfiguration.describe(first, lineIndexes: lineIndexes)),
          location: location))
    }
    for block in [httpDirectives] + servers.map(\.directives) {
      for (first, repeated) in Self.duplicates(in: block) {
        refuse(repeated, after: first) {
          "\"\(repeated.name)\" is duplicate (already set at \($0) in the same block)" + refused
        }
      }
    }
    for server in servers {
      for (first, repeated) in Self.duplicateLocations(server.locations) {
        refuse(repeated.directive, after: first.directive) {
          "duplicate location \"\(repeated.label)\" (already at \($0) in the same server)" + refused
            + "; to replace the platform's location /, name the file 00_application.conf"
        }
      }
    }
    for directive in httpDirectives
    where directive.name == "location" && !NginxDefaults.isDefault(directive.file) {
      let location = Location(file: directive.file, span: directive.nameSpan)
      configuration.refusals.append(location)
      configuration.diagnostics.append(
        Diagnostic(
          problem: .nginxSyntax, severity: .error,
          message:
            "\"location\" is not allowed directly in http {} (files in .platform/nginx/conf.d/ are included there): nginx -t refuses the configuration, the deployment fails and none of the repository's nginx files apply; put it in .platform/nginx/conf.d/elasticbeanstalk/ to add it to the port-80 server",
          location: location))
    }
    configuration.bundlePaths = Set(files.paths.filter { !$0.hasPrefix("../") })
      .union(files.unreadFiles)
    for directive in httpDirectives {
      guard let map = NginxMap(directive), directive.values[1].hasPrefix("$") else { continue }
      let name = String(directive.values[1].dropFirst())
      if configuration.maps[name] == nil { configuration.maps[name] = map }
    }
    return configuration
  }

  /// Exact and prefix locations of one server with the same path (`^~` or not): nginx refuses
  /// the second as a duplicate; regex locations may repeat (probed with `nginx -t`).
  package static func duplicateLocations(_ locations: [NginxLocation])
    -> [(NginxLocation, NginxLocation)]
  {
    var seen: [String: NginxLocation] = [:]
    var found: [(NginxLocation, NginxLocation)] = []
    for location in locations {
      let key: String
      switch location.match {
      case .exact(let path): key = "=" + path
      case .prefix(let path, _): key = " " + path
      case .regex, .named: continue
      }
      if let first = seen[key] {
        let repositorys = !NginxDefaults.isDefault(location.directive.file)
        if repositorys || !NginxDefaults.isDefault(first.directive.file) {
          found.append((first, location))
        }
      } else {
        seen[key] = location
      }
    }
    return found
  }

  package mutating func expandBlock(_ directive: NginxDirective, available: [String: NginxFile])
    -> [NginxDirective]
  {
    var depth = 0
    return expand(directive.block ?? [], available: available, depth: &depth)
  }

  /// Replaces `include pattern;` with the directives of the matching files, in name order.
  package mutating func expand(
    _ directives: [NginxDirective], available: [String: NginxFile], depth: inout Int
  ) -> [NginxDirective] {
    var out: [NginxDirective] = []
    for directive in directives {
      guard directive.name == "include", var pattern = directive.values.first else {
        out.append(directive)
        continue
      }
      for prefix in ["/etc/nginx/", "./"] where pattern.hasPrefix(prefix) {
        pattern = String(pattern.dropFirst(prefix.count))
      }
      guard depth < 16 else { continue }
      let matches = available.keys.filter { Glob.match(pattern, $0) }.sorted()
      for name in matches {
        guard let file = available[name], !including.contains(file.path) else { continue }
        if !NginxDefaults.isDefault(file.path) { included.insert(file.path) }
        guard expanded < Self.expansionBudget else { continue }
        expanded += file.directives.count
        including.append(file.path)
        depth += 1
        out += expand(file.directives, available: available, depth: &depth)
        depth -= 1
        including.removeLast()
      }
    }
    return out
  }

  package func makeServer(_ directive: NginxDirective, _ inner: [NginxDirective]) -> NginxServer {
    var ports: [Int] = []
    var isDefault = false
    var sawListen = false
    for listen in inner where listen.name == "listen" {
      sawListen = true
      guard let address = listen.values.first else { continue }
      if listen.values.contains("default_server") || listen.values.contains("default") {
        isDefault = true
      }
      if address.hasPrefix("unix:") { continue }
      var portText = address
      if let colon = address.lastIndex(of: ":") {
        portText = String(address[address.index(after: colon)...])
      } else if address.contains(".") || address.hasPrefix("[") || Int(address) == nil {
        portText = "80"  // `listen 127.0.0.1;` or `listen localhost;`
      }
      if let port = Int(portText) { ports.append(port) }
    }
    if !sawListen { ports = [80] }
    let names = inner.filter { $0.name == "server_name" }.flatMap(\.values)
    return NginxServer(
      directive: directive, ports: ports, isDefault: isDefault, names: names, directives: inner,
      locations: Self.locations(in: inner))
  }

  package static func locations(in directives: [NginxDirective]) -> [NginxLocation] {
    directives.compactMap { directive in
      guard directive.name == "location", let block = directive.block,
        let match = locationMatch(directive.values)
      else { return nil }
      return NginxLocation(match: match, directive: directive, nested: locations(in: block))
    }
  }

  package static func locationMatch(_ values: [String]) -> NginxLocation.Match? {
    guard let first = values.first else { return nil }
    var modifier = ""
    var name = first
    if values.count >= 2 {
      modifier = first
      name = values[1]
    } else if first.hasPrefix("=") && first.count > 1 {
      modifier = "="
      name = String(first.dropFirst())
    } else if first.hasPrefix("~*") && first.count > 2 {
      modifier = "~*"
      name = String(first.dropFirst(2))
    } else if first.hasPrefix("~") && first.count > 1 {
      modifier = "~"
      name = String(first.dropFirst())
    }
    switch modifier {
    case "=": return .exact(name)
    case "^~": return .prefix(name, noRegex: true)
    case "~", "~*":
      guard let regex = try? NginxRegex(name, caseInsensitive: modifier == "~*") else { return nil }
      return .regex(regex)
    case "":
      return name.hasPrefix("@") ? .named(name) : .prefix(name, noRegex: false)
    default: return nil
    }
  }
}
