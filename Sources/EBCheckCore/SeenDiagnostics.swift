/// Which findings were met already, answering as a `Set<Diagnostic>` does (equal findings are
/// one), without hashing each finding whole: a `Set` hashes every message, related place,
/// fix and trace hop, while findings that differ nearly always differ in rule or place. Those
/// two are hashed; findings sharing them are compared.
package struct SeenDiagnostics {
  private struct Key: Hashable {
    var rule: String
    var location: Location
  }

  private var buckets: [Key: [Diagnostic]] = [:]

  package init() {}

  /// Records `diagnostic`; false when an equal one was recorded before.
  package mutating func insert(_ diagnostic: Diagnostic) -> Bool {
    let key = Key(rule: diagnostic.rule, location: diagnostic.location)
    if buckets[key]?.contains(diagnostic) == true { return false }
    buckets[key, default: []].append(diagnostic)
    return true
  }
}
