import EBCheckCore
import EBCheckModel
import EBCheckRules
import EBCheckSimulation

/// An application folder that a deploy script assembles into a bundle (copying a stage's
/// `Dockerrun.aws.json` or `.ebextensions` into place) is linted once per bundle it can
/// assemble. A finding every bundle gives is reported once; one that only some give states
/// their conditions; each health check is the answers of all of them, each with its
/// condition.
extension Linter {
  package static func lintBundles(
    _ files: SourceFiles, options: LintOptions, rules: [any Rule],
    infrastructure: InfrastructureCatalog?
  ) -> LintResult? {
    guard !files.bundleCandidates.isEmpty else { return nil }
    var base = files
    base.bundleCandidates = []
    // A copy the lint set holds is read as it is now (after a fix edited it).
    let candidates = files.bundleCandidates.map { candidate in
      var current = candidate
      current.copies = candidate.copies.map { copy in
        var copy = copy
        copy.file = files[copy.file.path] ?? copy.file
        return copy
      }
      return current
    }
    let lintBundle = { (bundle: SourceFiles, candidate: BundleCandidate) -> LintResult in
      let result = lintApplication(
        bundle.overlaid(candidate), options: options, rules: rules, infrastructure: infrastructure)
      let back = { (path: String) in candidate.sourcePath(path) }
      return LintResult(
        files: files, diagnostics: result.diagnostics.map { $0.mappingPaths(back) },
        predictions: result.predictions.map { $0.mappingPaths(back) })
    }
    let results = candidates.map { lintBundle(base, $0) }
    // A fix edits only files the lint holds (not a copy the bundle rules leave out), and a
    // fix for the findings of some bundles must not break the others: it is tried on them.
    let harmless = { (fix: Fix, holders: [Int]) -> Bool in
      guard fix.edits.allSatisfy({ base[$0.file] != nil || $0.createsFile }) else { return false }
      var patched = base
      for (path, edits) in Dictionary(grouping: fix.edits, by: \.file) {
        let before = base[path]?.bytes ?? []
        let after = EditApplier.apply(edits, to: before)
        patched.insert(base[path]?.replacingBytes(after) ?? SourceFile(path: path, bytes: after))
      }
      for index in candidates.indices where !holders.contains(index) {
        let before = results[index].predictions.map(\.healthy)
        let after = lintBundle(patched, candidates[index]).predictions.map(\.healthy)
        guard after.count == before.count else { return false }
        for (was, now) in zip(before, after) where was == true && now != true { return false }
      }
      return true
    }
    return LintResult(
      files: files.withBundleSources,
      diagnostics: diagnostics(results, candidates, harmless: harmless),
      predictions: predictions(results, candidates))
  }

  /// Each finding once; one that not every bundle gives names the bundles that give it.
  static func diagnostics(
    _ results: [LintResult], _ candidates: [BundleCandidate],
    harmless: @escaping (Fix, [Int]) -> Bool
  ) -> [Diagnostic] {
    var order: [Diagnostic] = []
    var holders: [Diagnostic: [Int]] = [:]
    for (index, result) in results.enumerated() {
      for diagnostic in result.diagnostics {
        if holders[diagnostic] == nil { order.append(diagnostic) }
        if holders[diagnostic]?.last != index { holders[diagnostic, default: []].append(index) }
      }
    }
    return order.map { diagnostic in
      let indices = holders[diagnostic] ?? []
      var conditioned = diagnostic
      // Only a fix that leaves every other bundle's health check as healthy as it was.
      let safe = ([diagnostic.fix].compactMap { $0 } + diagnostic.alternatives).filter {
        harmless($0, indices)
      }
      conditioned.fix = safe.first
      conditioned.alternatives = Array(safe.dropFirst())
      if diagnostic.fix != nil, safe.isEmpty {
        conditioned.help = [
          diagnostic.help,
          "no fix offered: each one would break the health check of another bundle the deploy script assembles",
        ].compactMap { $0 }.joined(separator: "; ")
      }
      guard indices.count < candidates.count else { return conditioned }
      for index in indices {
        conditioned.related.append(
          RelatedLocation(candidates[index].location, "holds \(candidates[index].condition)"))
      }
      return conditioned
    }
  }

  /// The health checks of the first bundle, each answering as every bundle does: one answer
  /// when all agree, else each bundle's answer with its condition.
  static func predictions(_ results: [LintResult], _ candidates: [BundleCandidate])
    -> [HealthCheckPrediction]
  {
    guard let first = results.first else { return [] }
    return first.predictions.enumerated().map { position, prediction in
      let answers = results.map { result -> HealthCheckPrediction? in
        result.predictions.first {
          $0.environment.name == prediction.environment.name && $0.process == prediction.process
        } ?? (position < result.predictions.count ? result.predictions[position] : nil)
      }
      var headline = prediction
      let shown = zip(candidates, answers).map { candidate, answer in
        "\(candidate.condition): " + (answer.map(Self.answerText) ?? "no such health check")
      }
      if answers.allSatisfy({
        $0?.status == prediction.status && $0?.healthy == prediction.healthy
          && $0?.verdict == prediction.verdict
      }) {
        headline.trace.append(
          "bundle", "every bundle the deploy script assembles gives this answer",
          at: candidates[0].location)
        return headline
      }
      headline.trace.append(
        "bundle", "the answer depends on the bundle deployed: " + shown.joined(separator: "; "),
        at: candidates[0].location)
      var outcomes: [ConditionedOutcome] = []
      for (candidate, answer) in zip(candidates, answers) {
        var premise = DeploymentPremise(
          kind: .deployedBundle, condition: candidate.condition,
          reason: "the deploy script copies files into the bundle", location: candidate.location)
        premise.bundle = candidate.condition
        guard let answer else {
          let missing = Unverifiable(
            "this bundle has no health check \(prediction.environment.name)/\(prediction.process)",
            at: candidate.location)
          outcomes.append(
            ConditionedOutcome(
              assumptions: [], status: nil, healthy: nil, verdict: .unverifiable([missing]),
              premise: premise))
          continue
        }
        outcomes += HealthCheckSimulator.premised(answer, premise)
      }
      return HealthCheckSimulator.combined(headline, outcomes)
    }
  }

  /// `400 (unhealthy)`, `no answer (unhealthy)`, `unknown`.
  static func answerText(_ prediction: HealthCheckPrediction) -> String {
    if case .conditional(let outcomes) = prediction.verdict {
      return outcomes.map { "\($0.condition) \($0.answer)" }.joined(separator: ", ")
    }
    let answer = prediction.verdict.checkerAnswer(status: prediction.status)
    guard let healthy = prediction.healthy else { return answer }
    return answer + (healthy ? " (healthy)" : " (unhealthy)")
  }
}

extension SourceFiles {
  /// These files with every file a deploy script copies into the bundle, under its own path
  /// (where findings about it are shown), when the bundle rules left it out.
  package var withBundleSources: SourceFiles {
    var result = self
    for candidate in bundleCandidates {
      for file in [candidate.script] + candidate.copies.map(\.file) where result[file.path] == nil {
        result.insert(file)
      }
    }
    return result
  }
}
