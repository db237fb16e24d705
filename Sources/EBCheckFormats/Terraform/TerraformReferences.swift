import EBCheckCore

/// An attribute of a resource or data source that an expression refers to
/// (`aws_s3_object.bundle.key`), in the module instance that declares it.
struct TerraformBlockReference {
  var instance: TerraformInstance
  /// `resource` or `data`.
  var mode: String
  var type: String
  var name: String
  var block: HCLBlock
  var path: String
  /// The attribute read (`key`, `output_path`), nil for the whole block.
  var attribute: String?

  /// `module.app.data.archive_file.bundle`.
  var address: String {
    instance.address + (mode == "data" ? "data." : "") + "\(type).\(name)"
  }

  /// Where the block is declared.
  var location: Location {
    Location(file: path, span: block.typeSpan.union(block.labels.last?.span ?? block.typeSpan))
  }
}

/// What an expression stands for when what it refers to matters more than its value: the
/// resource attribute it reads, through variables, locals, module calls and outputs, or else
/// its value.
enum TerraformReferent {
  case block(TerraformBlockReference)
  case value(HCLValue, Location)
}

/// Follows references across the module instances of one configuration; every value is
/// computed by the instance's own `HCLEvaluator`.
struct TerraformReferences {
  let modules: [String: TerraformModule]
  /// Evaluators by instance address, each with its locals evaluated once.
  var evaluators: [String: HCLEvaluator] = [:]
  static let maxDepth = 48

  init(modules: [String: TerraformModule]) { self.modules = modules }

  /// The instance's evaluator, with `path.module` relative to the root module's folder.
  mutating func evaluator(_ instance: TerraformInstance) -> HCLEvaluator {
    if let known = evaluators[instance.address] { return known }
    var scope = instance.scope
    scope.modulePath = RelativePath.from(
      "/" + instance.root.module.folder, to: "/" + instance.module.folder)
    var evaluator = HCLEvaluator(scope: scope)
    evaluator.evaluateLocals()
    evaluators[instance.address] = evaluator
    return evaluator
  }

  mutating func value(
    _ expression: HCLExpression, in path: String, instance: TerraformInstance,
    iterators: [String: HCLValue] = [:]
  ) -> HCLValue {
    var evaluator = evaluator(instance)
    evaluator.scope.iterators.merge(iterators) { $1 }
    return evaluator.evaluate(expression, in: path)
  }

  /// What `expression`, written in `path` of `instance`, refers to.
  mutating func resolve(
    _ expression: HCLExpression, in path: String, instance: TerraformInstance,
    iterators: [String: HCLValue] = [:]
  ) -> TerraformReferent {
    switch origin(expression, in: path, instance: instance, iterators: iterators, depth: 0) {
    case .block(let reference):
      return .block(reference)
    case .expression(let found, let foundPath, let foundInstance, let foundIterators):
      return .value(
        value(found, in: foundPath, instance: foundInstance, iterators: foundIterators),
        Location(file: foundPath, span: found.span))
    }
  }

  /// Where the value of `expression` is written: the expression a variable, local or module
  /// output stands for, followed to the end, or the resource attribute it reads.
  enum Origin {
    case block(TerraformBlockReference)
    case expression(HCLExpression, String, TerraformInstance, [String: HCLValue])
  }

  mutating func origin(
    _ expression: HCLExpression, in path: String, instance: TerraformInstance,
    iterators: [String: HCLValue] = [:], depth: Int = 0
  ) -> Origin {
    guard depth < Self.maxDepth else { return .expression(expression, path, instance, iterators) }
    switch expression.kind {
    case .parentheses(let inner):
      return origin(inner, in: path, instance: instance, iterators: iterators, depth: depth + 1)
    case .template(let parts, _) where parts.count == 1:
      if case .interpolation(let inner) = parts[0] {
        return origin(inner, in: path, instance: instance, iterators: iterators, depth: depth + 1)
      }
    case .traversal(let base, let steps):
      if case .variable(let root) = base.kind, iterators[root] == nil,
        case .attribute(let first)? = steps.first,
        let found = follow(root, first, Array(steps.dropFirst()), instance: instance, depth: depth)
      {
        return found
      }
    default:
      break
    }
    return .expression(expression, path, instance, iterators)
  }

  /// `var.x` (the caller's argument), `local.x`, `module.m.out` (the output's expression),
  /// `data.t.n.attr` and `t.n.attr`; nil for anything else (its value is what it means).
  mutating func follow(
    _ root: String, _ first: String, _ rest: [HCLTraversalStep], instance: TerraformInstance,
    depth: Int
  ) -> Origin? {
    switch root {
    case "var":
      guard rest.isEmpty, let call = instance.caller,
        let argument = call.block.body.attribute(first)
      else { return nil }
      return origin(argument.expression, in: call.path, instance: call.parent, depth: depth + 1)
    case "local":
      guard rest.isEmpty, let local = instance.module.locals[first] else { return nil }
      return origin(local.expression, in: local.path, instance: instance, depth: depth + 1)
    case "module":
      guard rest.count == 1, case .attribute(let output) = rest[0],
        let call = instance.module.blocks("module").first(where: { $0.block.label(0) == first })
      else { return nil }
      var evaluator = evaluator(instance)
      guard
        let child = instance.child(
          call.block, path: call.path, modules: modules, evaluator: &evaluator),
        let declared = child.module.blocks("output").first(where: {
          $0.block.label(0) == output
        }),
        let value = declared.block.body.attribute("value")
      else { return nil }
      return origin(value.expression, in: declared.path, instance: child, depth: depth + 1)
    case "data":
      guard case .attribute(let name)? = rest.first else { return nil }
      return reference("data", first, name, rest.dropFirst().first, instance)
    case "path", "count", "each", "self", "terraform":
      return nil
    default:
      return reference("resource", root, first, rest.first, instance)
    }
  }

  func reference(
    _ mode: String, _ type: String, _ name: String, _ step: HCLTraversalStep?,
    _ instance: TerraformInstance
  ) -> Origin? {
    guard
      let found = instance.module.blocks(mode).first(where: {
        $0.block.label(0) == type && $0.block.label(1) == name
      })
    else { return nil }
    var attribute: String?
    if case .attribute(let text)? = step { attribute = text }
    return .block(
      TerraformBlockReference(
        instance: instance, mode: mode, type: type, name: name, block: found.block,
        path: found.path, attribute: attribute))
  }

  /// What the attribute `name` of a block is written as, resolved in its instance.
  mutating func attribute(_ name: String, of reference: TerraformBlockReference)
    -> TerraformReferent?
  {
    guard let attribute = reference.block.body.attribute(name) else { return nil }
    return resolve(attribute.expression, in: reference.path, instance: reference.instance)
  }

  /// Every instance of the configuration `instance` belongs to, the root first.
  mutating func allInstances(from instance: TerraformInstance) -> [TerraformInstance] {
    var found: [TerraformInstance] = []
    var pending = [instance.root]
    while let next = pending.popLast(), found.count < 512 {
      found.append(next)
      guard next.address.split(separator: ".").count < 2 * TerraformReader.maxModuleDepth
      else { continue }
      var evaluator = evaluator(next)
      for call in next.module.blocks("module") {
        if let child = next.child(
          call.block, path: call.path, modules: modules, evaluator: &evaluator)
        {
          pending.append(child)
        }
      }
    }
    return found
  }
}
