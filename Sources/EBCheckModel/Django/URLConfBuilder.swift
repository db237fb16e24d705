import EBCheckCore
import EBCheckPython

/// Builds the URL resolver by running the URLconf: `ROOT_URLCONF` is imported on the
/// interpreter (with Django's settings configured), and the value its code leaves in
/// `urlpatterns` — `URLPattern`, `include`, router and language-prefix objects of
/// `DjangoURLLibrary` — becomes the pattern nodes; each included module is run the same
/// way. The same walk gives the paths `reverse()` builds for the URL names. What the code
/// computes that ebcheck cannot know is an opaque node with its reason at its line.
package struct URLConfBuilder {
  package let modules: PythonModules
  package var context: ViewContext
  package let evaluator: SettingsEvaluator
  package static let maximumIncludeDepth = 12

  /// The resolver and the URL names of one evaluation.
  package struct Result {
    package var resolver: StaticURLResolver
    /// `name` or `namespace:name` → the absolute path, for each name with one literal path.
    package var names: [String: String]
    /// The environment reads of the modules the URLconf's code ran.
    package var envReads: [EnvRead]
  }

  package init(
    modules: PythonModules, context: ViewContext? = nil, env: [String: String] = [:],
    settings: [String: PyValue] = [:]
  ) {
    self.modules = modules
    self.context = context ?? .empty(files: modules.files)
    // Its own parse cache: the modules the URLconf's imports reach (views, their helpers)
    // are run, not linted; a syntax the parser lacks there only makes values unknown.
    let evaluator = SettingsEvaluator(
      files: modules.files, env: env, unsetVariablesTakeDefaults: true)
    evaluator.libraryPackages = DjangoViewLibrary.packages.union(DjangoURLLibrary.packages)
    var configured = settings
    // What `django.conf.settings` answers for the settings a URLconf reads when the
    // project leaves them to Django's defaults.
    for (name, value) in [
      "DEBUG": PyValue.bool(false), "USE_I18N": .bool(true), "STATIC_URL": .none,
      "MEDIA_URL": .string(""),
    ] where configured[name] == nil {
      configured[name] = value
    }
    evaluator.djangoSettings = configured
    self.evaluator = evaluator
  }

  /// The resolver for `ROOT_URLCONF`, or nil when the module is not in the repository.
  package func build(rootURLConf: String) -> Result? {
    guard let module = modules.module(named: rootURLConf) else { return nil }
    var walk = Walk(builder: self)
    let patterns = walk.patterns(ofModule: rootURLConf, depth: 0, prefix: "/", namespace: "")
    return Result(
      resolver: StaticURLResolver(patterns: patterns, urlconf: urlpatternsLocation(in: module)),
      names: walk.names.filter { !walk.ambiguous.contains($0.key) },
      envReads: evaluator.modules.keys.sorted().flatMap { evaluator.modules[$0]?.envReads ?? [] })
  }

  package func urlpatternsLocation(in module: PythonModule) -> Location {
    for statement in PySyntax.flatten(module.statements) {
      if case .assign(let targets, _) = statement.kind,
        targets.contains(where: { PySyntax.dottedName($0) == "urlpatterns" })
      {
        return Location(file: module.file, span: statement.span)
      }
    }
    return Location(file: module.file, span: Span(at: 0))
  }

  /// One walk over the evaluated patterns: the nodes, and the names met on the way.
  package struct Walk {
    package let builder: URLConfBuilder
    package var names: [String: String] = [:]
    /// Names given to several patterns or to one with parameters: `reverse()` of them
    /// depends on its arguments, so they are left out (unknown).
    package var ambiguous: Set<String> = []
    package var visiting: Set<String> = []

    package mutating func patterns(
      ofModule name: String, depth: Int, prefix: String?, namespace: String
    ) -> [URLPatternNode] {
      let origin = Location(file: builder.modules.path(of: name) ?? "", span: Span(at: 0))
      guard depth < URLConfBuilder.maximumIncludeDepth, visiting.insert(name).inserted else {
        return [.opaque(Unverifiable("URLconf includes too deep or in a cycle", at: origin))]
      }
      defer { visiting.remove(name) }
      guard let state = builder.evaluator.load(module: name, preferredPrefix: nil) else {
        return [.opaque(Unverifiable("URLconf '\(name)' is not in the repository", at: origin))]
      }
      if let failure = state.failure, let raised = failure.exception,
        raised.hasPrefix(DjangoClassViews.asViewError)
      {
        // Django imports the URLconf for the first request: it raises there, and again
        // when it looks up the error handler, so every path answers 500.
        let view = ResolvedView(
          name: "the URLconf \(name)", location: failure.location,
          answer: .raises(exception: raised, status: 500, at: failure.location))
        return [.route(.regex(""), .view(view), failure.location)]
      }
      if let failure = state.failure {
        return [
          .opaque(
            Unverifiable(
              "importing the URLconf \(name) fails as ebcheck runs it (\(failure.message))",
              at: failure.location))
        ]
      }
      guard let binding = state.globals["urlpatterns"] else {
        return [
          .opaque(
            Unverifiable("\(name) has no urlpatterns ebcheck could evaluate", at: origin))
        ]
      }
      let at = binding.location ?? Location(file: state.path, span: Span(at: 0))
      return nodes(
        binding.value.pyValue, at: at, depth: depth, prefix: prefix, namespace: namespace)
    }

    /// The nodes of a list of patterns (the value of `urlpatterns` or an included list).
    package mutating func nodes(
      _ value: PyValue, at location: Location, depth: Int, prefix: String?, namespace: String
    ) -> [URLPatternNode] {
      switch value {
      case .list(let elements), .tuple(let elements):
        return elements.flatMap { element in
          node(
            element.value, at: element.location ?? location, depth: depth, prefix: prefix,
            namespace: namespace)
        }
      case .dynamic(let dynamic):
        // Code ebcheck cannot decide (a loop over an unknown table) left several possible
        // lists: the patterns they all start with resolve as any of them would.
        let why = Unverifiable(
          "urlpatterns depends on code ebcheck cannot decide (\(dynamic.reason))",
          at: dynamic.location)
        guard let lists = Self.possibleLists(value, depth: 0), let first = lists.first else {
          return [.opaque(why)]
        }
        let shared = first.indices.prefix { index in
          lists.allSatisfy { $0.count > index && $0[index].value == first[index].value }
        }
        return nodes(
          .list(Array(first[shared])), at: location, depth: depth, prefix: prefix,
          namespace: namespace) + [.opaque(why)]
      case .unknown(let reason):
        return [
          .opaque(Unverifiable("urlpatterns ebcheck cannot evaluate (\(reason))", at: location))
        ]
      default:
        return [.opaque(Unverifiable("urlpatterns is not a list of patterns", at: location))]
      }
    }

    package mutating func node(
      _ value: PyValue, at location: Location, depth: Int, prefix: String?, namespace: String
    ) -> [URLPatternNode] {
      guard case .libraryObject(let object) = value else {
        let why: String
        switch value {
        case .unknown(let reason): why = "a URL pattern ebcheck cannot evaluate (\(reason))"
        case .dynamic(let dynamic): why = "a URL pattern that depends on \(dynamic.reason)"
        default: why = "a urlpatterns entry that is not a URL pattern"
        }
        return [.opaque(Unverifiable(why, at: location))]
      }
      switch object.kind {
      case "URLPattern":
        return pattern(object, depth: depth, prefix: prefix, namespace: namespace)
      case "router":
        return builder.routerNodes(object)
      case "i18n":
        let inner = nodes(
          object["patterns"] ?? .list([]), at: object.location, depth: depth, prefix: nil,
          namespace: namespace)
        if object["prefixDefault"]?.truthiness == false { return inner }
        return [.route(.languagePrefix, .include(inner), object.location)]
      default:
        return [.opaque(Unverifiable("a urlpatterns entry ebcheck does not model", at: location))]
      }
    }

    package mutating func pattern(
      _ object: LibraryObject, depth: Int, prefix: String?, namespace: String
    ) -> [URLPatternNode] {
      let location = object.location
      let isRoute = object["isRoute"] == .bool(true)
      let text: String
      switch object["pattern"] ?? .none {
      case .string(let pattern):
        text = pattern
      case .dynamic(let dynamic):
        let source = dynamic.envVar.map { "the environment variable \($0)" } ?? dynamic.reason
        return [
          .opaque(Unverifiable("the URL pattern's route comes from \(source)", at: location))
        ]
      case .unknown(let reason):
        return [
          .opaque(Unverifiable("a URL route ebcheck cannot evaluate (\(reason))", at: location))
        ]
      default:
        return [.opaque(Unverifiable("a URL route that is not a string", at: location))]
      }
      let matcher: RouteMatcher = isRoute ? .route(text) : .regex(text)
      let literal = isRoute ? Self.literalRoute(text) : Self.literalRegex(text)
      let here = prefix.flatMap { base in literal.map { base + $0 } }
      guard case .libraryObject(let target) = object["target"] ?? .none else {
        name(object["name"] ?? .none, path: here, namespace: namespace)
        return [.route(matcher, .view(builder.view(object)), location)]
      }
      switch target.kind {
      case "include":
        return [
          .route(
            matcher, include(target, depth: depth, prefix: here, namespace: namespace), location)
        ]
      case "static":
        let why = Unverifiable(
          "DEBUG serves the files under this prefix with static(): 404 unless the file exists",
          at: location)
        let view = ResolvedView(name: "static files", location: location, answer: .unknown(why))
        return [.route(matcher, .view(view), location)]
      default:
        return [.opaque(Unverifiable("a URL pattern ebcheck does not model", at: location))]
      }
    }

    package mutating func include(
      _ object: LibraryObject, depth: Int, prefix: String?, namespace: String
    ) -> URLTarget {
      let location = object.location
      var space = object["namespace"]?.stringValue ?? object["app_name"]?.stringValue
      if case .string(let reason)? = object["unknown"] {
        return .unknown(Unverifiable(reason, at: location))
      }
      if let patterns = object["patterns"] {
        let inner = space.map { namespace + $0 + ":" } ?? namespace
        return .include(
          nodes(patterns, at: location, depth: depth + 1, prefix: prefix, namespace: inner))
      }
      guard let name = object["module"]?.stringValue else {
        return .unknown(Unverifiable("include() of something ebcheck cannot follow", at: location))
      }
      guard builder.modules.module(named: name) != nil else {
        let including = builder.modules.moduleName(ofPath: location.file)
        let context = builder.context
        let known = PackageURLConfs.patterns(of: name, context: context, at: location) {
          qualified in
          including.map {
            ViewCode(
              executor: context.viewExecutor(modules: builder.modules), module: $0,
              target: .library(qualified), restFramework: false, location: location,
              templates: context.templates)
          }
        }
        if let known {
          return .include(known)
        }
        return .unknown(
          Unverifiable("included URLconf '\(name)' is not in the repository", at: location))
      }
      if space == nil, let state = builder.evaluator.load(module: name, preferredPrefix: nil) {
        space = state.globals["app_name"]?.value.pyValue.stringValue
      }
      let inner = space.map { namespace + $0 + ":" } ?? namespace
      return .include(patterns(ofModule: name, depth: depth + 1, prefix: prefix, namespace: inner))
    }

    package mutating func name(_ value: PyValue, path: String?, namespace: String) {
      guard let name = value.stringValue else { return }
      let key = namespace + name
      if let path, names[key] == nil, !ambiguous.contains(key) {
        names[key] = path
      } else {
        names[key] = nil
        ambiguous.insert(key)
      }
    }

    /// The lists a value undecided between branches may be (nil when one is not a list).
    package static func possibleLists(_ value: PyValue, depth: Int) -> [[PyElement]]? {
      switch value {
      case .list(let elements), .tuple(let elements):
        return [elements]
      case .dynamic(let dynamic) where !dynamic.possibleValues.isEmpty && depth < 8:
        var lists: [[PyElement]] = []
        for possible in dynamic.possibleValues {
          guard let more = possibleLists(possible, depth: depth + 1) else { return nil }
          lists += more
        }
        return lists
      default:
        return nil
      }
    }

    /// A `path()` route with no `<parameter>`: the text itself.
    package static func literalRoute(_ route: String) -> String? {
      route.contains("<") ? nil : route
    }

    /// A `re_path()` regex that matches one literal text (`^health/$`): that text.
    package static func literalRegex(_ regex: String) -> String? {
      var body = Substring(regex)
      if body.hasPrefix("^") { body = body.dropFirst() }
      if body.hasSuffix("$") { body = body.dropLast() }
      var text = ""
      var escaped = false
      for character in body {
        if escaped {
          guard "/.-_".contains(character) else { return nil }
          text.append(character)
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if "^$.|?*+()[]{}".contains(character) {
          return nil
        } else {
          text.append(character)
        }
      }
      return escaped ? nil : text
    }
  }

  /// The view a `path()` call names: its view argument as written at the call, read by
  /// `ViewReader` in the module of the call.
  package func view(_ object: LibraryObject) -> ResolvedView {
    let location = object.location
    guard let module = modules.module(atPath: location.file),
      let call = PySyntax.expression(at: location.span, in: module.statements),
      case .call = call.kind
    else {
      let why = Unverifiable("the view of a URL pattern ebcheck cannot locate", at: location)
      return ResolvedView(name: "view", location: location, answer: .unknown(why))
    }
    let arguments = PySyntax.positional(call)
    guard let expr = arguments.count >= 2 ? arguments[1] : PySyntax.keyword("view", in: call)
    else {
      let why = Unverifiable("the view of a URL pattern ebcheck cannot locate", at: location)
      return ResolvedView(name: "view", location: location, answer: .unknown(why))
    }
    let reader = ViewReader(modules: modules, context: context)
    guard isBoundByCode(expr, in: module) else { return reader.view(expr, in: module) }
    if let (function, home) = passedByValue(object) {
      return reader.view(PyExpr(.name(function.name), function.nameSpan), in: home)
    }
    let why = Unverifiable(
      "the view is a value the URLconf's code computes, which ebcheck cannot follow",
      at: location)
    return ResolvedView(name: "view", location: location, answer: .unknown(why))
  }

  /// Whether the view argument as written names no view itself: a variable the code bound
  /// (a comprehension's, a helper's parameter) or an item of a container.
  package func isBoundByCode(_ expr: PyExpr, in module: PythonModule) -> Bool {
    switch expr.kind {
    case .name(let name):
      let assigned = PySyntax.flatten(module.statements).contains { statement in
        guard case .assign(let targets, _) = statement.kind else { return false }
        return targets.contains { PySyntax.dottedName($0) == name }
      }
      return PySyntax.functionDef(named: name, in: module.statements) == nil
        && PySyntax.classDef(named: name, in: module.statements) == nil
        && PySyntax.importSource(of: name, in: module, modules: modules) == nil && !assigned
    case .subscription:
      return true
    default:
      return false
    }
  }

  /// The repository function the view argument held when `path()` ran.
  package func passedByValue(_ object: LibraryObject) -> (PyFunctionDef, PythonModule)? {
    guard let held = object["view"]?.stringValue, let colon = held.firstIndex(of: ":"),
      let home = modules.module(named: String(held[..<colon])),
      let function = PySyntax.functionDef(
        named: String(held[held.index(after: colon)...]), in: home.statements)
    else { return nil }
    return (function, home)
  }

  /// The routes of a DRF router's `.urls`: the API root (DefaultRouter) and each
  /// registered viewset's routes, from the `register()` calls as written.
  package func routerNodes(_ object: LibraryObject) -> [URLPatternNode] {
    let location = object.location
    var nodes: [URLPatternNode] = []
    guard let registrations = object["registrations"]?.elements else {
      return [.opaque(Unverifiable("a router whose registry ebcheck cannot tell", at: location))]
    }
    guard let trailing = (object["trailingSlash"] ?? .bool(true)).truthiness else {
      return [
        .opaque(Unverifiable("a router whose trailing_slash ebcheck cannot tell", at: location))
      ]
    }
    for element in registrations {
      guard case .libraryObject(let registration) = element.value,
        let module = modules.module(atPath: registration.location.file),
        let call = PySyntax.expression(at: registration.location.span, in: module.statements),
        case let arguments = PySyntax.positional(call), arguments.count >= 2,
        let prefix = registration["prefix"]?.stringValue
      else {
        return nodes + [
          .opaque(
            Unverifiable(
              "a router registration ebcheck cannot read",
              at: (element.value.libraryLocation ?? element.location) ?? location))
        ]
      }
      nodes += viewsetRoutes(
        prefix, arguments[1], trailingSlash: trailing, module: module, at: registration.location)
    }
    if object["router"] == .string("DefaultRouter") {
      let defaults = context.restFramework
      let answer =
        defaults.refusal(of: defaults.permissionClasses, at: defaults.location ?? location)
        ?? .status(200, at: location)
      nodes.insert(
        .route(
          .route(""), .view(ResolvedView(name: "DRF API root", location: location, answer: answer)),
          location),
        at: 0)
    }
    return nodes
  }
}

extension PyValue {
  /// Where the library object was built, when the value is one.
  package var libraryLocation: Location? {
    if case .libraryObject(let object) = self { return object.location }
    return nil
  }
}
