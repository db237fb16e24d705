import EBCheckCore

/// Reads Terraform: each `aws_elastic_beanstalk_environment` and
/// `aws_elastic_beanstalk_configuration_template` with its `setting` blocks (also
/// `dynamic "setting"` over literal collections), values resolved through `var.`, `local.`,
/// `*.tfvars` and local module calls.
public enum TerraformReader {
  public static let environmentType = "aws_elastic_beanstalk_environment"
  public static let templateType = "aws_elastic_beanstalk_configuration_template"
  /// Local module calls followed at most this deep.
  static let maxModuleDepth = 8

  /// Whether a path is one the reader reads (`.tf`, `.tfvars`, outside `.terraform/`).
  public static func isTerraformPath(_ path: String) -> Bool {
    guard path.hasSuffix(".tf") || path.hasSuffix(".tfvars") else { return false }
    return !path.split(separator: "/").contains(".terraform")
  }

  public static func read(_ files: [SourceFile], limits: HCLLimits = HCLLimits())
    -> InfrastructureRead
  {
    var result = InfrastructureRead()
    var parsed: [HCLFile] = []
    for file in files where isTerraformPath(file.path) {
      let hcl = HCLReader.read(file, limits: limits)
      parsed.append(hcl)
      for error in hcl.errors {
        result.diagnostics.append(
          Diagnostic(
            problem: .terraformSyntax, severity: .error, message: error.message,
            location: Location(file: file.path, span: error.span),
            help: "Terraform refuses to plan while a file does not parse"))
      }
    }
    result.filesRead[.terraform] = parsed.count
    let modules = TerraformModule.modules(parsed)
    let byFolder = Dictionary(modules.map { ($0.folder, $0) }) { first, _ in first }
    var called = Set<String>()
    for module in modules {
      for call in module.blocks("module") {
        if let folder = module.calledFolder(call.block), folder != module.folder {
          called.insert(folder)
        }
      }
    }
    for module in modules where !called.contains(module.folder) {
      let variants: [(String?, [HCLFile])] =
        module.optionalVariableFiles.isEmpty
        ? [(nil, module.automaticVariableFiles)]
        : module.optionalVariableFiles.map { file in
          (
            file.path.split(separator: "/").last.map(String.init),
            module.automaticVariableFiles + [file]
          )
        }
      for (variant, variableFiles) in variants {
        let instance = TerraformInstance(
          module: module, scope: module.scope(variableFiles: variableFiles), address: "",
          variant: variant)
        result.definitions += definitions(
          of: instance, modules: byFolder, depth: 0, zipped: &result.zippedFiles)
      }
    }
    return result
  }

  /// The definitions of one module instance and of the local modules it calls.
  static func definitions(
    of instance: TerraformInstance, modules: [String: TerraformModule], depth: Int,
    zipped: inout Set<String>
  ) -> [InfrastructureDefinition] {
    var found: [InfrastructureDefinition] = []
    var evaluator = instance.evaluator()
    let hints = sourceHints(instance.module, evaluator: &evaluator)
    var follower = TerraformBundleFollower(modules: modules)
    for resource in instance.module.blocks("resource") {
      guard let type = resource.block.label(0), let name = resource.block.label(1),
        type == environmentType || type == templateType
      else { continue }
      for (suffix, iterators) in expansions(
        resource.block, path: resource.path, evaluator: &evaluator)
      {
        var scoped = evaluator
        scoped.scope.iterators = iterators
        var definition = TerraformResourceReader(
          block: resource.block, path: resource.path, bytes: resource.bytes,
          kind: type == environmentType
            ? .environment : .configurationTemplate
        ).definition(evaluator: &scoped)
        definition.resource = instance.address + "\(type).\(name)" + suffix
        if let variant = instance.variant { definition.resource += " (\(variant))" }
        definition.sourceHints = hints
        if type == environmentType {
          definition.bundle = follower.bundle(
            of: resource.block, path: resource.path, in: instance, iterators: iterators)
        }
        found.append(definition)
      }
    }
    follower.recordZippedFiles(in: instance)
    zipped.formUnion(follower.zippedFiles)
    guard depth < maxModuleDepth else { return found }
    for call in instance.module.blocks("module") {
      guard
        let child = instance.child(
          call.block, path: call.path, modules: modules, evaluator: &evaluator)
      else { continue }
      found += definitions(of: child, modules: modules, depth: depth + 1, zipped: &zipped)
    }
    return found
  }

