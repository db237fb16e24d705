import EBCheckCore

/// Renders the documentation of the rules from their `RuleDescription`s, so the docs in
/// `docs/rules/`, the README's rule table and `ebcheck explain` can never drift from the code.
///
/// Every function is pure: the same descriptions always give the same text.
public enum RuleDocs {
  /// Where the per-rule pages live, relative to the repository root.
  public static let folder = "docs/rules"
  /// The markers around the generated rule table in `README.md`.
  public static let tableBegin = "<!-- rules:begin -->"
  public static let tableEnd = "<!-- rules:end -->"

  /// Every generated documentation file: relative path → contents.
  public static func files(_ rules: [RuleDescription]) -> [(path: String, contents: String)] {
    var files = rules.map { (path: "\(folder)/\($0.id).md", contents: markdown($0)) }
    files.append((path: "\(folder)/README.md", contents: index(rules)))
    return files
  }

  // MARK: Markdown

  /// The Markdown page of one rule.
  public static func markdown(_ rule: RuleDescription) -> String {
    var out = "# \(rule.id): \(rule.name)\n\n"
    out +=
      "<!-- Generated from the rule's description in Sources/EBCheckRules by `make docs`. -->\n\n"
    out += "- **Severity:** \(rule.severity.rawValue)\n"
    out += "- **Fixable:** \(rule.fixableText)\n\n"
    out += "## What it finds\n\n\(rule.summary)\n\n"
    out += "## Why it breaks the health check\n\n\(rule.rationale)\n\n"
    out += "## How to fix it\n\n\(rule.fix)\n\n"
    if usesStandardProject(rule) {
      out +=
        ExampleView.intro.replacingOccurrences(
          "standard example project",
          "[standard example project](README.md#the-standard-example-project)")
        + "\n\n"
    }
    out += markdownExamples(rule.triggering, title: "Triggers on", id: rule.id)
    out += markdownExamples(rule.nonTriggering, title: "Does not trigger on", id: rule.id)
    if !rule.references.isEmpty {
      out += "## References\n\n"
      for reference in rule.references { out += "- <\(reference)>\n" }
      out += "\n"
    }
    out += "[All rules](README.md)\n"
    return out
  }

  package static func markdownExamples(_ examples: [RuleExample], title: String, id: String)
    -> String
  {
    guard !examples.isEmpty else { return "" }
    var out = "## \(title)\n\n"
    for (number, example) in examples.enumerated() {
      out += "### Example \(number + 1)\n\n"
      if !example.env.isEmpty {
        out += "Assuming the environment "
        out += example.env.sorted { $0.key < $1.key }.map { "`\($0.key)=\($0.value)`" }
          .joined(separator: ", ")
        out += ":\n\n"
      }
      let (parts, note) = ExampleView.parts(example)
      for part in parts {
        switch part {
        case .empty(let path):
          out += "`\(path)` (empty)\n\n"
        case .whole(let path, let text), .addition(let path, let text):
          let (shown, crlf) = normalized(text)
          let fence = self.fence(for: shown)
          let after = if case .addition = part { ", after the standard lines" } else { "" }
          out += "`\(path)`\(after)\(crlf ? " (CRLF line endings)" : ""):\n\n"
          out += fence + language(of: path) + "\n" + shown + fence + "\n\n"
        }
      }
      if let note { out += "(\(note.prefix(1).uppercased() + note.dropFirst()).)\n\n" }
    }
    return out
  }

  /// The standard example project, once, for the index page and `explain --example-project`.
  public static func standardProjectMarkdown() -> String {
    var out = "## The standard example project\n\n" + ExampleView.intro + "\n\n"
    for path in ExampleView.standard.keys.sorted() {
      let text = ExampleView.standard[path]!
      guard !text.isEmpty else {
        out += "`\(path)` (empty)\n\n"
        continue
      }
      let (shown, _) = normalized(text)
      let fence = self.fence(for: shown)
      out += "`\(path)`:\n\n" + fence + language(of: path) + "\n" + shown + fence + "\n\n"
    }
    return out
  }

