import EBCheckCore
import EBCheckModel
import EBCheckPython

extension DjangoSimulation {
  /// What running a view's code ended in: an answer to report as usual, or an outcome the
  /// run decided itself (the Host its `get_host()` validated).
  package enum ViewCodeResult {
    case answered(ViewAnswer)
    case finished(HopOutcome)
  }

  /// Runs the repository's view with the request Django built, each decided line a hop.
  package mutating func run(_ code: ViewCode, of view: ResolvedView) -> ViewCodeResult {
    let caller = MiddlewareEntry(path: view.name, location: code.location, kind: .hostChecking)
    let (answer, run) = code.answer(for: requestData(hostCheck: hostCheck(caller)))
    throttles += run.throttles
    for note in run.conditions where note.location.file != "" {
      let outcome = note.outcome.map { $0 ? "True" : "False" } ?? "undecided"
      hop("view", "\(Self.shortened(note.text)) → \(outcome)", at: note.location)
    }
    if case .raised("DisallowedHost", _, _) = run.outcome, let hostAt = run.hostCheckedAt {
      let checked = MiddlewareEntry(path: view.name, location: hostAt, kind: .hostChecking)
      if let outcome = validateHost(checked, detail: "get_host()") { return .finished(outcome) }
    } else if let hostAt = run.hostCheckedAt {
      hop("view", "get_host() → allowed", at: hostAt)
    }
    return .answered(answer)
  }
}
