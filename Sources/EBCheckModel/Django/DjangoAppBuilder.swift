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
  /// Variables taken as set in the console to a value ebcheck does not know.
  package var setVariables: Set<String> = []
  /// Whether to build the other arm of a variable the settings need (`requiredArm`).
  package var buildsRequiredArm = true
  /// Whether that includes the arm where the console leaves the variables unset (when the
  /// import succeeds); the arm where it sets them (when the import fails) is always built.
  package var buildsUnsetArm = true
  /// Where the platform puts the application folder (`__file__`, file tests); nil: unknown.
  package var deployed: DeployedFiles? = nil
  /// The instance's hypervisor (`/sys/hypervisor`); nil: the instance type is not known.
  package var hypervisor: InstanceHypervisor? = nil

  package init(
    modules: PythonModules, env: [String: String], imdsV1Answers: Bool? = nil
  ) {
    self.modules = modules
    self.env = env
    self.imdsV1Answers = imdsV1Answers
  }

  package func build(settingsModule: String, requirements: Requirements) -> DjangoApp? {
    let evaluator = SettingsEvaluator(
      files: modules.files, env: env, unsetVariablesTakeDefaults: true, modules: modules,
      imdsV1Answers: imdsV1Answers)
    evaluator.setVariables = setVariables
    evaluator.deployed = deployed
    evaluator.hypervisor = hypervisor
    guard let settings = evaluator.evaluate(module: settingsModule) else { return nil }
    let facts = SettingFacts(settings: settings, modules: modules)
    let loginURL = facts.string("LOGIN_URL").value ?? "/accounts/login/"
    // What the view and middleware runs read through `django.conf.settings`.
    let settingValues = settings.values.mapValues(\.value)
    let urls: any URLResolver
    var viewContext = facts.viewContext(loginURL: loginURL)
    var viewExecutor = ViewExecutor(
      files: modules.files, modules: modules, env: env, settings: settingValues)
    viewExecutor.restFramework = viewContext.restFramework
    // The views' URL names come from the URLconf built below with this context.
    let viewExecutorHandle = ViewExecutorHandle(viewExecutor)
    viewContext.executor = viewExecutorHandle
    var urlNames: [String: String] = [:]
    var urlconfEnvReads: [EnvRead] = []
    switch facts.string("ROOT_URLCONF") {
    case .known(let module):
      let built = URLConfBuilder(
        modules: modules, context: viewContext, env: env, settings: settingValues
      ).build(rootURLConf: module.value)
      urls =
        built?.resolver
        ?? UnresolvableURLs(
          why: Unverifiable(
            "ROOT_URLCONF '\(module.value)' is not in the repository", at: module.location))
      urlNames = built?.names ?? [:]
      viewExecutorHandle.executor.urlNames = urlNames
      urlconfEnvReads = built?.envReads ?? []
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
    app.testsInstanceType = evaluator.testsInstanceType
    app.urlconfEnvReads = urlconfEnvReads
    var seen = Set<Diagnostic>()
    app.parseDiagnostics = (settings.diagnostics + modules.diagnostics).filter {
      $0.isProblem(.pythonSyntax) && seen.insert($0).inserted
    }
    if let failure = settings.failure {
      app.startupFailure = Sourced(failure.message, at: failure.location)
    }
    if let namespace = settings.openNamespace {
      let names = namespace.openNames(among: Self.modelledSettings)
      if !names.isEmpty { app.openSettings = OpenSettings(namespace: namespace, names: names) }
    }
    if buildsRequiredArm, let arm = requiredArm(of: app, settings, settingsModule, requirements) {
      app.requiredArm = [arm]
    }
    return app
  }

  /// The other arm of a variable the settings need that nothing sets. When the import
  /// succeeds, the arm where the console leaves the variables unset: a read without a default
  /// raises (the same app, failing at that read). When the import fails on a variable's
  /// `None` default (`os.getenv('X').split()`), the arm where the console sets it.
  func requiredArm(
    of app: DjangoApp, _ settings: EvaluatedSettings, _ settingsModule: String,
    _ requirements: Requirements
  ) -> RequiredVariableArm? {
    guard let failure = app.startupFailure else {
      guard buildsUnsetArm,
        settings.envReads.contains(where: {
          $0.defaultValue == nil && $0.helper != "in os.environ" && env[$0.name] == nil
            && !$0.underCondition
        })
      else { return nil }
      let unset = SettingsEvaluator(
        files: modules.files, env: env, unsetVariablesTakeDefaults: true, modules: modules,
        imdsV1Answers: imdsV1Answers)
      unset.setVariables = setVariables
      unset.deployed = deployed
      unset.hypervisor = hypervisor
      unset.requiredReadsRaise = true
      guard let failing = unset.evaluate(module: settingsModule)?.failure,
        let read = unset.failingRead
      else { return nil }
      var arm = app
      arm.startupFailure = Sourced(
        "\(failing.message): \(read.name) is not set", at: failing.location)
      arm.failingRead = read
      arm.requiredArm = []
      return RequiredVariableArm(read: read, unset: true, app: arm)
    }
    // The reads whose `None` default the failure may come from: unset variables read in the
    // failing file at or before the failing line, nearest first (`X = os.getenv('X')` then
    // `if not X: raise …`, or `os.getenv('X').split()`).
    guard let at = failure.location, let failingLine = line(of: at) else { return nil }
    var candidates: [EnvRead] = []
    for read in settings.envReads.reversed()
    where read.defaultValue == PyValue.none && env[read.name] == nil
      && !setVariables.contains(read.name) && read.location.file == at.file
      && (line(of: read.location) ?? Int.max) <= failingLine
      && !candidates.contains(where: { $0.name == read.name })
    {
      candidates.append(read)
    }
    for read in candidates.prefix(Self.maximumArmTries) {
      var builder = self
      builder.setVariables.insert(read.name)
      builder.buildsRequiredArm = false
      guard let set = builder.build(settingsModule: settingsModule, requirements: requirements),
        set.startupFailure == nil
      else { continue }
      return RequiredVariableArm(read: read, unset: false, app: set)
    }
    return nil
  }

  /// At most this many variables are tried, one at a time, as the cause of a failing import.
  package static let maximumArmTries = 3

  func line(of location: Location?) -> Int? {
    guard let location, let file = modules.files[location.file] else { return nil }
    return file.lineIndex.lineNumber(at: location.span.start)
  }

  /// The settings the model of the app reads (what decides the health check's answer).
  package static let modelledSettings = [
    "ALLOWED_HOSTS", "MIDDLEWARE", "ROOT_URLCONF", "DEBUG", "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT", "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_HOST", "APPEND_SLASH",
    "PREPEND_WWW", "USE_X_FORWARDED_HOST", "DISALLOWED_USER_AGENTS", "ALLOWED_CIDR_NETS",
    "INSTALLED_APPS", "TEMPLATES", "LOGIN_URL", "LANGUAGE_CODE", "REST_FRAMEWORK",
  ]
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
    if case .dynamic(let dynamic) = setting.value, dynamic.envVar == nil,
      let agreed = agreedHosts(dynamic.possibleValues, at: setting.location)
    {
      return .known(Sourced(agreed, at: setting.location))
    }
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
        case .dynamic(let dynamic) where dynamic.isInstanceHostname:
          return .instanceHostname(at: element.location ?? dynamic.location)
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

  /// A host list that depends on a condition ebcheck cannot decide, each possible list known
  /// (`{private_ip, public_ip} if public_ip else {private_ip}`): the entries every list
  /// holds, when the lists agree on the checker's Host — every one allows the instance IP (or
  /// `'*'`), or none does. Nil when they disagree or one is not a list.
  package func agreedHosts(_ lists: [PyValue], at location: Location?) -> [HostEntry]? {
    guard lists.count > 1 else { return nil }
    var each: [[HostEntry]] = []
    for list in lists {
      guard let elements = list.elements else { return nil }
      var entries: [HostEntry] = []
      for element in elements {
        switch element.value {
        case .instanceIP(let lookup):
          entries.append(.instanceIP(InstanceIPSource(lookup), at: lookup.location))
        case .string(let text): entries.append(.pattern(text, at: element.location))
        default: continue
        }
      }
      each.append(entries)
    }
    func allowsInstance(_ entries: [HostEntry]) -> Bool {
      entries.contains { entry in
        switch entry {
        case .instanceIP: return true
        case .pattern(let text, _): return text == "*"
        case .instanceHostname, .unknown: return false
        }
      }
    }
    let common = each[0].filter { entry in each.dropFirst().allSatisfy { $0.contains(entry) } }
    if allowsInstance(common) { return common }
    // Some list holds an entry ebcheck cannot read, or one allows the IP and another not.
    let readable = zip(lists, each).allSatisfy { list, entries in
      list.elements?.count == entries.count
    }
    guard readable, !each.contains(where: allowsInstance) else { return nil }
    return common
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
