import EBCheckCore
import EBCheckRules

/// The rule ids and prefixes users write in `--select`, `--ignore`, configuration files and
/// suppression comments. An unknown one is a mistake to report, never a silent no-op: a
/// misspelled `select` would otherwise turn every run green.
public enum RuleSelectors {
  /// Selects every rule (as in ruff).
  public static let all = "ALL"

  /// Every id a finding can carry: the registered rules (discovery's problems included).
  public static var knownIDs: [String] { RuleRegistry.all.map(\.id) }

  /// Whether `selector` (an id or a prefix such as `HC` or `HC00`, any case) names a rule.
  public static func isKnown(_ selector: String) -> Bool {
    let upper = selector.uppercased()
    guard !upper.isEmpty else { return false }
    return upper == all || knownIDs.contains { $0.hasPrefix(upper) }
  }

  /// Whether `id` is exactly the id of a rule (suppressions name whole ids).
  public static func isKnownID(_ id: String) -> Bool {
    knownIDs.contains(id.uppercased())
  }

  /// `unknown rule selector 'XX999' (did you mean 'EB009'?)`, for an unknown selector.
  public static func unknownMessage(_ selector: String, noun: String = "rule selector") -> String {
    "unknown \(noun) '\(selector)' (\(hint(for: selector)))"
  }

  /// The closest id or family, else the families, and where the full list is.
  public static func hint(for selector: String) -> String {
    let upper = selector.uppercased()
    let families = familyPrefixes
    if let close = BeanstalkRuleSupport.suggestion(
      for: upper, among: knownIDs + families, limit: 2)
    {
      return "did you mean '\(close)'? `ebcheck rules` lists every rule"
    }
    return
      "did you mean one of \(families.joined(separator: ", "))? `ebcheck rules` lists every rule"
  }

  /// The letter prefixes of the ids (`HC`, `DJ`, `EB`, ...), in registry order.
  public static var familyPrefixes: [String] {
    var seen: [String] = []
    for id in knownIDs {
      let letters = String(id.prefix { $0.isLetter })
      if !seen.contains(letters) { seen.append(letters) }
    }
    return seen
  }

  /// Throws a usage error for the first unknown selector; `origin` says where it was written
  /// (`--select`, `.ebcheck.yml:3`).
  public static func validate(_ selectors: [String], origin: String) throws(UsageError) {
    for selector in selectors where !isKnown(selector) {
      throw UsageError("\(origin): \(unknownMessage(selector))")
    }
  }
}
