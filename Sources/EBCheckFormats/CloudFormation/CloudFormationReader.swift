import EBCheckCore

/// Reads CloudFormation templates (YAML with short-form tags, or JSON): the `OptionSettings`
/// of each `AWS::ElasticBeanstalk::Environment` and `AWS::ElasticBeanstalk::ConfigurationTemplate`.
public enum CloudFormationReader {
  public static let environmentType = "AWS::ElasticBeanstalk::Environment"
  public static let templateType = "AWS::ElasticBeanstalk::ConfigurationTemplate"
  static let marker = Array("AWS::ElasticBeanstalk::".utf8)

  public static func read(_ files: [SourceFile], limits: YAMLLimits = YAMLLimits())
    -> InfrastructureRead
  {
    var result = InfrastructureRead()
    var templates = 0
    for file in files where contains(file.bytes, marker) {
      let yaml = YAMLLoader.load(file, limits: limits)
      guard let root = yaml.root, isTemplate(root) else {
        // Unreadable, and it says it is a template: worth a finding.
        if yaml.failed, looksLikeTemplate(file.bytes) {
          result.diagnostics += yaml.diagnostics.filter { $0.severity == .error }.prefix(1)
        }
        continue
      }
      templates += 1
      result.diagnostics += yaml.diagnostics.filter { $0.severity == .error }.prefix(1)
      result.definitions += definitions(root, file: file)
    }
    result.filesRead[.cloudFormation] = templates
    return result
  }

  /// A template has `AWSTemplateFormatVersion`, or `Resources` whose entries have an
  /// `AWS::…` type.
  public static func isTemplate(_ root: YAMLNode) -> Bool {
    guard root.mapping != nil else { return false }
    if root["AWSTemplateFormatVersion"] != nil { return true }
    guard let resources = root["Resources"]?.mergedMapping else { return false }
    return resources.contains { $0.value["Type"]?.scalar?.hasPrefix("AWS::") == true }
  }

  static func looksLikeTemplate(_ bytes: [UInt8]) -> Bool {
    contains(bytes, Array("AWSTemplateFormatVersion".utf8))
      || contains(bytes, Array("Resources".utf8))
  }

  static func definitions(_ root: YAMLNode, file: SourceFile) -> [InfrastructureDefinition] {
    var evaluator = CloudFormationEvaluator(template: root)
    var found: [InfrastructureDefinition] = []
    for pair in root["Resources"]?.mergedMapping ?? [] {
      guard let logicalID = pair.key.scalar, let type = pair.value["Type"]?.scalar,
        type == environmentType || type == templateType
      else { continue }
      if let condition = pair.value["Condition"]?.scalar, evaluator.condition(condition) == false {
        continue  // the stack never creates it
      }
      let kind: InfrastructureResourceKind =
        type == environmentType ? .environment : .configurationTemplate
      var definition = InfrastructureDefinition(
        tool: .cloudFormation, kind: kind, resource: logicalID,
        location: Location(file: file.path, span: pair.key.span))
      let properties = pair.value["Properties"]
      if let name = properties?["EnvironmentName"] {
        definition.name = evaluator.evaluate(name).text
      }
      for key in ["SolutionStackName", "PlatformArn"] {
        guard let node = properties?[key], let text = evaluator.evaluate(node).text else {
          continue
        }
        definition.platform = Sourced(
          text, at: Location(file: file.path, span: node.span), origin: key)
        break
      }
      if let template = properties?["TemplateName"] {
        if template.cloudFormationFunction == "Ref" {
          definition.templateReference = evaluator.argument(of: template).scalar
        } else {
          definition.templateReference = evaluator.evaluate(template).text
        }
      }
      if let settings = properties?["OptionSettings"] {
        let source = OptionSource.infrastructure(.cloudFormation, kind, file.path)
        let (read, notes) = optionSettings(
          settings, evaluator: &evaluator, source: source, file: file)
        definition.settings = read
        definition.notes = notes
      }
      found.append(definition)
    }
    return found
  }

  /// `OptionSettings`: a list of `{Namespace, OptionName, Value}` (entries may be `Fn::If`).
  static func optionSettings(
    _ node: YAMLNode, evaluator: inout CloudFormationEvaluator, source: OptionSource,
    file: SourceFile
  ) -> ([OptionSetting], [String]) {
    // Each entry with the node it was written as, to locate values that are computed.
    var entries: [(CloudFormationValue, YAMLNode)] = []
    if let written = node.sequence, node.cloudFormationFunction == nil {
      for element in written {
        let value = evaluator.evaluate(element)
        if value.kind != .noValue { entries.append((value, element)) }
      }
    } else {
      let list = evaluator.evaluate(node)
      guard let items = list.list else {
        return ([], ["OptionSettings is not a list: \(list.unknownReason ?? "a map or a string")"])
      }
      entries = items.map { ($0, node) }
    }
    var settings: [OptionSetting] = []
    var notes: [String] = []
    for (item, entryNode) in entries {
      guard let namespace = item["Namespace"]?.text, let option = item["OptionName"]?.text else {
        notes.append("an OptionSettings entry without a known Namespace and OptionName")
        continue
      }
      let here = { (span: Span?) in Location(file: file.path, span: span ?? entryNode.span) }
      let namespaceSpan = item["Namespace"]?.origin ?? entryNode["Namespace"]?.span
      let keySpan = item["OptionName"]?.origin ?? entryNode["OptionName"]?.span
      let valueNode = entryNode["Value"]
      var text = ""
      var kind = OptionValueKind.literal
      var location = here(valueNode?.span)
      if let value = item["Value"] {
        switch value.kind {
        case .text(let rendered):
          text = rendered
          if let origin = value.origin { location = here(origin) }
        case .unknown(let reason):
          text = valueNode.map { file.text($0.span) } ?? ""
          kind = .dynamic("CloudFormation: \(reason)")
        case .list, .map:
          text = valueNode.map { file.text($0.span) } ?? ""
          kind = .structured
        case .noValue:
          break
        }
      }
      settings.append(
        OptionSetting(
          namespace: namespace, option: option, value: text, location: location, source: source,
          keyLocation: here(keySpan), namespaceLocation: here(namespaceSpan), kind: kind,
          style: valueNode?.style))
    }
    return (settings, notes)
  }

  static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= bytes.count else { return false }
    var index = 0
    let last = bytes.count - needle.count
    while index <= last {
      if bytes[index] == first {
        var matched = true
        for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
          matched = false
          break
        }
        if matched { return true }
      }
      index += 1
    }
    return false
  }
}
