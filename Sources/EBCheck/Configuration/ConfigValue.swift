import EBCheckCore
import EBCheckFormats

/// A configuration value with its line, the same whether it was written in `.ebcheck.yml`
/// (YAML) or under `[tool.ebcheck]` in `pyproject.toml` (TOML), so one reader checks both.
package struct ConfigValue: Sendable, Hashable {
  package enum Kind: Sendable, Hashable {
    /// A YAML scalar, or a TOML string.
    case text(String)
    case integer(Int)
    case boolean(Bool)
    case list([ConfigValue])
    case map([ConfigEntry])
    /// Anything else TOML allows (floats, date-times): never a valid ebcheck setting.
    case other(String)
  }

  package var kind: Kind
  package var line: Int

  package var text: String? {
    if case .text(let value) = kind { return value }
    return nil
  }

  package var entries: [ConfigEntry]? {
    if case .map(let entries) = kind { return entries }
    return nil
  }

  /// What it is, for messages.
  package var kindName: String {
    switch kind {
    case .text: "a string"
    case .integer: "an integer"
    case .boolean: "a boolean"
    case .list: "a list"
    case .map: "a table"
    case .other(let name): name
    }
  }
}

package struct ConfigEntry: Sendable, Hashable {
  package var key: String
  package var keyLine: Int
  package var value: ConfigValue
}

extension ConfigValue {
  /// A YAML document of `file`, lines from the file's index.
  package init(yaml node: YAMLNode, in file: SourceFile) {
    let line = file.location(of: node.span.start).line
    switch node.kind {
    case .scalar(let text, _):
      self.init(kind: .text(text), line: line)
    case .sequence(let items):
      self.init(kind: .list(items.map { ConfigValue(yaml: $0, in: file) }), line: line)
    case .mapping(let pairs):
      let entries = pairs.map { pair in
        ConfigEntry(
          key: pair.key.scalar ?? "", keyLine: file.location(of: pair.key.span.start).line,
          value: ConfigValue(yaml: pair.value, in: file))
      }
      self.init(kind: .map(entries), line: line)
    case .alias(let name):
      self.init(kind: .other("an unexpanded alias *\(name)"), line: line)
    }
  }

  /// A TOML value.
  package init(toml node: TOMLNode) {
    switch node.kind {
    case .string(let text): self.init(kind: .text(text), line: node.line)
    case .integer(let value): self.init(kind: .integer(value), line: node.line)
    case .boolean(let value): self.init(kind: .boolean(value), line: node.line)
    case .float, .dateTime: self.init(kind: .other(node.kindName), line: node.line)
    case .array(let items):
      self.init(kind: .list(items.map(ConfigValue.init(toml:))), line: node.line)
    case .table(let table): self.init(toml: table, line: node.line)
    }
  }

  package init(toml table: TOMLTable, line: Int) {
    let entries = table.keys.map { key in
      let value = ConfigValue(toml: table[key]!)
      return ConfigEntry(key: key, keyLine: value.line, value: value)
    }
    self.init(kind: .map(entries), line: line)
  }
}
