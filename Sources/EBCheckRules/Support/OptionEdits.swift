import EBCheckCore

/// Edits that set one Beanstalk option: the value where a file already sets it, else a
/// new `.ebextensions` file holding just that option.
package enum OptionEdits {
  package static func set(
    _ namespace: String, _ option: String, to value: String, context: LintContext,
    fileName: String? = nil, newline: String = "\n"
  ) -> [Edit] {
    if let setting = context.beanstalk.effective(namespace, option) {
      return [Edit(file: setting.location.file, span: setting.location.span, replacement: value)]
    }
    let first =
      ".ebextensions/" + (fileName ?? "ebcheck-\(option.lowercased().replacingSpaces()).config")
    // A new file never takes the name of one that exists, read or not.
    let names =
      [first, first.replacingSuffix(".config", with: "-ebcheck.config")]
      + (2...9).map { first.replacingSuffix(".config", with: "-ebcheck-\($0).config") }
    guard let name = names.first(where: { !context.files.isOccupied($0) }) else { return [] }
    let quoted =
      value.contains(where: { ",:#".contains($0) }) || Int(value) != nil ? "\"\(value)\"" : value
    let text = "option_settings:\n  \(namespace):\n    \(option): \(quoted)\n"
    return [.create(name, contents: text.withLineEndings(newline))]
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
