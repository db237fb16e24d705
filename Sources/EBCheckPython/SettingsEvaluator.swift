import EBCheckCore

/// Evaluates Django settings modules symbolically: literals are computed like CPython would,
/// environment reads, network and file reads become `dynamic`, the instance-IP idioms become
/// `instanceIP`, and anything else the evaluator cannot follow becomes `unknown`.
///
/// One evaluator parses each file once and evaluates each module once; it is not thread-safe.
public final class SettingsEvaluator {
  public let files: SourceFiles
  public let env: [String: String]
  /// Variables absent from `env` that have a default take it (the deployed process sees
  /// them unset); without this they stay `dynamic` with the default recorded.
  public let unsetVariablesTakeDefaults: Bool
  /// Whether the instance metadata service answers a request without a token (IMDSv1 on):
  /// decides `status_code` of a token-less look-up; nil when the platform is not known.
  public let imdsV1Answers: Bool?
  package var parsed: [String: PythonModule] = [:]
  package var modules: [String: ModuleState] = [:]
  package var resolved: [String: ResolvedModule?] = [:]
  package var nextIdentity = 0
  /// Objects kept in lists and tuples, by handle (`PyInterpreter.heldValue`).
  package let heldObjects = HeldObjects()
  /// Packages outside the standard library whose names code imports as library paths
  /// (`rest_framework` for a view), beside `PyInterpreter.knownModules`.
  package var libraryPackages: Set<String> = []
  /// `django.conf.settings` for modules imported after Django configured itself (a URLconf
  /// reading `settings.DEBUG`); nil while evaluating the settings themselves.
  package var djangoSettings: [String: PyValue]?

  /// The arm where the console sets none of the variables the repository leaves open: a read
  /// without a default raises as its helper does, and the first is `failingRead`.
  package var requiredReadsRaise = false
  package var failingRead: EnvRead?
  /// Variables taken as set in the console to a value ebcheck does not know (their defaults
  /// are not taken).
  package var setVariables: Set<String> = []
  /// Where the platform puts the application folder: `__file__`, the working directory and
  /// file tests answer from it; nil where the deployed layout is not known.
  package var deployed: DeployedFiles?
  /// The instance's hypervisor (Xen or Nitro), which decides `/sys/hypervisor`; nil when the
  /// instance type is not known. `testsInstanceType` records that the code asked (known or
  /// not): only then does the family matter to the answer.
  package var hypervisor: InstanceHypervisor?
  package var testsInstanceType = false
  /// Why the code raised where it did, for exceptions whose cause the trace should name
  /// (a file the deployed file system lacks).
  package var raiseReasons: [Location: String] = [:]
  /// The folders of the bundle, for file tests.
  package lazy var bundleFolders: Set<String> = DeployedFiles.folders(of: files)

  /// The run's shared parse cache, when the caller has one (URLconf and middleware readers
  /// read the same files).
  package let sharedModules: PythonModules?

  public init(
    files: SourceFiles, env: [String: String] = [:], unsetVariablesTakeDefaults: Bool = false,
    modules: PythonModules? = nil, imdsV1Answers: Bool? = nil
  ) {
    self.imdsV1Answers = imdsV1Answers
    self.sharedModules = modules
    self.files = files
    self.env = env
    self.unsetVariablesTakeDefaults = unsetVariablesTakeDefaults
  }

  /// Evaluates `module` (dotted); nil when no file of the repository holds it.
  public func evaluate(module: String) -> EvaluatedSettings? {
    guard let state = load(module: module, preferredPrefix: nil) else { return nil }
    return state.settings()
  }