  public static func standardProjectPlain() -> String {
    var out = "The standard example project\n"
    out += wrap(ExampleView.intro, width: plainWidth, indent: "  ")
    for path in ExampleView.standard.keys.sorted() {
      let text = ExampleView.standard[path]!
      guard !text.isEmpty else {
        out += "    --- \(path) (empty)\n"
        continue
      }
      out += "    --- \(path)\n" + indent(normalized(text).text, by: "    | ")
    }
    return out
  }

  /// The `docs/rules/README.md` index: one row per rule, linking to its page.
  public static func index(_ rules: [RuleDescription]) -> String {
    var out = "# Rules\n\n"
    out += "<!-- Generated from the rules' descriptions by `make docs`. -->\n\n"
    out += "Every rule ebcheck runs, in the order `ebcheck rules` lists them. "
    out += "`ebcheck explain ID` prints the same page in a terminal.\n\n"
    out += table(rules, link: { "\($0.id).md" })
    out += "\n" + standardProjectMarkdown()
    return out.hasSuffix("\n\n") ? String(out.dropLast()) : out
  }

  /// The rule table for the README, linking to `docs/rules/<ID>.md`.
  public static func readmeTable(_ rules: [RuleDescription]) -> String {
    table(rules, link: { "\(folder)/\($0.id).md" })
  }

  package static func table(_ rules: [RuleDescription], link: (RuleDescription) -> String) -> String
  {
    var out = "| id | severity | fixable | finds |\n|---|---|---|---|\n"
    for rule in rules {
      out += "| [\(rule.id)](\(link(rule))) | \(rule.severity.rawValue) | "
      out +=
        "\(rule.fixable ? (rule.fixIsUnsafe ? "unsafe" : "yes") : "") | \(cell(rule.summary)) |\n"
    }
    return out
  }

  /// `readme` with the text between the rule markers replaced by the generated table;
  /// nil when the markers are missing or out of order.
  public static func updatingReadme(_ readme: String, rules: [RuleDescription]) -> String? {
    guard let begin = readme.firstRange(of: tableBegin),
      let end = readme[begin.upperBound...].firstRange(of: tableEnd)
    else { return nil }
    return String(readme[..<begin.upperBound]) + "\n" + readmeTable(rules)
      + String(readme[end.lowerBound...])
  }

  /// Whether an example of the rule leaves out part of the standard project.
  package static func usesStandardProject(_ rule: RuleDescription) -> Bool {
    (rule.triggering + rule.nonTriggering).contains { ExampleView.parts($0).note != nil }
  }

  // MARK: Plain text

  /// The page of one rule for a terminal (`ebcheck explain`): the same content, no Markdown.
  public static func plain(_ rule: RuleDescription) -> String {
    let title = "\(rule.id): \(rule.name)"
    var out = title + "\n" + String(repeating: "=", count: title.count) + "\n\n"
    out += "Severity: \(rule.severity.rawValue)\n"
    out += "Fixable:  \(rule.fixableText)\n\n"
    out += section("What it finds", rule.summary)
    out += section("Why it breaks the health check", rule.rationale)
    out += section("How to fix it", rule.fix)
    if usesStandardProject(rule) {
      out +=
        wrap(
          ExampleView.intro + " `ebcheck explain --example-project` prints it.", width: plainWidth,
          indent: "") + "\n"
    }
    out += plainExamples(rule.triggering, title: "Triggers on")
    out += plainExamples(rule.nonTriggering, title: "Does not trigger on")
    if !rule.references.isEmpty {
      out += "References\n"
      for reference in rule.references { out += "  \(reference)\n" }
    }
    return out
  }

  /// Prose in a terminal is wrapped to this many columns.
  public static let plainWidth = 80

  package static func section(_ title: String, _ text: String) -> String {
    "\(title)\n" + wrap(text, width: plainWidth, indent: "  ") + "\n"
  }

