import EBCheckCore
import EBCheckPython

/// A class body read for what a router needs (which actions a viewset defines) and for the
/// `method_decorator` scan. Every class-based view runs on the interpreter: Django's generic,
/// authentication and django-health-check views (`DjangoClassViews`) and DRF's
/// (`RestFrameworkViews`), through `ViewReader.executedClassView`.
package struct ClassViewReader {
  package let modules: PythonModules
  package let context: ViewContext
  package static let maximumBaseDepth = 8

  /// What a class and its repository bases define.
  package struct Definition {
    package var attributes: [String: (PyExpr, PythonModule)] = [:]
    package var methods: [String: (PyFunctionDef, PythonModule)] = [:]
    /// Django/DRF/package bases by their last name, nearest first.
    package var frameworkBases: [String] = []
    package var loginGuard: Location?
    package var loginNotRequired = false
    /// The class itself (as the URLconf names it) and its module.
    package var origin: (name: String, module: PythonModule)?
    /// Whether a class decorator (`method_decorator(…, name='dispatch')`) is applied.
    package var decorated = false
  }


  package func read(_ found: PyClassDef, in module: PythonModule) -> Definition {
    var definition = Definition()
    definition.origin = (found.name, module)
    collect(found, module: module, depth: 0, into: &definition)
    return definition
  }

  private func collect(
    _ found: PyClassDef, module: PythonModule, depth: Int, into definition: inout Definition
  ) {
    guard depth < Self.maximumBaseDepth else { return }
    for statement in found.body {
      switch statement.kind {
      case .assign(let targets, let value):
        for target in targets {
          if case .name(let name) = target.kind, definition.attributes[name] == nil {
            definition.attributes[name] = (value, module)
          }
        }
      case .annotatedAssign(let target, _, let value?):
        // `template_name: str = "index.html"` is an assignment with an annotation.
        if case .name(let name) = target.kind, definition.attributes[name] == nil {
          definition.attributes[name] = (value, module)
        }
      case .functionDef(let function) where definition.methods[function.name] == nil:
        definition.methods[function.name] = (function, module)
      default:
        continue
      }
    }
    if !found.decorators.isEmpty { definition.decorated = true }
    for decorator in found.decorators {
      // @method_decorator(login_not_required, name="dispatch"): read by
      // LoginRequiredMiddleware before the view runs.
      guard PySyntax.calleeName(decorator) == "method_decorator",
        let first = PySyntax.positional(decorator).first,
        PySyntax.dottedName(first).map(ViewReader.lastComponent) == "login_not_required"
      else { continue }
      definition.loginNotRequired = true
    }
    for base in found.bases where base.keyword == nil {
      guard let dotted = PySyntax.dottedName(base.value) else { continue }
      let short = ViewReader.lastComponent(dotted)
      if let (parent, file) = ViewReader(modules: modules, context: context).classDefinition(
        named: dotted, in: module)
      {
        collect(parent, module: file, depth: depth + 1, into: &definition)
        continue
      }
      if ViewReader.loginMixins.contains(short), definition.loginGuard == nil {
        definition.loginGuard = Location(file: module.file, span: base.value.span)
      }
      definition.frameworkBases.append(short)
    }
  }

  /// The answer to GET of the class built with `initkwargs`; `code` is set when the class's
  /// own handler answers (run with the request by the simulation).
  package func answer(
    _ definition: Definition, initkwargs: [String: PyExpr], module: PythonModule,
    at location: Location, code: inout ViewCode?
  ) -> ViewAnswer {
    func attribute(_ name: String) -> (PyExpr, PythonModule)? {
      if let value = initkwargs[name] { return (value, module) }
      return definition.attributes[name]
    }
    let bases = definition.frameworkBases
    if let (value, file) = attribute("http_method_names"), case .list(let items) = value.kind {
      let methods = items.compactMap(PySyntax.string)
      if !methods.contains("get") {
        return .methodNotAllowed(
          allowed: methods.map { $0.uppercased() }, at: Location(file: file.file, span: value.span))
      }
    }
    var literals: [String: PyValue] = [:]
    for (key, value) in initkwargs {
      if let literal = Self.literal(value) { literals[key] = literal }
    }
    if let (get, file) = definition.methods["dispatch"] ?? definition.methods["get"] {
      let at = Location(file: file.file, span: get.nameSpan)
      guard let (name, owner) = definition.origin else {
        return .unknown(Unverifiable("the view's class cannot be run", at: at))
      }
      code = ViewReader(modules: modules, context: context).code(
        .method(className: name, method: get.name, initkwargs: literals), in: owner,
        restFramework: false)
      return .unknown(Unverifiable("the view's code could not be located", at: at))
    }
    // Mixins that leave the answer to the view (django-meta's MetadataMixin) are not the
    // reason: the base they sit on is.
    let unmodelled = bases.first { !Self.passingMixins.contains($0) } ?? bases.first
    return .unknown(
      Unverifiable(
        "the view derives from \(unmodelled ?? "a class") ebcheck does not model", at: location))
  }

  /// Mixins that leave a GET's answer to the view they sit on (not the reason it is unknown).
  package static let passingMixins: Set<String> = [
    "ContextMixin", "MetadataMixin", "LoginRequiredMixin", "PermissionRequiredMixin",
    "UserPassesTestMixin",
  ]

  /// An initkwarg written as a literal (`template_name='x.html'`, `permanent=True`).
  package static func literal(_ value: PyExpr) -> PyValue? {
    switch value.kind {
    case .string: return PySyntax.string(value).map { .string($0) }
    case .int(let number): return .int(number)
    case .bool(let flag): return .bool(flag)
    case .none: return PyValue.none
    default: return nil
    }
  }

}
