import EBCheckCore
import EBCheckPython

/// Runs a view's body for the health checker's anonymous `GET`, over Django's response API
/// (`DjangoResponseAPI`): returns, raises, branches on what it can evaluate (`settings.X`,
/// `request.method`, `request.user.is_authenticated`), and remembers what the code reaches
/// outside the repository (a database query makes the answer "200 if the database answers").
/// A branch on anything else runs both ways: one answer if both agree, else unknown.
/// Bounded in statements and nesting.
package struct ViewCodeRunner {
  package let module: PythonModule
  package let modules: PythonModules
  package let context: ViewContext
  package static let maximumSteps = 400
  package static let maximumDepth = 100

  private var steps = 0
  /// What the code reached outside the repository so far ("the database answers").
  private var conditions: [String] = []
  /// Local names bound to an expression (`response = HttpResponse(...)`).
  private var locals: [String: PyExpr] = [:]

  package init(module: PythonModule, modules: PythonModules, context: ViewContext) {
    self.module = module
    self.modules = modules
    self.context = context
  }

  package func location(_ span: Span) -> Location { Location(file: module.file, span: span) }

  /// The answer of a function body; falling off its end returns None, which Django refuses.
  package mutating func run(_ body: [PyStmt], at fallback: Location) -> ViewAnswer {
    let outcome = execute(body, depth: 0)
    switch outcome {
    case .some(let answer): return conditioned(answer)
    case .none:
      return .raises(
        exception: "ValueError (the view returned None instead of a response)", status: 500,
        at: fallback)
    }
  }

  /// An answer reached after external calls holds only while they answer.
  package func conditioned(_ answer: ViewAnswer) -> ViewAnswer {
    guard let condition = conditions.first else { return answer }
    switch answer {
    case .status(let status, let at):
      return .conditional(status: status, condition: condition, otherwise: 500, at: at)
    default:
      return answer
    }
  }

  /// nil when the statements fall through; otherwise the answer they end in.
  package mutating func execute(_ statements: [PyStmt], depth: Int) -> ViewAnswer? {
    guard depth < Self.maximumDepth else {
      return .unknown(
        Unverifiable(
          "the view nests deeper than \(Self.maximumDepth) blocks",
          at: statements.first.map { location($0.span) }))
    }
    for (index, statement) in statements.enumerated() {
      steps += 1
      guard steps <= Self.maximumSteps else {
        return .unknown(
          Unverifiable(
            "the view runs more than \(Self.maximumSteps) statements", at: location(statement.span))
        )
      }
      // A branch or a try decides how the rest of the block runs, so it takes the rest along.
      let rest = Array(statements[(index + 1)...])
      switch statement.kind {
      case .ifStatement(let test, let body, let orElse):
        switch truth(of: test) {
        case .some(true): return execute(body + rest, depth: depth + 1)
        case .some(false): return execute(orElse + rest, depth: depth + 1)
        case .none: return fork(test, body + rest, orElse + rest, depth: depth)
        }
      case .tryStatement(let body, let handlers, let orElse, let finally):
        return executeTry(body, handlers, orElse + finally + rest, finally + rest, depth: depth)
      default:
        if let answer = execute(statement, depth: depth) { return answer }
      }
    }
    return nil
  }

  /// A condition ebcheck cannot evaluate: both ways run (sharing one step budget, so nested
  /// branches stay bounded); the same answer either way is the answer, else unknown.
  package mutating func fork(_ test: PyExpr, _ taken: [PyStmt], _ skipped: [PyStmt], depth: Int)
    -> ViewAnswer?
  {
    var other = self
    let first = execute(taken, depth: depth + 1)
    other.steps = steps
    let second = other.execute(skipped, depth: depth + 1)
    steps = other.steps
    if first?.detail == second?.detail, first?.status == second?.status {
      for condition in other.conditions where !conditions.contains(condition) {
        conditions.append(condition)
      }
      return first
    }
    let text = modules.files[module.file]?.text(test.span) ?? "a condition"
    return .unknown(
      Unverifiable(
        "the view's answer depends on `\(text)`, which ebcheck cannot evaluate",
        at: location(test.span)))
  }

  /// `try`: where the body reaches the database (or a cache, the network) and a handler
  /// answers, the answer holds while it answers and the handler's answer otherwise.
  package mutating func executeTry(
    _ body: [PyStmt], _ handlers: [PyExceptHandler], _ afterBody: [PyStmt],
    _ afterHandler: [PyStmt], depth: Int
  ) -> ViewAnswer? {
    var failing = self
    let before = conditions.count
    for statement in PySyntax.flatten(body) {
      for expr in PySyntax.children(of: statement) { note(expr) }
    }
    let reached = conditions.count > before ? conditions[before] : nil
    let tried = execute(body + afterBody, depth: depth + 1)
    guard let reached, let handler = handlers.first else { return tried }
    failing.steps = steps
    let otherwise = failing.execute(handler.body + afterHandler, depth: depth + 1)
    steps = failing.steps
    guard let otherwise, case .status(let status, let at)? = tried else { return tried }
    conditions.removeAll { $0 == reached }
    return .conditional(status: status, condition: reached, otherwise: otherwise.status, at: at)
  }

  package mutating func execute(_ statement: PyStmt, depth: Int) -> ViewAnswer? {
    switch statement.kind {
    case .returnStatement(let value):
      guard let value else {
        return .raises(
          exception: "ValueError (the view returned None instead of a response)", status: 500,
          at: location(statement.span))
      }
      return answer(of: value)
    case .raise(let exception, _):
      return raised(exception, at: location(statement.span))
    case .ifStatement(let test, let body, let orElse):
      switch truth(of: test) {
      case .some(true): return execute(body, depth: depth + 1)
      case .some(false): return execute(orElse, depth: depth + 1)
      case .none: return fork(test, body, orElse, depth: depth)
      }
    case .tryStatement(let body, let handlers, let orElse, let finally):
      return executeTry(body, handlers, orElse + finally, finally, depth: depth)
    case .with(let items, let body, _):
      for item in items { note(item.context) }
      return execute(body, depth: depth + 1)
    case .expression(let value):
      note(value)
      return nil
    case .assign(let targets, let value):
      note(value)
      for target in targets {
        if case .name(let name) = target.kind { locals[name] = value }
      }
      return nil
    case .annotatedAssign(_, _, let value?), .augmentedAssign(_, _, let value):
      note(value)
      return nil
    case .forLoop(_, let iterable, let body, _, _):
      note(iterable)
      return loopBody(body, at: statement.span)
    case .whileLoop(_, let body, _):
      return loopBody(body, at: statement.span)
    default:
      return nil
    }
  }

  /// A loop that may answer from inside cannot be told without running it.
  package mutating func loopBody(_ body: [PyStmt], at span: Span) -> ViewAnswer? {
    let answers = PySyntax.flatten(body).contains {
      switch $0.kind {
      case .returnStatement, .raise: return true
      default: return false
      }
    }
    for statement in PySyntax.flatten(body) {
      if case .expression(let value) = statement.kind { note(value) }
      if case .assign(_, let value) = statement.kind { note(value) }
    }
    guard answers else { return nil }
    return .unknown(Unverifiable("the view answers from inside a loop", at: location(span)))
  }

  /// Records calls that reach outside the repository.
  package mutating func note(_ expr: PyExpr) {
    var found: String?
    _ = PySyntax.contains(expr) { node in
      guard case .call(let function, _) = node.kind, let dotted = PySyntax.dottedName(function)
      else { return false }
      found = DjangoResponseAPI.externalDependency(of: dotted)
      return found != nil
    }
    if let found, !conditions.contains(found) { conditions.append(found) }
  }

  // MARK: - Conditions

  package func truth(of test: PyExpr) -> Bool? {
    switch test.kind {
    case .bool(let value): return value
    case .none: return false
    case .unary(.not, let inner): return truth(of: inner).map { !$0 }
    case .boolOp(.and, let parts):
      let values = parts.map(truth(of:))
      if values.contains(false) { return false }
      return values.allSatisfy { $0 == true } ? true : nil
    case .boolOp(.or, let parts):
      let values = parts.map(truth(of:))
      if values.contains(true) { return true }
      return values.allSatisfy { $0 == false } ? false : nil
    case .attribute:
      guard let dotted = PySyntax.dottedName(test) else { return nil }
      if dotted.hasSuffix("user.is_authenticated") || dotted.hasSuffix("user.is_staff")
        || dotted.hasSuffix("user.is_superuser")
      {
        return false
      }
      if dotted.hasPrefix("settings."), let value = context.settings[String(dotted.dropFirst(9))] {
        return value.truthiness
      }
      return nil
    case .compare(let left, let comparisons) where comparisons.count == 1:
      guard PySyntax.dottedName(left)?.hasSuffix("request.method") == true,
        let right = PySyntax.string(comparisons[0].right)
      else { return nil }
      switch comparisons[0].op {
      case .equal: return right == "GET"
      case .notEqual: return right != "GET"
      default: return nil
      }
    default:
      return nil
    }
  }

  // MARK: - Answers

  package mutating func answer(of value: PyExpr) -> ViewAnswer {
    let at = location(value.span)
    if case .name(let name) = value.kind, let bound = locals[name] {
      locals[name] = nil
      return answer(of: bound)
    }
    guard case .call(let function, _) = value.kind, let callee = modelled(function) else {
      let text = modules.files[module.file]?.text(value.span) ?? "a value"
      return .unknown(
        Unverifiable("the view returns `\(text)`, which ebcheck does not model", at: at))
    }
    let arguments = PySyntax.positional(value)
    switch callee {
    case "redirect":
      let permanent = PySyntax.keyword("permanent", in: value).map { truth(of: $0) } ?? false
      guard let permanent else {
        return .unknown(Unverifiable("redirect(permanent=...) cannot be evaluated", at: at))
      }
      return .redirect(
        status: permanent ? 301 : 302, to: arguments.first.map(redirectTarget), at: at)
    case "render", "TemplateResponse", "render_to_response":
      let index = callee == "render_to_response" ? 0 : 1
      let template =
        arguments.count > index ? arguments[index] : PySyntax.keyword("template_name", in: value)
      return rendered(template, status: status(in: value, default: 200), at: at)
    default:
      guard let base = DjangoResponseAPI.responses[callee] else {
        return .unknown(
          Unverifiable("the view returns \(callee)(...), which ebcheck does not model", at: at))
      }
      guard let status = status(in: value, default: base) else {
        return .unknown(Unverifiable("the response's status= cannot be evaluated", at: at))
      }
      if DjangoResponseAPI.redirects.contains(callee) {
        return .redirect(status: status, to: arguments.first.map(redirectTarget), at: at)
      }
      return .status(status, at: at)
    }
  }

  /// The template a view renders, looked up as Django's loaders would.
  package func rendered(_ template: PyExpr?, status: Int?, at: Location) -> ViewAnswer {
    guard let template, let name = PySyntax.string(template) else {
      return .unknown(Unverifiable("the template name cannot be evaluated", at: at))
    }
    guard let status else {
      return .unknown(Unverifiable("the response's status= cannot be evaluated", at: at))
    }
    return Self.render(name, status: status, context: context, at: at)
  }

  package static func render(_ name: String, status: Int, context: ViewContext, at: Location?)
    -> ViewAnswer
  {
    switch context.templates.find(name) {
    case .found: return .status(status, at: at)
    case .missing(let searched): return .templateMissing(name, searched: searched, at: at)
    case .unknown(let why): return .unknown(why)
    }
  }

  package func redirectTarget(_ expr: PyExpr) -> String {
    if let text = PySyntax.string(expr) {
      // redirect('home') reverses a URL name; a URL has a slash or a dot.
      return text.contains("/") || text.contains(".") ? text : "the URL named '\(text)'"
    }
    return "'" + (modules.files[module.file]?.text(expr.span) ?? "?") + "'"
  }

  /// `status=` of a response call: an int, a status constant, or the default.
  package func status(in call: PyExpr, default fallback: Int) -> Int? {
    guard let value = PySyntax.keyword("status", in: call) else { return fallback }
    if case .int(let code) = value.kind { return code }
    if let dotted = PySyntax.dottedName(value) { return DjangoResponseAPI.statusConstant(dotted) }
    return nil
  }

  package mutating func raised(_ exception: PyExpr?, at: Location) -> ViewAnswer {
    guard let exception else {
      return .raises(exception: "the exception being handled", status: 500, at: at)
    }
    let target: PyExpr
    if case .call(let function, _) = exception.kind {
      target = function
    } else {
      target = exception
    }
    guard let dotted = PySyntax.dottedName(target) else {
      return .raises(exception: "an exception", status: 500, at: at)
    }
    let name = String(dotted.split(separator: ".").last ?? Substring(dotted))
    if modelled(target) != nil, let status = DjangoResponseAPI.exceptions[name] {
      return .raises(exception: name, status: status, at: at)
    }
    return .raises(exception: name, status: 500, at: at)
  }

  /// The last component of a callee that comes from Django or DRF (or the shortcuts), else nil.
  package func modelled(_ function: PyExpr) -> String? {
    guard let dotted = PySyntax.dottedName(function) else { return nil }
    let parts = dotted.split(separator: ".").map(String.init)
    let head = parts[0]
    if let source = PySyntax.importSource(of: head, in: module, modules: modules) {
      let root = String(source.module.split(separator: ".").first ?? "")
      guard DjangoResponseAPI.packages.contains(root) else { return nil }
      return parts.count == 1 ? (source.name ?? head) : parts.last
    }
    // Defined in the module itself: the app's own code, not Django's.
    return nil
  }
}
