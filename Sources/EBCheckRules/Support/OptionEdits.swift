import EBCheckCore
import EBCheckModel

/// Edits that set one Beanstalk option: the value where a file already sets it, else a
/// new `.ebextensions` file holding just that option.
package enum OptionEdits {
  package static func set(
    _ namespace: String, _ option: String, to value: String, context: LintContext,
    configuration: BeanstalkConfiguration? = nil, fileName: String? = nil, newline: String = "\n"
  ) -> [Edit] {
    let configuration = configuration ?? context.beanstalk
    if let setting = configuration.effective(namespace, option) {
      return [valueEdit(at: setting.location, to: value, files: context.files)]
    }
    var name =
      ".ebextensions/" + (fileName ?? "ebcheck-\(option.lowercased().replacingSpaces()).config")
    if context.files[name] != nil {
      name = name.replacingSuffix(".config", with: "-ebcheck.config")
    }
    let text = "option_settings:\n  \(namespace):\n    \(option): \(yamlScalar(value))\n"
    return [.create(name, contents: text.withLineEndings(newline))]
  }

  /// Replaces the value written at `location` with `value`, in the file's own syntax: YAML
  /// configuration files take the text as it is; a quoted string in Terraform, a template or
  /// Python keeps its quotes (escaped), and a bare number or bool becomes a string there when
  /// the new value is not one.
  package static func valueEdit(at location: Location, to value: String, files: SourceFiles)
    -> Edit
  {
    guard let file = files[location.file],
      [.terraform, .infrastructureTemplate, .python].contains(file.kind)
    else { return Edit(file: location.file, span: location.span, replacement: value) }
    let written = file.text(location.span)
    if written.count >= 2, let quote = written.first, quote == "\"" || quote == "'",
      written.last == quote
    {
      let inner = Span(location.span.start + 1, location.span.end - 1)
      return Edit(
        file: location.file, span: inner,
        replacement: escaped(value, quote: quote, terraform: file.kind == .terraform))
    }
    let bare = Int(value) != nil || value == "true" || value == "false"
    let isYAML = file.kind == .infrastructureTemplate && !isJSON(file)
    let replacement: String
    if bare && !(written.hasPrefix("\"") || written.hasPrefix("'")) {
      replacement = isYAML ? "'\(value)'" : value
    } else if isYAML {
      replacement = yamlScalar(value)
    } else {
      replacement = "\"" + escaped(value, quote: "\"", terraform: file.kind == .terraform) + "\""
    }
    return Edit(file: location.file, span: location.span, replacement: replacement)
  }

  static func isJSON(_ file: SourceFile) -> Bool {
    let first = file.bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return first == UInt8(ascii: "{")
  }

  /// A string's text inside the given quotes (Terraform also escapes `${` and `%{`).
  static func escaped(_ value: String, quote: Character, terraform: Bool) -> String {
    var out = ""
    var previous: Character?
    for character in value {
      switch character {
      case "\\": out += "\\\\"
      case quote: out += "\\\(quote)"
      case "\n": out += "\\n"
      case "{" where terraform && (previous == "$" || previous == "%"):
        out.removeLast()
        out += "\(previous!)\(previous!){"
      default: out.append(character)
      }
      previous = character
    }
    return out
  }

  /// A YAML scalar for an option value: quoted where YAML would read it as something else.
  static func yamlScalar(_ value: String) -> String {
    value.contains(where: { ",:#".contains($0) }) || Int(value) != nil ? "\"\(value)\"" : value
  }
}

extension String {
  fileprivate func replacingSpaces() -> String {
    String(map { $0 == " " ? "-" : $0 })
  }

  fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
  }
}
