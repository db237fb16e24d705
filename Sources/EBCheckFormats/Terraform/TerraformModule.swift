import EBCheckCore

/// The `.tf` and `.tfvars` files of one folder: a Terraform module.
struct TerraformModule: Sendable {
  /// The folder, `""` at the root, else without a trailing `/`.
  var folder: String
  var files: [HCLFile] = []
  /// `terraform.tfvars`, then `*.auto.tfvars` in lexical order (Terraform loads them itself).
  var automaticVariableFiles: [HCLFile] = []
  /// Other `*.tfvars`: each is a `-var-file` someone passes, so each is one way to apply.
  var optionalVariableFiles: [HCLFile] = []

  var variables: [(name: String, block: HCLBlock, path: String)] {
    files.flatMap { file in
      file.body.blocks("variable").compactMap { block in
        block.label(0).map { (name: $0, block: block, path: file.path) }
      }
    }
  }

  var locals: [String: HCLSourcedExpression] {
    var all: [String: HCLSourcedExpression] = [:]
    for file in files {
      for block in file.body.blocks("locals") {
        for attribute in block.body.attributes {
          all[attribute.name] = HCLSourcedExpression(attribute.expression, in: file.path)
        }
      }
    }
    return all
  }

  /// Blocks of a type (`resource`, `module`, `data`) with their file.
  func blocks(_ type: String) -> [(block: HCLBlock, path: String, bytes: [UInt8])] {
    files.flatMap { file in
      file.body.blocks(type).map { (block: $0, path: file.path, bytes: file.bytes) }
    }
  }

  /// The folder a `module` block's local `source` names, nil for registry or git sources.
  func calledFolder(_ call: HCLBlock) -> String? {
    guard let source = call.body.attribute("source"),
      case .template(let parts, _) = source.expression.kind, parts.count == 1,
      case .literal(let text, _) = parts[0], text.hasPrefix("./") || text.hasPrefix("../")
    else { return nil }
    return RepositoryPath.join(folder, text)
  }

  /// The variables' values: defaults, then each variable file in order (the later wins).
  func scope(variableFiles: [HCLFile], callArguments: [String: HCLValue]? = nil) -> HCLScope {
    var scope = HCLScope()
    scope.locals = locals
    var literal = HCLEvaluator(scope: HCLScope())
    for variable in variables {
      if let expression = variable.block.body.attribute("default")?.expression {
        scope.variables[variable.name] = literal.evaluate(expression, in: variable.path)
      } else {
        scope.unsetVariables[variable.name] =
          callArguments == nil
          ? "var.\(variable.name) has no default and no value in terraform.tfvars or *.auto.tfvars (it is given with -var or TF_VAR_\(variable.name) when Terraform runs)"
          : "var.\(variable.name) has no default and the module call does not set it"
      }
    }
    if let callArguments {
      for (name, value) in callArguments
      where scope.variables[name] != nil || scope.unsetVariables[name] != nil {
        scope.variables[name] = value
      }
    }
    for file in variableFiles {
      for attribute in file.body.attributes {
        scope.variables[attribute.name] = literal.evaluate(attribute.expression, in: file.path)
      }
    }
    return scope
  }

  /// Groups parsed files by folder; `.terraform/` caches are not read.
  static func modules(_ files: [HCLFile]) -> [TerraformModule] {
    var byFolder: [String: TerraformModule] = [:]
    var order: [String] = []
    for file in files.sorted(by: { $0.path < $1.path }) {
      let folder = RepositoryPath.folder(of: file.path)
      if byFolder[folder] == nil {
        byFolder[folder] = TerraformModule(folder: folder)
        order.append(folder)
      }
      let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
      if name.hasSuffix(".tf") {
        byFolder[folder]?.files.append(file)
      } else if name == "terraform.tfvars" {
        byFolder[folder]?.automaticVariableFiles.insert(file, at: 0)
      } else if name.hasSuffix(".auto.tfvars") {
        byFolder[folder]?.automaticVariableFiles.append(file)
      } else if name.hasSuffix(".tfvars") {
        byFolder[folder]?.optionalVariableFiles.append(file)
      }
    }
    return order.compactMap { byFolder[$0] }
  }
}
