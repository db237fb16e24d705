import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// Builds the `DjangoApp` facts from the evaluated settings, the URLconf and the middleware.
/// Values read from an unset environment variable with a default take the default (what
/// Django runs with when Beanstalk does not set the variable); without a default they stay
/// unverifiable.
package struct DjangoAppBuilder {
  package let modules: PythonModules
  package let env: [String: String]
  /// Whether IMDS answers without a token on this environment's instances (nil: unknown).
  package var imdsV1Answers: Bool? = nil

  package func build(settingsModule: String, requirements: Requirements) -> DjangoApp? {
    let evaluator = SettingsEvaluator(
      files: modules.files, env: env, unsetVariablesTakeDefaults: true, modules: modules,
      imdsV1Answers: imdsV1Answers)
    guard let settings = evaluator.evaluate(module: settingsModule) else { return nil }
    let facts = SettingFacts(settings: settings, modules: modules)
    let loginURL = facts.string("LOGIN_URL").value ?? "/accounts/login/"
    // What the view and middleware runs read through `django.conf.settings`.
    let settingValues = settings.values.mapValues(\.value)
    let urls: any URLResolver
    var viewContext = facts.viewContext(loginURL: loginURL)
    var urlNames: [String: String] = [:]
    if case .known(let module) = facts.string("ROOT_URLCONF") {
      var names = URLNameReader(modules: modules)
      names.settings = viewContext.settings
      urlNames = names.names(rootURLConf: module.value)
    }
    var viewExecutor = ViewExecutor(
      files: modules.files, modules: modules, env: env, settings: settingValues)
    viewExecutor.urlNames = urlNames
    viewExecutor.restFramework = viewContext.restFramework
    viewContext.executor = ViewExecutorHandle(viewExecutor)
    switch facts.string("ROOT_URLCONF") {
    case .known(let module):
      urls =
        URLConfReader(modules: modules, context: viewContext)
        .resolver(rootURLConf: module.value)
        ?? UnresolvableURLs(
          why: Unverifiable(
            "ROOT_URLCONF '\(module.value)' is not in the repository", at: module.location))
    case .unknown(let why):
      urls = UnresolvableURLs(why: why)
    }
    var executor = MiddlewareExecutor(
      files: modules.files, modules: modules, env: env,
      settings: settingValues)
    executor.urlNames = urlNames
    var hosts = facts.hosts()
    // django-ebhealthcheck (2.0+) appends the instance IP from IMDSv2 in AppConfig.ready().
    if let app = facts.installedApp(prefix: "ebhealthcheck"), case .known(var list) = hosts {
      list.value.append(.instanceIP(.imdsWithToken, at: app))
      hosts = .known(list)
    }
    var app = DjangoApp(
      settingsFile: settings.file,
      version: requirements.djangoVersion.map {
        Sourced($0, at: requirements.location(of: .django), origin: "requirements")
      },
      debug: facts.bool("DEBUG", default: false),
      allowedHosts: hosts,
      middleware: facts.middleware(
        catalog: MiddlewareCatalog(
          modules: modules,
          executor: MiddlewareExecutorHandle(executor),
          requirements: requirements.files.isEmpty
            ? nil : requirements.requirements.map(\.name))),
      secureSSLRedirect: facts.bool("SECURE_SSL_REDIRECT", default: false),
      secureRedirectExempt: facts.strings("SECURE_REDIRECT_EXEMPT"),
      secureProxySSLHeader: facts.isSet("SECURE_PROXY_SSL_HEADER"),
      appendSlash: facts.bool("APPEND_SLASH", default: true),
      prependWWW: facts.bool("PREPEND_WWW", default: false),
      useXForwardedHost: facts.bool("USE_X_FORWARDED_HOST", default: false),
      disallowedUserAgents: facts.patterns("DISALLOWED_USER_AGENTS"),
      allowedCIDRNets: facts.strings("ALLOWED_CIDR_NETS"),
      loginURL: loginURL,
      urls: urls)
    app.settingsModule = settingsModule
    app.allowedHostsExpression = settings["ALLOWED_HOSTS"]?.valueLocation
    if let header = settings["SECURE_PROXY_SSL_HEADER"], let parts = header.value.elements,
      parts.count == 2, let meta = parts[0].value.stringValue,
      let value = parts[1].value.stringValue,
      meta.hasPrefix("HTTP_")
    {
      let name = String(meta.dropFirst(5)).lowercased().replacingOccurrences("_", "-")
      app.proxySSLHeader = Sourced([name, value], at: header.location)
    }
    if case .known(let host) = facts.string("SECURE_SSL_HOST") { app.secureSSLHost = .known(host) }
    app.languageCode = facts.string("LANGUAGE_CODE").value ?? "en-us"
    app.middlewareSite = facts.listSite("MIDDLEWARE")
    app.ipLookups = settings.instanceIPLookups.map {
      Sourced(InstanceIPSource($0), at: $0.location)
    }
    app.envReads = settings.envReads
    var seen = Set<Diagnostic>()
    app.parseDiagnostics = (settings.diagnostics + modules.diagnostics).filter {
      $0.isProblem(.pythonSyntax) && seen.insert($0).inserted
    }
    if let failure = settings.failure {
      app.startupFailure = Sourced(failure.message, at: failure.location)
    }
    return app
  }
}

