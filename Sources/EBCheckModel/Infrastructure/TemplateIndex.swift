import EBCheckFormats

/// Finds the configuration template an environment names, as `InfrastructureCatalog.link`
/// defines it: the first template of the same tool whose resource or name is the reference,
/// or whose resource ends with `.` and the reference. Thousands of environments each used to
/// scan every template; where every name is ASCII (one Character per byte, no other canonical
/// form) the answer is looked up by the reference's bytes instead, else the scan is kept.
package struct TemplateIndex {
  package let templates: [InfrastructureDefinition]
  /// The first template each (tool, reference) finds; nil when some name is not ASCII.
  private let first: [Key: Int]?

  private struct Key: Hashable {
    var tool: InfrastructureTool
    var reference: String
  }

  package init(_ templates: [InfrastructureDefinition]) {
    self.templates = templates
    var first: [Key: Int]? = [:]
    for (position, template) in templates.enumerated() {
      guard Self.isASCII(template.resource), template.name.map(Self.isASCII) ?? true else {
        first = nil
        break
      }
      var references = [template.resource]
      if let name = template.name { references.append(name) }
      let bytes = Array(template.resource.utf8)
      for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: ".") {
        references.append(String(decoding: bytes[(offset + 1)...], as: UTF8.self))
      }
      for reference in references {
        let key = Key(tool: template.tool, reference: reference)
        if first?[key] == nil { first?[key] = position }
      }
    }
    self.first = first
  }

  /// The position in `templates` of the template `reference` names for `tool`.
  package func position(of reference: String, tool: InfrastructureTool) -> Int? {
    if let first, Self.isASCII(reference) {
      return first[Key(tool: tool, reference: reference)]
    }
    return templates.indices.first { Self.matches(templates[$0], reference, tool) }
  }

  /// The definition the index stands in for (`ByteFastPathTests` compares the two).
  package static func matches(
    _ template: InfrastructureDefinition, _ reference: String, _ tool: InfrastructureTool
  ) -> Bool {
    template.tool == tool
      && (template.resource == reference || template.name == reference
        || template.resource.hasSuffix("." + reference))
  }

  private static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }
}
