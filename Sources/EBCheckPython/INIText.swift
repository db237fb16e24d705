/// An INI file as `configparser.ConfigParser.read` parses it with its defaults: `[section]`
/// headers, `key = value` or `key: value` (the first `=` or `:` splits; keys lowercased),
/// whole-line `#` and `;` comments, indented lines continuing the value before them, and
/// strict mode's refusal of a repeated section or key.
package struct INIText {
  package struct Section {
    package var name: String
    package var options: [(key: String, value: String)] = []

    package func value(_ key: String) -> String? { options.first { $0.key == key }?.value }
  }

  /// In file order; `DEFAULT` is kept apart, as configparser keeps it.
  package var sections: [Section] = []
  package var defaults = Section(name: "DEFAULT")

  /// The exception `read()` raises, with its 1-based line.
  package enum Failure: Error {
    case missingSectionHeader(line: Int)
    case duplicateSection(String, line: Int)
    case duplicateOption(String, line: Int)
    case parsing(line: Int)

    package var exception: String {
      switch self {
      case .missingSectionHeader: return "MissingSectionHeaderError"
      case .duplicateSection: return "DuplicateSectionError"
      case .duplicateOption: return "DuplicateOptionError"
      case .parsing: return "ParsingError"
      }
    }
  }

  package static func parse(_ text: String) -> Result<INIText, Failure> {
    var result = INIText()
    // The section being filled (-1: DEFAULT) and the key a continuation line extends.
    var current: Int? = nil
    var lastKey: String?
    var lastIndent = 0
    var pendingBlank = 0
    // Keys seen per section (-1: DEFAULT): strict mode's duplicate test without a scan.
    var seenKeys: [Int: Set<String>] = [:]
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, rawLine) in lines.enumerated() {
      let number = index + 1
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      let stripped = line.trimmingCharacters(in: [" ", "\t"])
      let indent = line.prefix { $0 == " " || $0 == "\t" }.count
      if stripped.hasPrefix("#") || stripped.hasPrefix(";") { continue }
      if stripped.isEmpty {
        if lastKey != nil { pendingBlank += 1 }
        continue
      }
      if let key = lastKey, let section = current, indent > lastIndent {
        // A continuation: blank lines before it stay in the value.
        let addition = String(repeating: "\n", count: pendingBlank + 1) + stripped
        result.append(to: section, key: key, addition)
        pendingBlank = 0
        continue
      }
      pendingBlank = 0
      if stripped.hasPrefix("["), stripped.hasSuffix("]") {
        let name = String(stripped.dropFirst().dropLast())
        lastKey = nil
        if name == "DEFAULT" {
          current = -1
          continue
        }
        if result.sections.contains(where: { $0.name == name }) {
          return .failure(.duplicateSection(name, line: number))
        }
        result.sections.append(Section(name: name))
        current = result.sections.count - 1
        continue
      }
      guard let section = current else { return .failure(.missingSectionHeader(line: number)) }
      guard let split = stripped.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
        return .failure(.parsing(line: number))
      }
      let key = stripped[..<split].trimmingCharacters(in: [" ", "\t"]).lowercased()
      let value = stripped[stripped.index(after: split)...].trimmingCharacters(in: [" ", "\t"])
      guard !key.isEmpty else { return .failure(.parsing(line: number)) }
      guard seenKeys[section, default: []].insert(key).inserted else {
        return .failure(.duplicateOption(key, line: number))
      }
      result.set(section, key: key, value)
      lastKey = key
      lastIndent = indent
    }
    return .success(result)
  }

  package func section(_ index: Int) -> Section { index < 0 ? defaults : sections[index] }

  package mutating func set(_ index: Int, key: String, _ value: String) {
    if index < 0 {
      defaults.options.append((key, value))
    } else {
      sections[index].options.append((key, value))
    }
  }

  package mutating func append(to index: Int, key: String, _ addition: String) {
    func extend(_ section: inout Section) {
      guard let position = section.options.firstIndex(where: { $0.key == key }) else { return }
      section.options[position].value += addition
    }
    if index < 0 { extend(&defaults) } else { extend(&sections[index]) }
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
    guard let first = firstIndex(where: { !set.contains($0) }) else { return "" }
    let last = lastIndex(where: { !set.contains($0) })!
    return String(self[first...last])
  }
}