  /// Words of `text` on lines of at most `width` columns (a longer word gets its own line),
  /// each line starting with `indent`; existing line breaks start a new line.
  package static func wrap(_ text: String, width: Int, indent: String) -> String {
    var out = ""
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = indent
      for word in paragraph.split(separator: " ") {
        if line.count > indent.count, line.count + 1 + word.count > width {
          out += line + "\n"
          line = indent
        }
        line += (line.count > indent.count ? " " : "") + word
      }
      out += (line == indent ? "" : line) + "\n"
    }
    return out
  }

  package static func plainExamples(_ examples: [RuleExample], title: String) -> String {
    guard !examples.isEmpty else { return "" }
    var out = "\(title)\n"
    for (number, example) in examples.enumerated() {
      out += "  Example \(number + 1)"
      if !example.env.isEmpty {
        out += " (assuming "
        out += example.env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
          .joined(separator: ", ")
        out += ")"
      }
      out += "\n"
      let (parts, note) = ExampleView.parts(example)
      for part in parts {
        switch part {
        case .empty(let path):
          out += "    --- \(path) (empty)\n"
        case .whole(let path, let text), .addition(let path, let text):
          let (shown, crlf) = normalized(text)
          let after = if case .addition = part { ", after the standard lines" } else { "" }
          out += "    --- \(path)\(after)\(crlf ? " (CRLF line endings)" : "")\n"
          out += indent(shown, by: "    | ")
        }
      }
      if let note { out += "    (\(note))\n" }
    }
    return out + "\n"
  }

  // MARK: Listing

  /// `ebcheck rules`: one line per rule, columns aligned.
  public static func list(_ rules: [RuleDescription]) -> String {
    let nameWidth = rules.map(\.name.count).max() ?? 0
    let severityWidth = Severity.allCases.map(\.rawValue.count).max() ?? 0
    var out = ""
    for rule in rules {
      out += rule.id.padded(to: 6) + " " + rule.severity.rawValue.padded(to: severityWidth) + "  "
      out += rule.name.padded(to: nameWidth) + "  " + rule.summary + "\n"
    }
    return out
  }

  /// `ebcheck rules --format json`: `[{"id","name","severity","summary","fixable"}]`.
  public static func listJSON(_ rules: [RuleDescription]) -> String {
    JSONValue.array(
      rules.map { rule in
        .object([
          ("id", .string(rule.id)),
          ("name", .string(rule.name)),
          ("severity", .string(rule.severity.rawValue)),
          ("summary", .string(rule.summary)),
          ("fixable", .bool(rule.fixable)),
        ])
      }
    ).prettyPrinted()
  }

  // MARK: Helpers

  /// Text with LF line endings and a final newline, and whether it had CRLF.
  package static func normalized(_ text: String) -> (text: String, crlf: Bool) {
    let crlf = text.contains("\r\n")
    var lines = text.replacing("\r\n", with: "\n")
    if !lines.hasSuffix("\n") { lines += "\n" }
    return (lines, crlf)
  }

  /// A backtick fence longer than any backtick run in the text.
  package static func fence(for text: String) -> String {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    return String(repeating: "`", count: max(3, longest + 1))
  }

  package static func language(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if name.hasSuffix(".py") { return "python" }
    if name.hasSuffix(".json") { return "json" }
    if name.hasSuffix(".yml") || name.hasSuffix(".yaml") { return "yaml" }
    if path.hasPrefix(".ebextensions/") || path.contains("/.ebextensions/") {
      return "yaml"
    }
    if name.hasSuffix(".conf") { return "nginx" }
    if name == "Dockerfile" { return "dockerfile" }
    return ""
  }

  /// A table cell: no line breaks, pipes escaped.
  package static func cell(_ text: String) -> String {
    text.replacing("\n", with: " ").replacing("|", with: "\\|")
  }

  package static func indent(_ text: String, by prefix: String) -> String {
    var out = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(
      text.hasSuffix("\n") ? 1 : 0)
    {
      out += line.isEmpty ? prefix.trimmingTrailingSpaces() : prefix + line
      out += "\n"
    }
    return out
  }
}

extension String {
  fileprivate func padded(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }

  fileprivate func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