  /// Evaluates the Python file at `path` as a module named `name` (how gunicorn runs its
  /// configuration file, `__config__`) and returns every public global, lowercase names
  /// included; nil when the file is not in the repository.
  public func evaluate(path: String, as name: String) -> EvaluatedSettings? {
    guard let parsedModule = parse(path: path) else { return nil }
    if let state = modules[name], state.path == path {
      return state.settings(including: { !$0.hasPrefix("_") })
    }
    let folder = path.split(separator: "/").dropLast().joined(separator: "/")
    let state = ModuleState(
      name: name, path: path, isPackage: false, prefix: folder.isEmpty ? "" : folder + "/")
    state.filesRead.insert(path)
    state.diagnostics = parsedModule.diagnostics
    modules[name] = state
    var interpreter = PyInterpreter(evaluator: self, module: state)
    interpreter.run(parsedModule.statements)
    return state.settings(including: { !$0.hasPrefix("_") })
  }

  /// The repository path of a dotted module: `a/b/c.py` or `a/b/c/__init__.py`, also under
  /// `src/`, or (last resort) under any single folder holding it.
  public func path(ofModule module: String) -> String? {
    resolve(module, preferredPrefix: nil)?.path
  }

  /// The parsed file (cached).
  public func parse(path: String) -> PythonModule? {
    if let sharedModules { return sharedModules.module(atPath: path) }
    if let module = parsed[path] { return module }
    guard let file = files[path] else { return nil }
    let module = PythonParser.parse(file)
    parsed[path] = module
    return module
  }

  package struct ResolvedModule {
    package var path: String
    package var isPackage: Bool
    package var prefix: String
  }

  package func resolve(_ module: String, preferredPrefix: String?) -> ResolvedModule? {
    guard !module.isEmpty, !module.hasPrefix("."), !module.hasSuffix(".") else { return nil }
    let key = (preferredPrefix ?? "") + "|" + module
    if let cached = resolved[key] { return cached }
    let relative = module.split(separator: ".", omittingEmptySubsequences: false).joined(
      separator: "/")
    var prefixes: [String] = []
    for prefix in [preferredPrefix, "", "src/"] {
      if let prefix, !prefixes.contains(prefix) { prefixes.append(prefix) }
    }
    var result: ResolvedModule?
    for prefix in prefixes {
      if files[prefix + relative + ".py"] != nil {
        result = ResolvedModule(path: prefix + relative + ".py", isPackage: false, prefix: prefix)
        break
      }
      if files[prefix + relative + "/__init__.py"] != nil {
        result = ResolvedModule(
          path: prefix + relative + "/__init__.py", isPackage: true, prefix: prefix)
        break
      }
    }
    if result == nil && preferredPrefix == nil {
      // A project kept in a subfolder of the repository (e.g. `backend/mysite/settings.py`).
      let suffixes = ["/" + relative + ".py", "/" + relative + "/__init__.py"]
      let matches = files.paths.filter { path in suffixes.contains { path.hasSuffix($0) } }
        .sorted { ($0.count, $0) < ($1.count, $1) }
      if let match = matches.first {
        let isPackage = match.hasSuffix("/__init__.py")
        let suffix = isPackage ? suffixes[1] : suffixes[0]
        let prefix = String(match.dropLast(suffix.count - 1))
        result = ResolvedModule(path: match, isPackage: isPackage, prefix: prefix)
      }
    }
    resolved[key] = result
    return result
  }

  /// A namespace package: a folder holding Python files without `__init__.py`.
  package func isNamespacePackage(_ module: String, preferredPrefix: String?) -> Bool {
    let relative =
      module.split(separator: ".", omittingEmptySubsequences: false).joined(separator: "/") + "/"
    for prefix in Set(["", "src/", preferredPrefix ?? ""]) {
      if files.paths.contains(where: { $0.hasPrefix(prefix + relative) && $0.hasSuffix(".py") }) {
        return true
      }
    }
    return false
  }