extension Unverifiable: Error {}

extension InstanceIPSource {
  package init(_ lookup: InstanceIPLookup) {
    switch (lookup.method, lookup.usesToken) {
    case (.socket, _): self = .hostname
    case (.imds, true): self = .imdsWithToken
    case (.imds, false): self = .imdsWithoutToken
    }
  }
}

/// A URL resolver for when the URLconf cannot be read.
package struct UnresolvableURLs: URLResolver {
  package let why: Unverifiable
  package func resolve(_ path: String) -> URLResolution { .unknown(why) }
}

/// Reads the evaluated settings as the facts the simulation needs.
package struct SettingFacts {
  package let settings: EvaluatedSettings
  package let modules: PythonModules

  /// The value with environment defaults applied, or why it cannot be known.
  package func resolved(_ value: PyValue, at location: Location?) -> Result<PyValue, Unverifiable> {
    switch value {
    case .dynamic(let dynamic):
      if dynamic.envVar != nil, let fallback = dynamic.defaultValue { return .success(fallback) }
      if !dynamic.possibleValues.isEmpty,
        dynamic.possibleValues.allSatisfy({ $0.sameValue(as: dynamic.possibleValues[0]) })
      {
        return .success(dynamic.possibleValues[0])
      }
      return .failure(
        Unverifiable(
          dynamic.envVar.map { "\($0) is not set in option settings and has no default" }
            ?? dynamic.reason,
          variables: dynamic.envVar.map { [$0] } ?? [], at: dynamic.location))
    case .unknown(let reason):
      return .failure(Unverifiable(reason, at: location))
    default:
      return .success(value)
    }
  }

  /// Where `INSTALLED_APPS` lists an app whose dotted path starts with `prefix`.
  package func installedApp(prefix: String) -> Location? {
    guard let apps = settings["INSTALLED_APPS"], let elements = apps.value.elements else {
      return nil
    }
    return elements.first { element in
      guard let name = element.value.stringValue else { return false }
      return name == prefix || name.hasPrefix(prefix + ".")
    }.map { $0.location ?? apps.location }
  }

  package func bool(_ name: String, default fallback: Bool) -> Fact<Bool> {
    guard let setting = settings[name] else { return .defaulted(fallback, "Django default") }
    switch resolved(setting.value, at: setting.location) {
    case .failure(let why): return .unknown(why)
    case .success(let value):
      guard let truth = value.truthiness else {
        return .unknown(Unverifiable("\(name) cannot be evaluated", at: setting.location))
      }
      return .known(Sourced(truth, at: setting.location))
    }
  }

  package func isSet(_ name: String) -> Fact<Bool> {
    guard let setting = settings[name] else { return .defaulted(false, "Django default") }
    if case .none = setting.value { return .known(Sourced(false, at: setting.location)) }
    return .known(Sourced(true, at: setting.location))
  }

  package func string(_ name: String) -> Fact<String> {
    guard let setting = settings[name] else {
      return .unknown(Unverifiable("\(name) is not set", at: nil))
    }
    switch resolved(setting.value, at: setting.location) {
    case .failure(let why): return .unknown(why)
    case .success(let value):
      guard let text = value.stringValue else {
        return .unknown(Unverifiable("\(name) is not a string", at: setting.location))
      }
      return .known(Sourced(text, at: setting.location))
    }
  }

  package func strings(_ name: String) -> Fact<[String]> {
    guard let setting = settings[name] else { return .defaulted([], "Django default") }
    switch resolved(setting.value, at: setting.location) {
    case .failure(let why): return .unknown(why)
    case .success(let value):
      guard let elements = value.elements else {
        return .unknown(Unverifiable("\(name) is not a list", at: setting.location))
      }
      var result: [String] = []
      for element in elements {
        switch resolved(element.value, at: element.location) {
        case .success(.string(let text)): result.append(text)
        case .failure(let why): return .unknown(why)
        default:
          return .unknown(
            Unverifiable("\(name) has an entry ebcheck cannot read", at: element.location))
        }
      }
      return .known(Sourced(result, at: setting.location))
    }
  }

  /// `DISALLOWED_USER_AGENTS = [re.compile(r'...')]`: the patterns, read from the source.
  package func patterns(_ name: String) -> Fact<[String]> {
    guard let setting = settings[name] else { return .defaulted([], "Django default") }
    guard let module = modules.module(atPath: setting.valueLocation.file),
      let expr = PySyntax.expression(at: setting.valueLocation.span, in: module.statements)
    else { return .unknown(Unverifiable("\(name) cannot be read", at: setting.location)) }
    let items: [PyExpr]
    switch expr.kind {
    case .list(let list), .tuple(let list): items = list
    default: return .unknown(Unverifiable("\(name) is not a list literal", at: setting.location))
    }
    var result: [String] = []
    for item in items {
      let pattern = PySyntax.calleeName(item) == "compile" ? PySyntax.positional(item).first : item
      guard let text = pattern.flatMap(PySyntax.string) else {
        return .unknown(
          Unverifiable("\(name) has a pattern ebcheck cannot read", at: setting.location))
      }
      result.append(text)
    }
    return .known(Sourced(result, at: setting.location))
  }

  package func hosts() -> Fact<[HostEntry]> {
    guard let setting = settings["ALLOWED_HOSTS"] else { return .defaulted([], "Django default") }
    switch resolved(setting.value, at: setting.location) {
    case .failure(let why):
      return .unknown(why)
    case .success(let value):
      guard let elements = value.elements else {
        return .unknown(Unverifiable("ALLOWED_HOSTS is not a list", at: setting.location))
      }
      let entries = elements.map { element -> HostEntry in
        switch element.value {
        case .instanceIP(let lookup):
          return .instanceIP(InstanceIPSource(lookup), at: lookup.location)
        default:
          switch resolved(element.value, at: element.location) {
          case .success(.string(let text)): return .pattern(text, at: element.location)
          case .success(let other): return .pattern(other.pythonStr ?? "", at: element.location)
          case .failure(let why): return .unknown(why)
          }
        }
      }
      return .known(Sourced(entries, at: setting.location))
    }
  }

  package func middleware(catalog: MiddlewareCatalog) -> Fact<[MiddlewareEntry]> {
    guard let setting = settings["MIDDLEWARE"] else {
      return .defaulted([], "MIDDLEWARE not set: Django's default is empty")
    }
    switch resolved(setting.value, at: setting.location) {
    case .failure(let why):
      return .unknown(why)
    case .success(let value):
      guard let elements = value.elements else {
        return .unknown(Unverifiable("MIDDLEWARE is not a list", at: setting.location))
      }
      var entries: [MiddlewareEntry] = []
      for element in elements {
        guard case .success(.string(let path)) = resolved(element.value, at: element.location)
        else {
          return .unknown(Unverifiable("a MIDDLEWARE entry cannot be read", at: element.location))
        }
        entries.append(
          MiddlewareEntry(path: path, location: element.location, kind: catalog.kind(of: path)))
      }
      return .known(Sourced(entries, at: setting.location))
    }
  }

  /// Where a new first entry goes in the list literal that set `name`.
  package func listSite(_ name: String) -> ListSite? {
    guard let setting = settings[name], let file = modules.files[setting.valueLocation.file],
      let elements = setting.value.elements
    else { return nil }
    let span = setting.valueLocation.span
    let bytes = file.bytes
    guard span.start < bytes.count, bytes[span.start] == UInt8(ascii: "[") else { return nil }
    // In source order, each literal once: `['a'] * 2` holds the same location twice, and
    // `[*B, 'a']` or a comprehension need not list elements in the order they are written.
    var located: [Location] = []
    for location in elements.compactMap(\.location)
    where location.file == file.path && span.contains(location.span.start)
      && location.span.start > span.start && !located.contains(location)
    {
      located.append(location)
    }
    located.sort { $0.span < $1.span }
    guard let first = located.first else {
      return ListSite(
        file: file.path, insertAt: span.start + 1, separator: "", quote: "'", isEmpty: true)
    }
    let quote = bytes[first.span.start] == UInt8(ascii: "\"") ? "\"" : "'"
    let separator: String
    if located.count >= 2, located[1].span.start >= first.span.end {
      separator = file.text(Span(first.span.end, located[1].span.start))
    } else {
      let leading = file.text(Span(span.start + 1, first.span.start))
      separator = "," + (leading.isEmpty ? " " : leading)
    }
    return ListSite(
      file: file.path, insertAt: first.span.start, separator: separator, quote: quote,
      isEmpty: false)
  }
}
