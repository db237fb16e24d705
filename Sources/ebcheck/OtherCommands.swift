import ArgumentParser
import EBCheck

struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules", abstract: "List every rule.")

  @Option(help: "Output format: text or json.") var format: String = "text"

  func run() throws {
    for rule in RuleRegistry.all {
      let description = rule.description
      print("\(description.id)  \(description.severity.rawValue)  \(description.summary)")
    }
  }
}

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain", abstract: "Explain one rule: what it finds, why, and the fix.")

  @Argument(help: "A rule id such as HC001.") var id: String

  func run() throws {
    guard let rule = RuleRegistry.rule(id: id) else {
      throw UsageError("unknown rule '\(id)'; `ebcheck rules` lists them")
    }
    let description = rule.description
    print("\(description.id) \(description.name) (\(description.severity.rawValue))\n")
    print(description.summary + "\n")
    print(description.rationale + "\n")
    print("Fix: " + description.fix)
  }
}