  /// One instance per `for_each` key or `count` index (literal collections only); a single
  /// unexpanded instance otherwise.
  static func expansions(_ block: HCLBlock, path: String, evaluator: inout HCLEvaluator)
    -> [(String, [String: HCLValue])]
  {
    if let forEach = block.body.attribute("for_each") {
      let collection = evaluator.evaluate(forEach.expression, in: path)
      if let pairs = HCLEvaluator.iteration(collection), !pairs.isEmpty {
        return pairs.map { key, value in
          let isList: Bool = if case .tuple = collection.kind { true } else { false }
          let eachKey = isList ? value : key
          let keyText = eachKey.settingText ?? "?"
          let each = HCLValue(
            .object([
              HCLObjectEntry(key: "key", value: eachKey),
              HCLObjectEntry(key: "value", value: value),
            ]))
          return ("[\"\(keyText)\"]", ["each": each])
        }
      }
      return [("", [:])]
    }
    if let count = block.body.attribute("count") {
      let value = evaluator.evaluate(count.expression, in: path)
      if case .number(let number) = value.kind, number >= 0, number <= 64,
        number == number.rounded()
      {
        return (0..<Int(number)).map { index in
          (
            "[\(index)]",
            [
              "count": HCLValue(
                .object([HCLObjectEntry(key: "index", value: HCLValue(.number(Double(index))))]))
            ]
          )
        }
      }
    }
    return [("", [:])]
  }

  /// `source_dir` / `source_file` values of the module (archive_file and similar), as
  /// root-relative paths.
  static func sourceHints(_ module: TerraformModule, evaluator: inout HCLEvaluator)
    -> [Sourced<String>]
  {
    var hints: [Sourced<String>] = []
    var pending: [(HCLBody, String)] = module.files.map { ($0.body, $0.path) }
    var visited = 0
    while let (body, path) = pending.popLast(), visited < 10_000 {
      visited += 1
      for attribute in body.attributes where ["source_dir", "source_file"].contains(attribute.name)
      {
        guard let text = evaluator.evaluate(attribute.expression, in: path).settingText,
          let joined = RepositoryPath.join(module.folder, text)
        else { continue }
        hints.append(
          Sourced(joined, at: Location(file: path, span: attribute.span), origin: attribute.name))
      }
      pending += body.blocks.map { ($0.body, path) }
    }
    return hints
  }
}

/// A module with the variable values of one way it is applied.
struct TerraformInstance: Sendable {
  var module: TerraformModule
  var scope: HCLScope
  /// `module.eb.` for a called module, `""` for a root module.
  var address: String
  /// The `-var-file` this instance assumes, e.g. `prod.tfvars`.
  var variant: String?
  /// The `module` block that made it, in the instance that calls it; nil for a root module.
  var caller: TerraformCall? = nil

  /// An evaluator over its scope, every local evaluated once.
  func evaluator() -> HCLEvaluator {
    var evaluator = HCLEvaluator(scope: scope)
    evaluator.evaluateLocals()
    return evaluator
  }

  /// The root module instance it is part of.
  var root: TerraformInstance { caller?.parent.root ?? self }

  /// The instance a local `module` block of this one makes (its arguments evaluated by
  /// `evaluator`, this instance's); nil for a registry or git source, or a folder with no
  /// Terraform files.
  func child(
    _ call: HCLBlock, path: String, modules: [String: TerraformModule],
    evaluator: inout HCLEvaluator
  ) -> TerraformInstance? {
    guard let folder = module.calledFolder(call), let child = modules[folder],
      let label = call.label(0)
    else { return nil }
    var arguments: [String: HCLValue] = [:]
    for attribute in call.body.attributes
    where !["source", "version", "providers", "count", "for_each", "depends_on"].contains(
      attribute.name)
    {
      arguments[attribute.name] = evaluator.evaluate(attribute.expression, in: path)
    }
    return TerraformInstance(
      module: child,
      scope: child.scope(variableFiles: [], callArguments: arguments),
      address: address + "module.\(label).", variant: variant,
      caller: TerraformCall(parent: self, block: call, path: path))
  }
}

/// A `module` block and the instance it is written in.
final class TerraformCall: Sendable {
  let parent: TerraformInstance
  let block: HCLBlock
  let path: String

  init(parent: TerraformInstance, block: HCLBlock, path: String) {
    self.parent = parent
    self.block = block
    self.path = path
  }
}
