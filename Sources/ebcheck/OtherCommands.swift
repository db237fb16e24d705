import ArgumentParser
import EBCheck
import EBCheckCore
import EBCheckRules

struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules", abstract: "List every rule.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Option(
    name: [.customLong("output-format"), .customLong("format")],
    help: "Output format: text or json.")
  var format: Format = .text

  func run() throws {
    let rules = RuleRegistry.all.map(\.description)
    switch format {
    case .text: print(RuleDocs.list(rules), terminator: "")
    case .json: print(RuleDocs.listJSON(rules), terminator: "")
    }
  }
}

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain", abstract: "Explain one rule: what it finds, why, and the fix.")

  @Argument(help: "A rule id such as HC001.") var id: String?

  @Flag(
    name: .customLong("example-project"),
    help: "Print the standard example project the rules' examples start from.")
  var exampleProject = false

  func validate() throws {
    guard (id == nil) == exampleProject else {
      throw ValidationError("give a rule id, or --example-project")
    }
  }

  func run() throws {
    if exampleProject {
      print(RuleDocs.standardProjectPlain(), terminator: "")
      return
    }
    let id = id ?? ""
    guard let rule = RuleRegistry.rule(id: id) else {
      throw UsageError("\(RuleSelectors.unknownMessage(id, noun: "rule"))")
    }
    print(RuleDocs.plain(rule.description), terminator: "")
  }
}

/// `make docs`: writes `docs/rules/*.md` and the README's rule table from the registry.
struct WriteDocsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "write-docs", abstract: "Regenerate docs/rules and the README rule table.",
    shouldDisplay: false)

  @Argument(help: "The ebcheck repository root.") var root: String = "."

  func run() throws {
    let rules = RuleRegistry.all.map(\.description)
    try OutputFile.makeDirectories(root + "/" + RuleDocs.folder)
    for file in RuleDocs.files(rules) {
      try OutputFile.write(file.contents, to: root + "/" + file.path)
    }
    let readmePath = root + "/README.md"
    guard let bytes = Workspace.readFile(readmePath) else {
      throw UsageError("\(readmePath): cannot read")
    }
    guard
      let readme = RuleDocs.updatingReadme(String(decoding: bytes, as: UTF8.self), rules: rules)
    else {
      throw UsageError(
        "\(readmePath): missing \(RuleDocs.tableBegin) / \(RuleDocs.tableEnd) markers")
    }
    try OutputFile.write(readme, to: readmePath)
  }
}