  /// Evaluates a repository module once; a module still being evaluated (an import cycle)
  /// is returned as it stands, like CPython's partially initialised module.
  package func load(module: String, preferredPrefix: String?) -> ModuleState? {
    if let state = modules[module] { return state }
    guard let location = resolve(module, preferredPrefix: preferredPrefix),
      let parsedModule = parse(path: location.path)
    else { return nil }
    let state = ModuleState(
      name: module, path: location.path, isPackage: location.isPackage, prefix: location.prefix)
    state.filesRead.insert(location.path)
    state.diagnostics = parsedModule.diagnostics
    modules[module] = state
    var interpreter = PyInterpreter(evaluator: self, module: state)
    interpreter.djangoSettings = djangoSettings
    interpreter.run(parsedModule.statements)
    return state
  }
}

/// The runtime state of one evaluated module.
package final class ModuleState {
  package let name: String
  package let path: String
  package let isPackage: Bool
  package let prefix: String
  package var globals: [String: Binding] = [:]
  package var envReads: [EnvRead] = []
  package var envConditions: [EnvCondition] = []
  package var lookups: [InstanceIPLookup] = []
  package var filesRead: Set<String> = []
  package var diagnostics: [Diagnostic] = []
  package var failure: EvaluationFailure?

  /// What importing the module raises in the importer: the exception its code raised (an
  /// import re-raises it, as Python does), nil when it ran to its end.
  package var raised: Flow? {
    guard finished, let failure, let exception = failure.exception else { return nil }
    return .raised(exception, failure.location)
  }
  package var finished = false
  /// Set when code wrote to this namespace under a name the evaluator cannot read: settings
  /// not assigned since may hold what the writes set.
  package var openNamespace: OpenNamespace?

  package init(name: String, path: String, isPackage: Bool, prefix: String) {
    self.name = name
    self.path = path
    self.isPackage = isPackage
    self.prefix = prefix
  }

  /// The package relative imports start from.
  package var package: String {
    if isPackage { return name }
    guard let dot = name.lastIndex(of: ".") else { return "" }
    return String(name[..<dot])
  }

  package func absorb(_ other: ModuleState) {
    guard other !== self else { return }
    envReads += other.envReads
    envConditions += other.envConditions
    lookups += other.lookups
    filesRead.formUnion(other.filesRead)
    for diagnostic in other.diagnostics where !diagnostics.contains(diagnostic) {
      diagnostics.append(diagnostic)
    }
  }

  package static func isSettingName(_ name: String) -> Bool {
    var hasCased = false
    // ASCII names (nearly all) by byte: no Unicode property look-ups per character.
    if name.utf8.allSatisfy({ $0 < 0x80 }) {
      for byte in name.utf8 {
        if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { return false }
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { hasCased = true }
      }
      return hasCased
    }
    for character in name {
      if character.isLowercase { return false }
      if character.isUppercase { hasCased = true }
    }
    return hasCased
  }

  /// The module's settings: its UPPERCASE globals, like `django.conf.settings`, or the
  /// globals `including` accepts.
  package func settings(including: (String) -> Bool = ModuleState.isSettingName)
    -> EvaluatedSettings
  {
    var values: [String: SettingValue] = [:]
    for (name, binding) in globals where including(name) {
      guard let location = binding.location else { continue }
      let value: PyValue
      switch binding.value {
      case .data(let data): value = data
      case .response(let response): value = response.value
      case .native(let path as PathObject): value = RValue.native(path).pyValue
      case .function, .lambda, .module, .repoModule, .builtin, .type: continue
      default: value = .unknown("object")
      }
      values[name] = SettingValue(
        value: value, location: location, valueLocation: binding.valueLocation ?? location,
        contributions: binding.contributions)
    }
    var seenReads = Set<EnvRead>()
    var seenLookups = Set<Location>()
    var seenConditions = Set<EnvCondition>()
    var settings = EvaluatedSettings(
      module: name, file: path, values: values,
      envReads: envReads.filter { seenReads.insert($0).inserted },
      instanceIPLookups: lookups.filter { seenLookups.insert($0.location).inserted },
      diagnostics: diagnostics, filesRead: filesRead.sorted(), failure: failure)
    settings.envConditions = envConditions.filter { seenConditions.insert($0).inserted }
    settings.openNamespace = openNamespace
    return settings
  }
}

