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
      // Empty when the value is computed in code (an edit there would change its meaning).
      return valueEdit(at: setting.location, to: value, files: context.files).map { [$0] } ?? []
    }
    let first =
      ".ebextensions/" + (fileName ?? "ebcheck-\(option.lowercased().replacingSpaces()).config")
    // A new file never takes the name of one that exists, read or not.
    let names =
      [first, first.replacingSuffix(".config", with: "-ebcheck.config")]
      + (2...9).map { first.replacingSuffix(".config", with: "-ebcheck-\($0).config") }
    guard let name = names.first(where: { !context.files.isOccupied($0) }) else { return [] }
    let text = "option_settings:\n  \(namespace):\n    \(option): \(yamlScalar(value))\n"
    return [.create(name, contents: text.withLineEndings(newline))]
  }

  /// Points a check at `path` through the option that decides it (the model's `pathOption`):
  /// its value where a file sets it (a classic `Target` keeps its `PROTOCOL:PORT`), else a
  /// new `.ebextensions/health-check.config`.
  package static func setHealthPath(
    of check: ProcessCheck, to path: String, context: LintContext,
    configuration: BeanstalkConfiguration, newline: String = "\n"
  ) -> [Edit] {
    guard let option = check.pathOption else { return [] }
    var value = path
    if option.option == "Target", let target = option.value,
      let parsed = ClassicHealthCheck.parse(target)
    {
      value = "\(parsed.protocol == "HTTPS" ? "HTTPS" : "HTTP"):\(parsed.port)\(path)"
    }
    if let location = option.location {
      // Empty when the value is computed in code (an edit there would change its meaning).
      return valueEdit(at: location, to: value, files: context.files).map { [$0] } ?? []
    }
    return set(
      option.namespace, option.option, to: value, context: context, configuration: configuration,
      fileName: "health-check.config", newline: newline)
  }

  /// Replaces the value written at `location` with `value`, in the file's own syntax: YAML
  /// configuration files take the text as it is; a quoted string in Terraform, a template or
  /// Python keeps its quotes (escaped), and a bare number or bool becomes a string there when
  /// the new value is not one. nil when infrastructure code computes the value there (a
  /// name, an interpolation): replacing it would change what it means.
  package static func valueEdit(at location: Location, to value: String, files: SourceFiles)
    -> Edit?
  {
    guard let file = files[location.file],
      [.terraform, .infrastructureTemplate, .python].contains(file.kind)
    else { return Edit(file: location.file, span: location.span, replacement: value) }
    let written = file.text(location.span)
    guard isLiteral(written, in: file) else { return nil }
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

  /// A quoted string without interpolation, a number or a bool, as written.
  static func isLiteral(_ written: String, in file: SourceFile) -> Bool {
    if let quote = written.first, quote == "\"" || quote == "'" {
      guard written.count >= 2, written.last == quote else { return false }
      let inner = written.dropFirst().dropLast()
      if file.kind == .terraform, inner.contains("${") || inner.contains("%{") { return false }
      return !(file.kind == .python && inner.contains(quote))
    }
    if Double(written) != nil { return true }
    if ["true", "false", "True", "False"].contains(written) { return true }
    // A plain YAML scalar in a template.
    return file.kind == .infrastructureTemplate && !isJSON(file)
      && !written.contains(where: { "!&*{}[]\n".contains($0) })
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
