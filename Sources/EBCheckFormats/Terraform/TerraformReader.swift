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
        result.definitions += definitions(of: instance, modules: byFolder, depth: 0)
      }
    }
    return result
  }

  /// The definitions of one module instance and of the local modules it calls.
  static func definitions(
    of instance: TerraformInstance, modules: [String: TerraformModule], depth: Int
  ) -> [InfrastructureDefinition] {
    var found: [InfrastructureDefinition] = []
    var evaluator = HCLEvaluator(scope: instance.scope)
    evaluator.evaluateLocals()
    let hints = sourceHints(instance.module, evaluator: &evaluator)
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
        found.append(definition)
      }
    }
    guard depth < maxModuleDepth else { return found }
    for call in instance.module.blocks("module") {
      guard let folder = instance.module.calledFolder(call.block), let child = modules[folder],
        let label = call.block.label(0)
      else { continue }
      var arguments: [String: HCLValue] = [:]
      for attribute in call.block.body.attributes
      where !["source", "version", "providers", "count", "for_each", "depends_on"].contains(
        attribute.name)
      {
        arguments[attribute.name] = evaluator.evaluate(attribute.expression, in: call.path)
      }
      let childInstance = TerraformInstance(
        module: child,
        scope: child.scope(variableFiles: [], callArguments: arguments),
        address: instance.address + "module.\(label).", variant: instance.variant)
      found += definitions(of: childInstance, modules: modules, depth: depth + 1)
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
struct TerraformInstance {
  var module: TerraformModule
  var scope: HCLScope
  /// `module.eb.` for a called module, `""` for a root module.
  var address: String
  /// The `-var-file` this instance assumes, e.g. `prod.tfvars`.
  var variant: String?
}
