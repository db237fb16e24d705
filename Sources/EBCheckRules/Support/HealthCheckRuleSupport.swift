import EBCheckCore
import EBCheckSimulation

/// What every HC rule shares: walking the predictions once per distinct finding place,
/// and the related locations and trace that explain a prediction.
extension Rule {
  /// Calls `make` for each prediction; findings at the same place are reported once.
  package func eachPrediction(
    _ context: LintContext, _ make: (HealthCheckPrediction) -> Diagnostic?
  ) -> [Diagnostic] {
    var seen = Set<Location>()
    var found: [Diagnostic] = []
    for prediction in context.predictions {
      guard var diagnostic = make(prediction), seen.insert(diagnostic.location).inserted else {
        continue
      }
      diagnostic.related += prediction.conditions
      found.append(diagnostic)
    }
    return found
  }
}

extension HealthCheckPrediction {
  /// The health-check path option, when a file sets it.
  package var pathRelated: [RelatedLocation] {
    guard let location = check?.path.location else { return [] }
    return [RelatedLocation(location, "health check path \(path ?? "/") set here")]
  }

  /// `process default of environment x` for messages.
  package var subject: String {
    "the \(loadBalancer.rawValue) load balancer's check of \(path ?? "/")"
  }

  /// Where a finding goes when the model has no better place: the path option or the settings.
  package func fallbackLocation(_ context: LintContext) -> Location? {
    if let location = check?.path.location { return location }
    if let app = context.environment(of: self).django {
      return Location(file: app.settingsFile, span: Span(at: 0))
    }
    return nil
  }
}
