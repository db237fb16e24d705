import EBCheckCore

/// One `aws_elastic_beanstalk_environment` / `…_configuration_template` block: its name,
/// template and settings.
struct TerraformResourceReader {
  let block: HCLBlock
  let path: String
  let bytes: [UInt8]
  let kind: InfrastructureResourceKind

  func definition(evaluator: inout HCLEvaluator) -> InfrastructureDefinition {
    let source = OptionSource.infrastructure(.terraform, kind, path)
    let header = Location(
      file: path, span: block.typeSpan.union(block.labels.last?.span ?? block.typeSpan))
    var definition = InfrastructureDefinition(
      tool: .terraform, kind: kind, resource: block.label(1) ?? "", location: header)
    if let name = block.body.attribute("name") {
      definition.name = evaluator.evaluate(name.expression, in: path).settingText
    }
    // The platform: a solution stack name, or a platform ARN (which Terraform also accepts).
    for key in ["solution_stack_name", "platform_arn"] {
      guard let attribute = block.body.attribute(key),
        let text = evaluator.evaluate(attribute.expression, in: path).settingText
      else { continue }
      definition.platform = Sourced(
        text, at: Location(file: path, span: attribute.expression.span), origin: key)
      break
    }
    if let template = block.body.attribute("template_name") {
      definition.templateReference = templateReference(template, evaluator: &evaluator)
    }
    for item in settingBodies(evaluator: &evaluator) {
      var scoped = evaluator
      scoped.scope.iterators.merge(item.iterators) { $1 }
      switch setting(item.body, blockSpan: item.span, source: source, evaluator: &scoped) {
      case .success(let setting): definition.settings.append(setting)
      case .failure(let note): definition.notes.append(note.message)
      }
    }
    return definition
  }

  /// `aws_elastic_beanstalk_configuration_template.NAME.name` names the resource; any other
  /// known value is the template's name.
  func templateReference(_ attribute: HCLAttribute, evaluator: inout HCLEvaluator) -> String? {
    if case .traversal(let root, let steps) = attribute.expression.kind,
      case .variable(let type) = root.kind, type == TerraformReader.templateType,
      case .attribute(let name)? = steps.first
    {
      return "\(type).\(name)"
    }
    return evaluator.evaluate(attribute.expression, in: path).settingText
  }

  struct SettingBody {
    var body: HCLBody
    var span: Span
    var iterators: [String: HCLValue]
  }

  /// `setting { }` blocks, and the `content` of `dynamic "setting"` once per element.
  func settingBodies(evaluator: inout HCLEvaluator) -> [SettingBody] {
    var found: [SettingBody] = []
    for child in block.body.blocks {
      if child.type == "setting" {
        found.append(SettingBody(body: child.body, span: child.span, iterators: [:]))
        continue
      }
      guard child.type == "dynamic", child.label(0) == "setting",
        let content = child.body.blocks("content").first
      else { continue }
      let iteratorName =
        child.body.attribute("iterator").flatMap { attribute -> String? in
          if case .variable(let name) = attribute.expression.kind { return name }
          return nil
        } ?? "setting"
      guard let forEach = child.body.attribute("for_each") else { continue }
      let collection = evaluator.evaluate(forEach.expression, in: path)
      guard let pairs = HCLEvaluator.iteration(collection) else {
        let reason = collection.unknownReason ?? "for_each is not a list or a map"
        found.append(
          SettingBody(
            body: content.body, span: child.span,
            iterators: [iteratorName: .unknown("dynamic \"setting\" for_each: \(reason)")]))
        continue
      }
      let isList: Bool = if case .tuple = collection.kind { true } else { false }
      for (key, value) in pairs {
        let iterator = HCLValue(
          .object([
            HCLObjectEntry(key: "key", value: isList ? key : key),
            HCLObjectEntry(key: "value", value: value),
          ]))
        found.append(
          SettingBody(body: content.body, span: child.span, iterators: [iteratorName: iterator]))
      }
    }
    return found
  }

  struct SkippedSetting: Error {
    var message: String
  }

  /// `namespace`, `name`, `value` of one setting; the value's location is the literal it
  /// came from (a quoted string in this block, a `locals` entry, a default, a `.tfvars` line).
  func setting(
    _ body: HCLBody, blockSpan: Span, source: OptionSource, evaluator: inout HCLEvaluator
  ) -> Result<OptionSetting, SkippedSetting> {
    let blockLocation = Location(file: path, span: blockSpan)
    guard let namespaceAttribute = body.attribute("namespace"),
      let nameAttribute = body.attribute("name")
    else {
      return .failure(SkippedSetting(message: "a setting block without namespace or name"))
    }
    let namespace = evaluator.evaluate(namespaceAttribute.expression, in: path)
    let name = evaluator.evaluate(nameAttribute.expression, in: path)
    guard let namespaceText = namespace.settingText, let nameText = name.settingText else {
      let reason = namespace.unknownReason ?? name.unknownReason ?? "not a string"
      return .failure(
        SkippedSetting(message: "a setting whose namespace or name is unknown: \(reason)"))
    }
    let namespaceLocation =
      namespace.origin ?? Location(file: path, span: namespaceAttribute.expression.span)
    let keyLocation = name.origin ?? Location(file: path, span: nameAttribute.expression.span)
    guard let valueAttribute = body.attribute("value") else {
      return .success(
        OptionSetting(
          namespace: namespaceText, option: nameText, value: "", location: blockLocation,
          source: source, keyLocation: keyLocation, namespaceLocation: namespaceLocation))
    }
    let value = evaluator.evaluate(valueAttribute.expression, in: path)
    let written = Location(file: path, span: valueAttribute.expression.span)
    let text: String
    let kind: OptionValueKind
    if let rendered = value.settingText {
      (text, kind) = (rendered, .literal)
    } else if let reason = value.unknownReason {
      (text, kind) = (sourceText(valueAttribute.expression.span), .dynamic("Terraform: \(reason)"))
    } else if value.kind == .null {
      (text, kind) = ("", .literal)
    } else {
      (text, kind) = (sourceText(valueAttribute.expression.span), .structured)
    }
    return .success(
      OptionSetting(
        namespace: namespaceText, option: nameText, value: text,
        location: value.origin ?? written, source: source, keyLocation: keyLocation,
        namespaceLocation: namespaceLocation, kind: kind))
  }

  func sourceText(_ span: Span) -> String {
    let end = min(span.end, bytes.count)
    return String(decoding: bytes[min(span.start, end)..<end], as: UTF8.self)
  }
}