/// A name's value and where it was set.
package struct Binding {
  package var value: RValue
  package var location: Location?
  package var valueLocation: Location?
  /// Capped to the most recent `PyInterpreter.maximumSources`: a list appended to n times
  /// would otherwise carry (and copy) n locations on every change.
  package var contributions: [Location] = [] {
    didSet {
      if contributions.count > PyInterpreter.maximumSources {
        contributions.removeFirst(contributions.count - PyInterpreter.maximumSources)
      }
    }
  }
  /// Lists and dicts share an identity when one name aliases another, so mutations reach both.
  package var identity: Int?
  /// The name whose container this value was taken from (`H = LOGGING["handlers"]`): changing
  /// this value in place changes that one too.
  package var derivedFrom: String?
}

/// Runtime values: data, or the objects the settings idioms need (modules, helpers,
/// HTTP responses, django-environ readers…).
package indirect enum RValue {
  case data(PyValue)
  /// An external module or attribute path, e.g. `os.path`.
  case module(String)
  /// A module of the repository (evaluated on demand).
  case repoModule(String)
  /// A modelled callable, by qualified name (`os.getenv`, `int`, `decouple.config`).
  case builtin(String)
  case function(PyFunctionDef, module: String)
  case lambda([PyParameter], PyExpr, module: String)
  case boundMethod(RValue, String)
  /// `os.environ`; bound inside a branch that supplied variables decided, with that test.
  case environ(EnvProvenance?)
  case envReader([String: EnvSchemaEntry])
  case csv
  case httpClient
  case httpRequest(url: PyValue, headers: [String], method: String)
  case response(HTTPResponse)
  /// A type used as a cast (`bool`, `int`, `str`, `list`…).
  case type(String)
  /// A function defined inside another: it sees the enclosing function's locals.
  case closure(PyFunctionDef, module: String, enclosing: Frame)
  case classObject(PyClassObject)
  case instance(PyInstance)
  /// A function bound to its receiver (`self`), found on `definedIn` (for `super()`).
  case method(RValue, receiver: RValue, definedIn: PyClassObject?)
  /// An object of the modelled library (Django's request, responses…).
  case native(any PyNativeObject)
  /// `super()`: attribute lookups start after `PyClassObject` in the receiver's order.
  case superObject(PyClassObject, receiver: RValue)
  /// An object read through its attributes only (`urlparse(...)`: `.netloc`, `.hostname`).
  case record([String: PyValue])

  package var pyValue: PyValue {
    switch self {
    case .data(let value): return value
    case .response(let response): return response.value
    case .native(let path as PathObject):
      // What `str()`, `os.fspath()` and `os.path` give for it.
      return path.text.map { .string($0) } ?? .unknown("the deployed path")
    case .function(let definition, let module):
      // A repository function kept in a list or dict (a URLconf's table of views): its
      // module and name (the function is not callable from there).
      return .libraryObject(
        LibraryObject(
          kind: "function", fields: ["module": .string(module), "name": .string(definition.name)],
          location: Location(file: "", span: definition.nameSpan)))
    default: return .unknown("object")
    }
  }
}

package struct EnvSchemaEntry {
  package var cast: String?
  package var defaultValue: PyValue?
}

package enum HTTPResponse {
  case instanceIP(InstanceIPLookup)
  case token(Location)
  case other(DynamicValue)

  package var value: PyValue {
    switch self {
    case .instanceIP(let lookup): return .instanceIP(lookup)
    case .token(let location):
      return .dynamic(DynamicValue(reason: "IMDSv2 session token", location: location))
    case .other(let dynamic): return .dynamic(dynamic)
    }
  }
}
