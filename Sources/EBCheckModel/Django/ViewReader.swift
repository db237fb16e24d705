import EBCheckCore
import EBCheckPython

/// Reads a view reference in a URLconf: where it is defined, its login guards and decorators,
/// and what it answers the checker's GET (its code run on the interpreter with the request by
/// the simulation, class-based views through `ClassViewReader`, Django's and packages' own
/// views from their models).
package struct ViewReader {
  package let modules: PythonModules
  package var context: ViewContext

  package init(modules: PythonModules, context: ViewContext? = nil) {
    self.modules = modules
    self.context = context ?? .empty(files: modules.files)
  }

  package static let loginDecorators: Set<String> = [
    "login_required", "permission_required", "staff_member_required", "user_passes_test",
    "superuser_required",
  ]
  package static let loginMixins: Set<String> = [
    "LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin",
  ]
  /// Packages whose views are modelled here (by their base classes).
  package static let modelledPackages: Set<String> = ["django", "rest_framework"]
  /// Function views of Django and packages, by module and name: what they answer a GET.
  package static let packageFunctionViews: [String: String] = [
    "django.contrib.sitemaps.views.sitemap": "the database answers",
    "django.contrib.sitemaps.views.index": "the database answers",
  ]

  package func view(_ expr: PyExpr, in module: PythonModule) -> ResolvedView {
    let location = Location(file: module.file, span: expr.span)
    let text =
      module.file.isEmpty ? "view" : (modules.files[module.file]?.text(expr.span) ?? "view")
    switch expr.kind {
    case .call(let function, let arguments):
      // login_not_required(views.health) (read before the view runs) or SomeView.as_view(...)
      if let name = PySyntax.dottedName(function).map(Self.lastComponent) {
        if name == "login_not_required", let wrapped = arguments.first?.value {
          var inner = view(wrapped, in: module)
          inner.loginNotRequired = true
          return inner
        }
        if name == "as_view", case .attribute(let base, _, _) = function.kind,
          let executed = executedClassView(expr, base: base, in: module)
        {
          return executed
        }
        if name == "as_view", case .attribute(let base, _, _) = function.kind {
          var initkwargs: [String: PyExpr] = [:]
          for argument in arguments {
            if let key = argument.keyword { initkwargs[key] = argument.value }
          }
          return classView(base, initkwargs: initkwargs, in: module, fallback: location, text: text)
        }
      }
      // A repository function decorated where it is routed (`login_required(views.health)`,
      // `cache_page(60)(health)`): the URLconf's expression runs, and its value answers.
      var wrapped = expr
      while case .call(let callee, let given) = wrapped.kind {
        // `login_required(HealthView.as_view())`: the class view is what is wrapped.
        if PySyntax.dottedName(callee).map(Self.lastComponent) == "as_view" { break }
        wrapped = given.first?.value ?? callee
        if given.isEmpty { break }
      }
      var inner = view(wrapped, in: module)
      if let target = inner.code?.target, target.runsInURLConf || target.isFunction,
        let code = code(.expression(expr), in: module, restFramework: false)
      {
        inner.code = code
        return inner
      }
      if let name = PySyntax.dottedName(function).map(Self.lastComponent),
        Self.loginDecorators.contains(name)
      {
        // A class or package view wrapped in a login decorator.
        inner.loginRequired = location
        return inner
      }
    case .lambda:
      // `path('health/', lambda request: HttpResponse('ok'))`: the URLconf's expression is
      // the view, run with the request like any other.
      var view = ResolvedView(name: "lambda", location: location)
      view.code = code(.expression(expr), in: module, restFramework: false)
      if view.code == nil {
        view.answer = .unknown(Unverifiable("a lambda view outside a Python module", at: location))
      }
      return view
    case .name, .attribute:
      if let found = definition(of: expr, in: module) {
        return functionView(found.function, module: found.module)
      }
      if let qualified = qualifiedName(expr, in: module),
        let condition = Self.packageFunctionViews[qualified]
      {
        return ResolvedView(
          name: Self.lastComponent(qualified), location: location,
          answer: .conditional(status: 200, condition: condition, otherwise: 500, at: location))
      }
      if let qualified = qualifiedName(expr, in: module), isOutsideRepository(qualified) {
        return ResolvedView(
          name: Self.lastComponent(qualified), location: location,
          answer: PackageViews.answer(of: qualified, context: context, at: location))
      }
    default:
      break
    }
    return ResolvedView(name: text, location: location)
  }

  /// Whether a dotted name comes from a package outside the repository: no file of the
  /// repository holds its top-level package (views re-exported by a package's `__init__`
  /// stay the repository's, even where ebcheck does not follow the re-export).
  package func isOutsideRepository(_ qualified: String) -> Bool {
    guard let top = qualified.split(separator: ".").first.map(String.init), !top.isEmpty else {
      return false
    }
    if modules.path(of: top) != nil { return false }
    return !modules.files.paths.contains {
      $0.hasPrefix(top + "/") || $0.contains("/" + top + "/")
    }
  }

  package static func lastComponent(_ dotted: String) -> String {
    String(dotted.split(separator: ".").last ?? Substring(dotted))
  }

  /// `views.health` → `core.views.health` through the module's imports.
  package func qualifiedName(_ expr: PyExpr, in module: PythonModule) -> String? {
    guard let dotted = PySyntax.dottedName(expr) else { return nil }
    let parts = dotted.split(separator: ".").map(String.init)
    guard let source = PySyntax.importSource(of: parts[0], in: module, modules: modules) else {
      return nil
    }
    return ([source.module] + (source.name.map { [$0] } ?? []) + parts.dropFirst())
      .joined(separator: ".")
  }

  /// Finds the `def` a name or `module.name` refers to, following imports once.
  package func definition(of expr: PyExpr, in module: PythonModule) -> (
    function: PyFunctionDef, module: PythonModule
  )? {
    guard let dotted = PySyntax.dottedName(expr) else { return nil }
    let parts = dotted.split(separator: ".").map(String.init)
    if parts.count == 1 {
      if let function = PySyntax.functionDef(named: parts[0], in: module.statements) {
        return (function, module)
      }
      if let source = PySyntax.importSource(of: parts[0], in: module, modules: modules),
        let name = source.name, let other = modules.module(named: source.module),
        let function = PySyntax.functionDef(named: name, in: other.statements)
      {
        return (function, other)
      }
      return nil
    }
    guard let source = PySyntax.importSource(of: parts[0], in: module, modules: modules) else {
      return nil
    }
    let moduleName =
      ([source.module] + (source.name.map { [$0] } ?? []) + parts.dropFirst().dropLast())
      .joined(separator: ".")
    guard let other = modules.module(named: moduleName),
      let function = PySyntax.functionDef(named: parts.last!, in: other.statements)
    else { return nil }
    return (function, other)
  }

  /// The `class` a name or `module.Name` refers to in the repository.
  package func classDefinition(named dotted: String, in module: PythonModule) -> (
    PyClassDef, PythonModule
  )? {
    let parts = dotted.split(separator: ".").map(String.init)
    let short = parts.last ?? dotted
    if parts.count == 1, let found = PySyntax.classDef(named: short, in: module.statements) {
      return (found, module)
    }
    guard let source = PySyntax.importSource(of: parts[0], in: module, modules: modules) else {
      return nil
    }
    let owner =
      parts.count == 1
      ? source.module
      : ([source.module] + (source.name.map { [$0] } ?? []) + parts.dropFirst().dropLast())
        .joined(separator: ".")
    guard let other = modules.module(named: owner), other.file != module.file || parts.count > 1,
      let found = PySyntax.classDef(named: short, in: other.statements)
    else { return nil }
    return (found, other)
  }

  /// A function view: its code run with the request, its decorators applied on the way
  /// (the interpreter runs them: `DjangoDecorators`, or the repository's own).
  package func functionView(_ function: PyFunctionDef, module: PythonModule) -> ResolvedView {
    var view = ResolvedView(
      name: function.name, location: Location(file: module.file, span: function.nameSpan))
    // Django 5.1's LoginRequiredMiddleware reads the mark in process_view, before the view.
    view.loginNotRequired = function.decorators.contains {
      PySyntax.dottedName($0).map(Self.lastComponent) == "login_not_required"
    }
    view.code = code(.function(function.name), in: module, restFramework: false)
    return view
  }

  /// The code of `target` in `module`, run with the request by the simulation.
  package func code(_ target: ViewTarget, in module: PythonModule, restFramework: Bool)
    -> ViewCode?
  {
    guard let name = modules.moduleName(ofPath: module.file) else { return nil }
    let span: Span
    switch target {
    case .function(let function):
      span = PySyntax.functionDef(named: function, in: module.statements)?.nameSpan ?? Span(at: 0)
    case .expression(let expression):
      span = expression.span
    case .viewSet(let className, _, _, _):
      span = PySyntax.classDef(named: className, in: module.statements)?.nameSpan ?? Span(at: 0)
    case .method(let className, let method, _):
      let type = PySyntax.classDef(named: className, in: module.statements)
      span =
        type.flatMap { PySyntax.functionDef(named: method, in: $0.body)?.nameSpan }
        ?? type?.nameSpan ?? Span(at: 0)
    case .library:
      span = Span(at: 0)
    }
    return ViewCode(
      executor: context.viewExecutor(modules: modules), module: name, target: target,
      restFramework: restFramework, location: Location(file: module.file, span: span),
      templates: context.templates)
  }

  /// Django's class views ebcheck runs on the interpreter: `SomeView.as_view(...)` is the
  /// URLconf's expression evaluated (`as_view()` checks its keywords, the function it returns
  /// runs `setup()` and `dispatch()` in the class's resolution order; whether it is
  /// `@login_not_required` is read from the view function it builds). Nil when the class is
  /// neither in the repository nor a library class ebcheck models.
  package func executedClassView(_ expr: PyExpr, base: PyExpr, in module: PythonModule)
    -> ResolvedView?
  {
    guard let name = PySyntax.dottedName(base) else { return nil }
    let short = Self.lastComponent(name)
    var location = Location(file: module.file, span: expr.span)
    var view = ResolvedView(name: short, location: location)
    if let (found, file) = classDefinition(named: name, in: module) {
      location = Location(file: file.file, span: found.nameSpan)
      view.location = location
    } else {
      guard let qualified = qualifiedName(base, in: module),
        DjangoClassViews.name(ofQualified: qualified) != nil
      else { return nil }
    }
    view.answer = .unknown(Unverifiable("the view's code could not be located", at: location))
    view.code = code(.expression(expr), in: module, restFramework: false)
    return view
  }

  package static func strings(_ expr: PyExpr) -> [String]? {
    switch expr.kind {
    case .list(let items), .tuple(let items):
      let texts = items.compactMap(PySyntax.string)
      return texts.count == items.count ? texts : nil
    default:
      return nil
    }
  }

  package func classView(
    _ base: PyExpr, initkwargs: [String: PyExpr], in module: PythonModule, fallback: Location,
    text: String
  ) -> ResolvedView {
    guard let name = PySyntax.dottedName(base) else {
      return ResolvedView(name: text, location: fallback)
    }
    let short = Self.lastComponent(name)
    let reader = ClassViewReader(modules: modules, context: context)
    var definition = ClassViewReader.Definition()
    var location = fallback
    var owner = module
    if let (found, file) = classDefinition(named: name, in: module) {
      definition = reader.read(found, in: file)
      location = Location(file: file.file, span: found.nameSpan)
      owner = file
    } else if let qualified = qualifiedName(base, in: module),
      Self.modelledPackages.contains(String(qualified.split(separator: ".")[0]))
    {
      // Django's (or a package's) own class, configured by the initkwargs.
      definition.frameworkBases = [short]
    } else if let qualified = qualifiedName(base, in: module), isOutsideRepository(qualified) {
      return ResolvedView(
        name: short, location: fallback,
        answer: PackageViews.answer(of: qualified, context: context, at: fallback))
    } else {
      return ResolvedView(name: short, location: fallback)
    }
    var view = ResolvedView(name: short, location: location)
    view.loginRequired = definition.loginGuard
    view.loginNotRequired = definition.loginNotRequired
    _ = owner
    var code: ViewCode?
    view.answer = reader.answer(
      definition, initkwargs: initkwargs, module: module, at: location, code: &code)
    view.code = code
    return view
  }
}
