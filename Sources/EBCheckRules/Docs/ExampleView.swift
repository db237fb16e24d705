import EBCheckCore

/// What an example shows: only what differs from the standard example project (a small
/// `startproject` layout every example starts from), so pages do not repeat it.
package enum ExampleView {
  /// One file of an example, as shown.
  package enum Part: Equatable {
    case empty(path: String)
    case whole(path: String, text: String)
    /// The lines an example adds after the standard file's own.
    case addition(path: String, text: String)
  }

  /// The standard example project: `ExampleRepo.django` with no extra settings.
  package static let standard: [String: String] = ExampleRepo.django(settings: "").files

  package static let intro =
    "Examples show only what differs from the standard example project (a small `django-admin startproject mysite` layout deployed with a health-check path of /health/)."

  /// The parts to show, and a note about the standard files left out (nil when none).
  package static func parts(_ example: RuleExample) -> (parts: [Part], note: String?) {
    var parts: [Part] = []
    var omitted: [String] = []
    for path in example.files.keys.sorted() {
      let text = example.files[path]!
      if let base = standard[path], text == base {
        omitted.append(path)
      } else if let base = standard[path], !base.isEmpty, text.hasPrefix(base) {
        parts.append(.addition(path: path, text: String(text.dropFirst(base.count))))
      } else if text.isEmpty {
        parts.append(.empty(path: path))
      } else {
        parts.append(.whole(path: path, text: text))
      }
    }
    guard !omitted.isEmpty else { return (parts, nil) }
    let missing = standard.keys.filter { example.files[$0] == nil }
    let note =
      missing.isEmpty
      ? "the other files are the standard project's"
      : "also the standard " + omitted.joined(separator: ", ")
    return (parts, note)
  }
}
